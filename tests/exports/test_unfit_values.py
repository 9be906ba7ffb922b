"""Every writer on its own: no file its format's reader refuses, no link that is not http(s), no formula."""

from __future__ import annotations

import csv
import json
import textwrap
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.exports import ExportError, export, read_csv
from casegraph.reports import write_report
from tests.exports.helpers import graph_diff
from tests.exports.test_any_text import _Text

ROOT = Path(__file__).resolve().parents[2]
WRITERS = {"graphml": "g.graphml", "gexf": "g.gexf", "json": "g.json", "csv": "csv", "cypher": "g.cypher",
           "ftm": "g.ftm.json", "html": "d.html", "markdown": "d.md"}


def _graph(**source) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("src", label="Source", id="src", title="T", publisher="P", published="2025-11-10",
                   doc_type="article", sensitivity="public", **source)
    graph.add_node("case-a", label="CaseFile", id="case-a", title="Test Person A", summary="S", period="2012",
                   year_start=2012, year_end=2012, source="src", paragraphs=[7], status="reported",
                   sensitivity="public", cases_represented=1, described_individually=True, child_case=True,
                   entry_type="case", victims_at_least=False, outcomes=[])
    return graph


def _write(graph: nx.MultiDiGraph, fmt: str, folder: Path):
    if fmt in ("html", "markdown"):
        return [write_report(graph, folder / WRITERS[fmt])]
    return export(graph, fmt, folder / WRITERS[fmt])


