"""Any text, through load and every writer: refused precisely, or kept exactly and every output parses.

Random text (every control character, surrogates, non-characters, quotes,
markup) is written as a case's title and summary in YAML, JSONL or CSV. The
loader must refuse it with a LoadError or keep it exactly; what it keeps
goes through every writer (GraphML, GEXF, node-link JSON, CSV, Cypher, FtM,
the HTML and Markdown dossiers, the overview page and its SVG still), and each file
is read back by a reader casegraph did not write: ElementTree and networkx,
Python's json and csv modules, LadybugDB's Cypher parser, FollowTheMoney's
model, Python's HTML parser.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import ladybug
import networkx as nx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from casegraph.exports import ExportError, ExportMeta, export
from casegraph.exports.csvfiles import unneutralise
from casegraph.exports.cypher import data_statements
from casegraph.graph.projection import project_dataset
from casegraph.loaders import LoadError, load
from casegraph.reports import write_report
from casegraph.schemas.ddl import ladybug_ddl
from casegraph.schemas.text import UNSAFE_CHARACTERS
from casegraph.viz.compose import Options
from casegraph.viz.html import page_html
from casegraph.viz.svg import figure_svg
from casegraph.viz.views import figure_for

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources.yaml"

SPECIAL = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))] + [
    "\ud800", "\udbff", "\udc00", "\udfff", "\ufffe", "\uffff", "\ufeff", "\u2028", "\u2029", "\u202e",
    "'", '"', "\\", "<", ">", "&", "]]>", "<!--", "*", "_", "[", "](", "`", "#", ";", "=", "+", "-", "@", " ",
]
TEXT = st.one_of(
    st.lists(st.one_of(st.characters(), st.sampled_from(SPECIAL), st.integers(0xD800, 0xDFFF).map(chr)),
             min_size=1, max_size=16).map("".join),
    st.lists(st.one_of(st.characters(exclude_categories=("Cc", "Cs")),
                       st.sampled_from([s for s in SPECIAL if not UNSAFE_CHARACTERS.search(s)])),
             min_size=1, max_size=16).map("".join),
)
"""Any text (most of it refused), or text without the refused characters (all of it kept, but for
a CSV cell of spaces only): both paths are exercised."""


def _yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text` (every character escaped)."""
    return '"' + "".join(f"\\U{ord(c):08x}" for c in text) + '"'


def _write(folder: Path, fmt: str, text: str) -> Path:
    record = {"kind": "case", "id": "case-x", "title": text, "summary": text, "period": 2012,
              "source": "express-mylondon-2025", "paragraphs": [7]}
    if fmt == "yaml":
        body = "".join(f"  {k}: {_yaml_quoted(v) if k in ('title', 'summary') else json.dumps(v)}\n"
                       for k, v in record.items())
        path = folder / "x.yaml"
        path.write_text("-" + body[1:], encoding="utf-8")
    elif fmt == "jsonl":
        path = folder / "x.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="ascii")
    else:
        path = folder / "x.csv"
        with open(path, "w", newline="", encoding="utf-8", errors="surrogatepass") as handle:
            writer = csv.writer(handle)
            writer.writerow(record)
            writer.writerow([";".join(map(str, v)) if isinstance(v, list) else v for v in record.values()])
    return path


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.hrefs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [value for name, value in attrs if name == "href"]

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def cypher_db():
    database = ladybug.Database()
    connection = ladybug.Connection(database)
    for statement in ladybug_ddl():
        connection.execute(statement)
    yield connection
    connection.close()
    database.close()


