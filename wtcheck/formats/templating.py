"""The Jinja2 environments that render the HTML and Markdown formats from ``templates/``.

Nothing from an input file can become markup: the HTML environment escapes
every value (autoescape), and the Markdown environment escapes every printed
value for Markdown (``finalize``). Before that, in both, every printed text is
made :func:`~wtcheck.core.text.flowing`: on one line, with controls,
bidirectional and zero-width characters shown as escapes. Templates never
evaluate data: a partner named ``{{ 7*7 }}`` is printed as those characters.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from wtcheck.core.resources import cached, data_dir
from wtcheck.core.text import flowing
from wtcheck.formats import view
from wtcheck.formats.citations import citation_segments


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` (``.html.j2`` or ``.md.j2``) with ``context``."""
    kind = "html" if template.endswith(".html.j2") else "md"
    return environment(kind).get_template(template).render(**context)


@cached
def environment(kind: str) -> Environment:
    """The environment for ``html`` (autoescaped) or ``md`` (Markdown-escaped)."""
    options: dict[str, Any] = ({"autoescape": True, "finalize": html_text} if kind == "html"
                               else {"finalize": markdown_escape})
    env = Environment(loader=FileSystemLoader(str(data_dir("templates"))), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, **options)
    env.filters.update(citation=view.citation_text, evidence=view.evidence_text, web_address=view.web_address,
                       location=view.location_text, share=view.share_text, problem=view.problem_text,
                       md_link=markdown_link, citation_segments=citation_segments)
    env.globals.update(groups=view.groups, top_gaps=view.top_gaps, tally=view.tally, headline=view.headline,
                       coverage=view.coverage, heat_map=view.heat_map, colours=view.OUTCOME_COLOURS,
                       picture_order=view.PICTURE_ORDER, coming=view.coming, commencement_note=view.commencement_note)
    return env


def html_text(value: Any) -> Any:
    """A printed value made :func:`flowing` when it is text (autoescape then makes it HTML text)."""
    return flowing(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def markdown_escape(value: Any) -> Any:
    """Make a printed value plain text in Markdown (:func:`~wtcheck.formats.view.markdown_text`)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(view.markdown_text(value))


def markdown_link(text: Any, address: Any) -> Markup:
    """A Markdown link to an http(s) address, or just the escaped text when the address is not one."""
    label = markdown_escape(text)
    url = view.web_address(address)
    if url is None:
        return Markup(label)
    return Markup(f"[{label}](<{url.replace('<', '%3C').replace('>', '%3E')}>)")