@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("value", ["Test Person A\f", "nul\x00", "\ud800", "\uffff", 2**64, float("nan")])
def test_a_value_no_format_can_hold_is_refused_before_any_file(tmp_path, fmt, value):
    graph = _graph()
    graph.nodes["case-a"]["title" if isinstance(value, str) else "cases_represented"] = value
    with pytest.raises(ExportError, match=r"^node 'case-a': property '(title|cases_represented)' "):
        _write(graph, fmt, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_graphml_and_gexf_of_a_form_feed_used_to_be_unreadable(tmp_path):
    """The issue's example: the writers now refuse, naming node, property and character."""
    graph = _graph()
    graph.nodes["case-a"]["title"] = "Test Person A\f"
    for fmt in ("graphml", "gexf"):
        with pytest.raises(ExportError) as caught:
            _write(graph, fmt, tmp_path)
        assert str(caught.value) == (
            "node 'case-a': property 'title' holds U+000C (a control character or non-character: no output can "
            "carry it) at character 14; remove it or write a space; nothing was written")


def test_ftm_refuses_a_value_its_cleaning_would_drop(tmp_path):
    graph = _graph()
    graph.nodes["src"]["published"] = "2025-13-45"
    with pytest.raises(ExportError) as caught:
        export(graph, "ftm", tmp_path / "g.ftm.json")
    assert str(caught.value) == ("FtM entity 'casegraph-src': FollowTheMoney's date cleaning drops "
                                 "Article.publishedAt = '2025-13-45'; nothing was written")
    graph = _graph(url="javascript:alert(1)")
    with pytest.raises(ExportError, match="FollowTheMoney's url cleaning drops Article.sourceUrl"):
        export(graph, "ftm", tmp_path / "g.ftm.json")
    assert list(tmp_path.iterdir()) == []


def test_ftm_values_are_written_as_ftm_cleans_them(tmp_path):
    from followthemoney import model

    [path] = export(_graph(url="https://example.org/a"), "ftm", tmp_path / "g.ftm.json")
    entities = [json.loads(line) for line in path.read_text().splitlines()]
    for entity in entities:
        proxy = model.get_proxy(entity, cleaned=False)
        assert proxy.to_dict()["properties"] == entity["properties"]
    article = next(e for e in entities if e["schema"] == "Article")
    assert article["properties"]["publishedAt"] == ["2025-11-10"]
    assert article["properties"]["sourceUrl"] == ["https://example.org/a"]


CRAFTED = ["javascript:alert(1)", "https://x.org/\"><script>alert(1)</script>", "https://x.org/a>b<img src=x>",
           "data:text/html,<script>alert(1)</script>", "https://x.org/ [y](javascript:z)"]


@pytest.mark.parametrize("url", CRAFTED)
def test_dossiers_link_only_http_urls_and_escape_them(tmp_path, url):
    graph = _graph(url=url)
    html = _Text()
    html.feed(write_report(graph, tmp_path / "d.html").read_text(encoding="utf-8"))
    assert "script" not in html.tags and "img" not in html.tags
    assert all(h.startswith(("#cite-", "https://", "http://")) and '"' not in h and "<" not in h for h in html.hrefs)
    markdown = write_report(graph, tmp_path / "d.md").read_text(encoding="utf-8")
    sources = markdown.split("## Sources", 1)[1].split("## Citations", 1)[0]
    assert "<script" not in sources and "<img" not in sources and "javascript:" not in sources
    assert "data:" not in sources


def test_markdown_autolink_percent_encodes_what_could_end_it(tmp_path):
    from casegraph.reports.markdown import link_target

    assert link_target("https://x.org/a b<c>\"d\"`e\\f") == "https://x.org/a%20b%3Cc%3E%22d%22%60e%5Cf"
    markdown = write_report(_graph(url="https://x.org/caf\u00e9_(1)?q=a&b=%20"), tmp_path / "d.md").read_text()
    assert "- T (P, 2025-11-10) <https://x.org/caf%C3%A9_(1)?q=a&b=%20>" in markdown


@pytest.mark.parametrize("text", [" =1+1", "  +1", "\u00a0@A1", "\u200c=cmd", "\uff1d1+1", "\t-1", "'kept"])
def test_csv_export_neutralises_formulas_after_leading_whitespace(tmp_path, text):
    graph = _graph()
    graph.nodes["case-a"]["title"] = text
    files = export(graph, "csv", tmp_path / "csv")
    with open(files[0], newline="", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["id"] == "case-a")
    assert row["title"] == "'" + text
    assert graph_diff(graph, read_csv(files[2])) == []


def test_query_csv_neutralises_formulas_after_leading_whitespace(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.yaml").write_text(textwrap.dedent("""\
        - kind: indicator
          id: formula
          name: " =1+1"
          description: "\\u00a0@SUM(A1)"
          source: casegraph-indicators
          locator: test
        """))
    runner = CliRunner()
    store = tmp_path / "store"
    built = runner.invoke(cli, ["build", "--store", str(store), "--no-overview",
                                str(ROOT / "data" / "sources.yaml"), str(data)])
    assert built.exit_code == 0, built.output
    result = runner.invoke(cli, ["query", "--store", str(store), "--format", "csv", "--cypher",
                                 "MATCH (i:Indicator {id: 'formula'}) RETURN i.name AS name, i.description AS d"])
    rows = list(csv.reader(result.stdout.splitlines()))
    assert rows == [["name", "d"], ["' =1+1", "'\u00a0@SUM(A1)"]]


def test_typed_comparison_tells_2012_from_2012_0_and_true_from_1():
    a, b = nx.MultiDiGraph(), nx.MultiDiGraph()
    a.add_node("n", year=2012, flag=True, xs=[1])
    b.add_node("n", year=2012.0, flag=1, xs=[1.0])
    assert {2012, True} == {2012.0, 1}  # what a plain comparison would let through
    (problem,) = graph_diff(a, b)
    assert "flag" in problem and "year" in problem and "xs" in problem


@pytest.mark.parametrize("fmt", [f for f in WRITERS if f not in ("html", "markdown")])
def test_an_export_of_a_checked_graph_is_the_same_files_and_the_next_unchecked_one_checks_again(tmp_path, fmt):
    """`export(checked=True)` (a server's kept selection, `refuse_unfit_graph` passed once) skips only
    the item-by-item look at values it already passed: the same bytes; an export without it still refuses."""
    from casegraph.exports.base import refuse_unfit_graph

    graph = _graph()
    refuse_unfit_graph(graph)
    plain, checked = tmp_path / "plain", tmp_path / "checked"
    written = [export(graph, fmt, folder / WRITERS[fmt], checked=folder == checked) for folder in (plain, checked)]
    assert [path.relative_to(plain) for path in written[0]] == [path.relative_to(checked) for path in written[1]]
    assert [path.read_bytes() for path in written[0]] == [path.read_bytes() for path in written[1]]
    graph.nodes["case-a"]["title"] = "nul\x00"
    with pytest.raises(ExportError, match=r"^node 'case-a': property 'title' "):
        export(graph, fmt, tmp_path / "again" / WRITERS[fmt])


class _TextKind(str):
    """Text of a subclass (a library's string type): checked as text."""


UNFIT_ITEMS = ["bell\x07", "\ud83d", "\ufffe", "\u202e", float("nan"), float("inf"), -float("inf"), 2**63, -(2**63) - 1]
FIT_ITEMS = ["plain", "tab\tand\nnewline", "", 0, 2**63 - 1, -(2**63), 1.5, True, None, _TextKind("sub")]


def _shapes(item) -> list:
    """`item` where a record holds it: alone, in a list of texts, of numbers, a tuple, nested lists
    (the guard's fast paths), deeper than those, in a mapping."""
    return [item, ["a", "b", item], [item, "a"], [1, item], ("a", item), [["a"], ["b", item]],
            [[["a", item]]], {"k": item}, {"k": ["a", item]}]


def _guarded_as(graph: nx.MultiDiGraph, problem: str | None, what: str, name: str) -> None:
    """`refuse_unfit_graph(graph)` passes when `problem` is None, else refuses naming `what`, `name`, `problem`."""
    from casegraph.exports.base import refuse_unfit_graph

    if problem is None:
        refuse_unfit_graph(graph)
        return
    with pytest.raises(ExportError) as caught:
        refuse_unfit_graph(graph)
    assert str(caught.value) == f"{what}: property {name} {problem}; nothing was written"


@pytest.mark.parametrize("item", UNFIT_ITEMS + FIT_ITEMS, ids=repr)
def test_the_graph_guard_refuses_exactly_what_value_problem_finds_wherever_a_value_sits(item):
    """`refuse_unfit_graph` checks the common record at once (texts joined, lists of texts in one
    join): it still refuses every value `value_problem` finds unfit, in any shape, on nodes and
    relationships, with the message naming record, property and problem; and nothing else."""
    from casegraph.schemas.text import value_problem

    for value in _shapes(item):
        for on_node in (True, False):
            graph = _graph()
            graph.add_edge("case-a", "src", key="r1", type="CITES", id="r1", note="fine", xs=["a", "b"])
            (graph.nodes["case-a"] if on_node else graph.edges["case-a", "src", "r1"])["field"] = value
            _guarded_as(graph, value_problem(value), "node 'case-a'" if on_node else "relationship 'r1'", "'field'")


@pytest.mark.parametrize("key", [7, None, 2**70, float("nan"), "bad\x00name", "\u202eeman"], ids=repr)
def test_the_graph_guard_refuses_a_property_name_value_problem_finds_unfit(key):
    """Names take the slow path when not text; refused exactly as `value_problem` says."""
    from casegraph.schemas.text import clip, value_problem

    graph = _graph()
    graph.nodes["case-a"][key] = "value"
    _guarded_as(graph, value_problem(key), "node 'case-a'", clip(key))
