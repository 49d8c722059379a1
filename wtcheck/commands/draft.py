"""``wtcheck draft``: a description drafted from the documents a partnership publishes.

Reads each local document (HTML, PDF, Word), finds what the cues can be sure of,
merges the documents into one description with the evidence of each value, checks
the draft against the schema before writing it (never over a file), saves the
schema beside it, and lists what was found and what was not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wtcheck.commands.common import SCHEMA_FILE, save_schema_beside, write_description
from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import load_bytes
from wtcheck.core.schema import schema, validate_document
from wtcheck.formats import registry
from wtcheck.shell.output import result, say

DEFAULT_OUTPUT = Path("arrangements.yaml")


@dataclass(frozen=True)
class Draft:
    """What ``draft`` was asked to do."""

    documents: list[Path] = field(default_factory=list)
    output: Path | None = None
    """Where to write the draft (default: ./arrangements.yaml); never over a file."""


def run(request: Draft) -> int:
    """Draft a description from the documents; 0 when written, 2 when a document cannot be read."""
    from wtcheck.draft.assemble import assemble
    from wtcheck.draft.extract import extract
    from wtcheck.draft.reading import read_document

    if not request.documents:
        raise WtcheckError("name the documents to draft from: wtcheck draft DOCUMENT... (HTML, PDF or Word .docx)")
    target = request.output or DEFAULT_OUTPUT
    if target.exists() or target.is_symlink():
        raise WtcheckError(f"{target} already exists; wtcheck never writes over a description: choose another "
                           "name with -o, or move the file first")
    names = {str(path.resolve()) for path in request.documents}
    if str(target.resolve()) in names:
        raise WtcheckError(f"refusing to write the draft over a document it reads: {target}")
    drafts = [extract(read_document(path)) for path in request.documents]
    model = assemble(drafts)
    text = registry.render_text("draft", "yaml", draft_data(model, f"./{SCHEMA_FILE}"))
    problems = validate_document(load_bytes(text.encode("utf-8"), str(target)))
    if problems:  # a bug in the drafter, never the documents' fault: write nothing wrong
        raise WtcheckError(f"internal error: the draft does not pass the schema ({problems[0]}); nothing was written")
    write_description(target, text)
    save_schema_beside(target)
    say(f"wrote {target}")
    result(summary(model, target))
    return 0


def draft_data(model: Any, schema_file: str) -> dict[str, Any]:
    """The draft as the YAML format renders it."""
    return {"schema_file": schema_file, "files": model.files, "description": model.description,
            "missing": [{"path": path, "about": about} for path, about in model.missing],
            "editions": model.editions, "sections": list(schema("arrangements")["properties"])}


def summary(model: Any, target: Path) -> str:
    """What was found (each value and where) and what was not, and what to do next."""
    lines = [f"drafted {target} from {len(model.files)} document(s): {', '.join(model.files)}",
             f"found ({len(model.found)}):"]
    width = min(max((len(path) for path, _, _ in model.found), default=0), 44)
    for path, value, where in model.found:
        shown = value if len(value) <= 60 else value[:57] + "..."
        lines.append(f"  {path.ljust(width)}  {shown}  ({where})")
    lines.append(f"not found ({len(model.missing)}):")
    lines += [f"  {path}" for path, _ in model.missing]
    if model.notes:
        lines.append("notes:")
        lines += [f"  {note}" for note in model.notes]
    if not any(path.endswith(".published") for path, _, _ in model.found):
        named = f" (the documents refer to Working Together {', '.join(model.editions)})" if model.editions else ""
        lines.append(f"no publication date was found: give arrangements.published or annual_report.published, "
                     f"or an edition{named}, so that wtcheck validate knows which edition applies")
    lines.append(f"next: check each value against its evidence, fill in what was not found, then run "
                 f"wtcheck validate {target}")
    return "\n".join(lines) + "\n"