def _check_outputs(graph: nx.MultiDiGraph, text: str, folder: Path, connection) -> None:
    names = {"graphml": "g.graphml", "gexf": "g.gexf", "json": "g.json", "csv": "csv", "cypher": "g.cypher",
             "ftm": "g.ftm.json"}
    files = {fmt: export(graph, fmt, folder / name, ExportMeta(profile="restricted"))
             for fmt, name in names.items() if fmt != "ftm"}
    for path in (*files["graphml"], *files["gexf"]):
        ET.parse(path)  # well-formed XML
    assert nx.read_graphml(files["graphml"][0]).nodes["case-x"]["title"] == text
    assert nx.read_gexf(files["gexf"][0]).nodes["case-x"]["label"] == text
    data = json.loads(files["json"][0].read_text(encoding="utf-8"),
                      parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    assert next(n for n in data["nodes"] if n["id"] == "case-x")["title"] == text
    with open(next(p for p in files["csv"] if p.name.startswith("nodes")), newline="", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["id"] == "case-x")
    assert unneutralise(row["title"]) == text
    connection.execute("MATCH (n) DETACH DELETE n")
    for statement in data_statements(files["cypher"][0].read_text(encoding="utf-8")):
        connection.execute(statement)
    assert connection.execute("MATCH (c:CaseFile) RETURN c.title").get_next() == [text]
    try:
        [ftm] = export(graph, "ftm", folder / names["ftm"], ExportMeta(profile="restricted"))
    except ExportError as error:  # FtM's cleaning would drop the value: said, not lost
        assert "cleaning drops" in str(error) and not (folder / names["ftm"]).exists()
    else:
        from followthemoney import model

        for line in ftm.read_text(encoding="utf-8").splitlines():
            model.get_proxy(json.loads(line))
    html = _Text()
    html.feed(write_report(graph, folder / "d.html", ExportMeta(profile="restricted")).read_text(encoding="utf-8"))
    html.close()
    assert text.strip() in "".join(html.text)
    assert not any(h.lower().startswith(("javascript", "data")) for h in html.hrefs)
    markdown = write_report(graph, folder / "d.md", ExportMeta(profile="restricted")).read_text(encoding="utf-8")
    plain = write_report(_retitled(graph, "x"), folder / "p.md", ExportMeta(profile="restricted")).read_text("utf-8")
    assert _shape(markdown) == _shape(plain)  # the text added no line, heading, link or HTML
    figure = figure_for("overview", graph, Options(include_restricted=True))
    page = page_html(figure)
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    json.loads(block)
    ET.fromstring(figure_svg(figure, 1200))


def _retitled(graph: nx.MultiDiGraph, text: str) -> nx.MultiDiGraph:
    copy = graph.copy()
    copy.nodes["case-x"].update(title=text, summary=text)
    return copy


def _shape(markdown: str) -> list[str]:
    """Each line's Markdown marker (heading, bullet, number, quote), and unescaped `<`, `[` or `](`."""
    shape = []
    for line in markdown.splitlines():
        marker = re.match(r"^(#+ |- |\d+\. |> |)", line).group(1)
        raw = re.sub(r"\\.", "", line)
        shape.append(marker + ("<" if "<" in raw and "<http" not in raw else "") + ("[" if "[" in raw else ""))
    return [re.sub(r"\d+", "N", s) for s in shape]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, fmt=st.sampled_from(["yaml", "jsonl", "csv"]))
def test_any_text_is_refused_or_kept_and_every_output_parses(tmp_path_factory, cypher_db, text, fmt):
    folder = tmp_path_factory.mktemp("text")
    path = _write(folder, fmt, text)
    try:
        dataset = load([SOURCES, path])
    except LoadError as error:
        event("refused")
        assert all(p.file for p in error.problems)
        unsafe = UNSAFE_CHARACTERS.search(text) is not None
        if not unsafe:  # a CSV cell of spaces only, say: refused for a reason it names
            assert fmt == "csv" or any(p.field in ("title", "summary") for p in error.problems), error
        return
    event("kept")
    assert UNSAFE_CHARACTERS.search(text) is None, "text no output can hold was accepted"
    (case,) = dataset.nodes["CaseFile"]
    assert (case.title, case.summary) == (text, text), "the loader changed the text"
    _check_outputs(project_dataset(dataset), text, folder, cypher_db)


KEPT = ["Test Person A", "<script>alert(1)</script>", "a & b; 'quoted' \"double\"", "]]> <!-- -->",
        " =1+1", "\t@SUM(A1)", "line\nbreak", "\u200c\u200d \U0001F469\u200d\U0001F4BB", "[link](javascript:x) *em* _u_ `c`",
        "# heading", "caf\u00e9 \U0001F600", "\\u0027 \\"]


@pytest.mark.parametrize("fmt", ["yaml", "jsonl", "csv"])
def test_hard_texts_are_kept_exactly_and_every_output_parses(tmp_path, cypher_db, fmt):
    for number, text in enumerate(KEPT):
        folder = tmp_path / str(number)
        folder.mkdir()
        (case,) = load([SOURCES, _write(folder, fmt, text)]).nodes["CaseFile"]
        assert (case.title, case.summary) == (text, text)
        _check_outputs(project_dataset(load([SOURCES, _write(folder, fmt, text)])), text, folder, cypher_db)
