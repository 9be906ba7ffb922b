"""`casegraph search --borough --decade`: the explorer's search filters (`graph.search.SearchIndex`), on the
real London store."""

from __future__ import annotations

import json

import casegraph
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.graph.search import SearchIndex


def _search(store, *args):
    result = CliRunner().invoke(cli, ["search", *args, "--store", str(store.directory), "--format", "json"])
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)]


def test_search_filters_by_borough_and_decade_as_the_explorer_does(london_store):
    index = SearchIndex(casegraph.open(london_store.directory).graph("public"))
    for filters, given in (({"borough": "hillingdon"}, ("--borough", "hillingdon")),
                           ({"decade": 2010}, ("--decade", "2010s")),
                           ({"borough": "lambeth", "decade": 2020}, ("--borough", "Lambeth", "--decade", "2020")),
                           ({"borough": "hillingdon", "labels": ["CaseFile"]}, ("--borough", "hillingdon", "--kind", "case"))):
        text = index.search("", limit=1, **filters).hits[0].name  # a name the filter keeps
        explorer = [hit.id for hit in index.search(text, limit=50, **filters).hits]
        assert explorer and _search(london_store, text, *given, "--limit", "50") == explorer, given
    everywhere = _search(london_store, "child", "--limit", "200")
    narrowed = _search(london_store, "child", "--borough", "hillingdon", "--limit", "200")
    assert narrowed and set(narrowed) < set(everywhere)


def test_an_unknown_borough_or_a_decade_written_otherwise_is_refused(london_store):
    for args, said in ((("--borough", "atlantis"), "atlantis"), (("--decade", "the nineties"), "1990s or 1990")):
        result = CliRunner().invoke(cli, ["search", "case", *args, "--store", str(london_store.directory)])
        assert result.exit_code != 0 and said in result.output and "Traceback" not in result.output, result.output


def test_a_filter_given_twice_is_refused_not_read_as_its_last_value(london_store):
    """`--decade 2010s --decade 2000s` answered as the 2000s alone (a newcomer's finding); the explorer refuses it too."""
    for option, first, second in (("--decade", "2010s", "2000s"), ("--borough", "lambeth", "croydon")):
        result = CliRunner().invoke(cli, ["search", "child", option, first, option, second,
                                          "--store", str(london_store.directory)])
        assert result.exit_code == 2 and f"given 2 times ({first}, {second}): the search takes one" in result.output


def test_nothing_found_says_which_filter_left_it_out(london_store):
    result = CliRunner().invoke(cli, ["search", "child", "--decade", "1890s", "--store", str(london_store.directory)])
    assert result.exit_code == 0 and "nothing matches 'child' with --decade 1890s" in result.stderr


def test_a_borough_and_a_decade_hold_per_case(london_store):
    """`--borough lambeth --decade 2000s` finds no indicator seen in Lambeth only in the 2020s, though it is seen
    in the 2000s elsewhere (Islington): the filters hold per case, as the explorer's (`SearchIndex.search`)."""
    assert "missing-episodes" in _search(london_store, "missing episodes", "--borough", "lambeth")
    assert "missing-episodes" in _search(london_store, "missing episodes", "--decade", "2000s")
    assert "missing-episodes" not in _search(london_store, "missing episodes", "--borough", "lambeth", "--decade", "2000s")
    assert "missing-episodes" in _search(london_store, "missing episodes", "--borough", "lambeth", "--decade", "2020s")
