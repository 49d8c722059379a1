"""Properties of drafting that hold for any document: it never fails, and what it writes always loads and passes."""

from __future__ import annotations

import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wtcheck.commands.draft import draft_data
from wtcheck.core.loading import load_bytes
from wtcheck.core.schema import validate_document
from wtcheck.draft.assemble import assemble
from wtcheck.draft.extract import extract
from wtcheck.draft.reading import read_document
from wtcheck.formats import registry
from wtcheck.formats.yaml import scalar

WORDS = ["Kestrelford", "Borough", "Council", "NHS", "Integrated", "Care", "Board", "ICB", "Police", "Constabulary",
         "Chief", "Executive", "Constable", "Director", "of", "Children's", "Services", "delegated", "lead",
         "safeguarding", "partners", "are", "the", "Safeguarding", "Children", "Partnership", "Independent", "Chair",
         "Scrutineer", "Published:", "28", "November", "2024", "April", "to", "March", "2025", "£189,000", "45%", "and",
         "Total", "report", "sent", "Health", "Wellbeing", "Panel", "relevant", "agencies", "include:", "Jo", "Example",
         ",", ".", ";", ":", "-", "(", ")", '"', "Continuum", "Need", "threshold", "2023/24", "budget", "CCG", "£", "%"]
HEADINGS = ["Our safeguarding partners", "3.2 Funding", "Relevant agencies", "Escalation", "Training",
            "Voice of the child", "Independent scrutiny", "Rapid reviews", "Annual Report 2023-24", "Arrangements"]

text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)
cell = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
block = st.one_of(
    st.tuples(st.just("h"), st.integers(1, 4), st.sampled_from(HEADINGS) | text),
    st.tuples(st.just("p"), st.just(0), text),
    st.tuples(st.just("ul"), st.just(0), st.lists(cell, min_size=1, max_size=5)),
    st.tuples(st.just("table"), st.just(0), st.lists(st.lists(cell, min_size=2, max_size=4), min_size=1, max_size=5)),
)


def _page(title: str, blocks: list) -> str:
    parts = [f"<html><head><title>{html.escape(title)}</title></head><body>"]
    for kind, level, content in blocks:
        if kind == "h":
            parts.append(f"<h{level}>{html.escape(content)}</h{level}>")
        elif kind == "p":
            parts.append(f"<p>{html.escape(content)}</p>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in content) + "</ul>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(value)}</td>" for value in row) + "</tr>" for row in content)
            parts.append(f"<table>{rows}</table>")
    return "".join(parts) + "</body></html>"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=text, blocks=st.lists(block, min_size=1, max_size=25))
def test_any_page_drafts_a_description_that_passes_the_schema(tmp_path, title, blocks):
    path = tmp_path / "page.html"
    path.write_text(_page(title, blocks), encoding="utf-8")
    model = assemble([extract(read_document(path))])
    written = registry.render("draft", "yaml", draft_data(model, "./arrangements.schema.json"))
    assert validate_document(load_bytes(written.encode("utf-8"), "draft.yaml")) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_every_text_reads_back_as_itself(value):
    loaded = load_bytes(f"value: {scalar(value)}\n".encode(), "value.yaml").data
    assert loaded["value"] == value
