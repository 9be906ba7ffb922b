"""An unknown list element (an ungraded citation's grade, a missing locator or quote) comes out of
every export format as unknown, never as the blank text the stores hold in its place."""

from __future__ import annotations

import csv
import json

from casegraph.exports import export, read_csv, read_gexf, read_graphml, read_node_link

GRADES = ("citation_reliability", "citation_credibility", "citation_handling", "citation_locators",
          "citation_quotes")


def _ungraded(graph):
    """The key and properties of a relationship of `graph` citing one ungraded citation without a locator."""
    for _, _, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: str(e[2])):
        if all(attrs.get(name) == [""] for name in GRADES):
            return key, attrs
    raise AssertionError("the London graph has no ungraded citation without a locator")


def test_an_ungraded_citation_is_unknown_in_every_format(public_graph, tmp_path):
    key, stored = _ungraded(public_graph)
    readers = {"graphml": read_graphml, "gexf": read_gexf, "json": read_node_link}
    for fmt, read in readers.items():
        (path,) = export(public_graph, fmt, tmp_path / f"g.{fmt}")
        back = next(a for _, _, k, a in read(path).edges(keys=True, data=True) if k == key)
        assert all(back[name] == [None] for name in GRADES), (fmt, {n: back[n] for n in GRADES})
        assert stored["citation_reliability"] == [""]  # the graph exported is left as it was
    link = next(link for link in json.loads((tmp_path / "g.json").read_text())["edges"] if link["key"] == key)
    assert [link[name] for name in GRADES] == [[None]] * len(GRADES)

    files = export(public_graph, "csv", tmp_path / "csv")
    back = read_csv(next(f for f in files if f.name.startswith("metadata")))
    assert all(a[name] == [None] for _, _, k, a in back.edges(keys=True, data=True) if k == key for name in GRADES)
    with open(next(f for f in files if f.name.startswith("citations")), newline="", encoding="utf-8") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["fact_id"] == key]
    assert [row[n] for n in ("reliability", "credibility", "handling", "locator", "quote")] == [""] * 5  # empty: unknown

    (path,) = export(public_graph, "ftm", tmp_path / "g.ftm.json")
    text = path.read_text(encoding="utf-8")
    assert "not graded" in text and ", graded ," not in text

    # the Cypher script recreates the stores, whose lists cannot hold null: it writes what they hold
    (path,) = export(public_graph, "cypher", tmp_path / "g.cypher")
    statement = next(line for line in path.read_text(encoding="utf-8").splitlines() if f"'{key}'" in line)
    assert "`citation_reliability`: ['']" in statement


def test_a_citation_without_paragraphs_has_unknown_paragraphs_in_every_format(public_graph, tmp_path):
    """A citation located by its `locator` alone gives no paragraphs: unknown (null; an empty cell in
    `citations.csv`) in every format, as in `citations_of`, never `[]` in one and null in another; its
    tooltip and FtM text still say where it is (the locator), not "paragraphs"."""
    from casegraph.schemas.citations import citation_text, citations_of

    node, stored = next((n, a) for n, a in sorted(public_graph.nodes(data=True))
                        if a.get("citation_paragraphs") == [""] and a.get("citation_locators", [""])[0])
    (cited,) = citations_of(stored)
    assert (cited["paragraphs"], cited["locator"]) == (None, stored["citation_locators"][0])
    assert "paragraph" not in citation_text(cited) and cited["locator"] in citation_text(cited)
    readers = {"graphml": read_graphml, "gexf": read_gexf, "json": read_node_link}
    for fmt, read in readers.items():
        (path,) = export(public_graph, fmt, tmp_path / f"g.{fmt}")
        assert read(path).nodes[node]["citation_paragraphs"] == [None], fmt
    files = export(public_graph, "csv", tmp_path / "csv")
    back = read_csv(next(f for f in files if f.name.startswith("metadata")))
    assert back.nodes[node]["citation_paragraphs"] == [None]
    with open(next(f for f in files if f.name.startswith("citations")), newline="", encoding="utf-8") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["fact_id"] == node]
    assert (row["paragraphs"], row["locator"]) == ("", cited["locator"])  # was "[]": a list of none, not unknown
    (path,) = export(public_graph, "ftm", tmp_path / "g.ftm.json")
    assert cited["locator"] in path.read_text(encoding="utf-8")


def test_an_unknown_element_is_never_written_none_in_ftm_keywords(public_graph, tmp_path):
    """FtM keeps a property without an FtM home as a keyword `name:value`: an unknown element reads
    `unknown`, the text outputs' word (`schemas.citations.UNKNOWN_TEXT`), never Python's `None`."""
    from casegraph.exports.ftm import read_ftm

    node = "hillingdon-2000-2016-bellfield-group"  # its inferred links' handling codes are unknown
    assert None in public_graph.nodes[node].get("inferred_link_handling", []) or \
        "" in public_graph.nodes[node].get("inferred_link_handling", [])
    path = export(public_graph, "ftm", tmp_path / "all.ftm.json")[0]
    keywords = [k for e in read_ftm(path) for k in e["properties"].get("keywords", [])]
    assert "inferred_link_handling:unknown" in keywords
    assert not [k for k in keywords if k.endswith(":None") or k.endswith(":")], keywords[:20]
