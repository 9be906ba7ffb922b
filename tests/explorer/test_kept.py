"""What the explorer keeps between pages: bounded, per build and profile, the same answer as made anew."""

from __future__ import annotations

import networkx as nx
import pytest

from casegraph.explorer.kept import Kept
from casegraph.graph.selection import Selection, select


def test_kept_is_least_recently_used_within_its_weight():
    kept, made = Kept(weight=10), []

    def make(value):
        made.append(value)
        return value

    assert kept.get("a", lambda: make("a"), lambda v: 4) == "a"
    assert kept.get("b", lambda: make("b"), lambda v: 4) == "b"
    assert kept.get("a", lambda: make("again"), lambda v: 4) == "a"  # kept: not made again, and now the newest
    kept.get("c", lambda: make("c"), lambda v: 4)  # 12 > 10: the least recently used ("b") goes
    assert made == ["a", "b", "c"] and len(kept) == 2 and kept.weight == 8
    kept.get("b", lambda: make("b2"), lambda v: 4)
    assert made[-1] == "b2"
    assert kept.get("huge", lambda: "huge", lambda v: 11) == "huge" and len(kept) == 2  # heavier than all: not kept
    with pytest.raises(ValueError):
        kept.get("bad", lambda: (_ for _ in ()).throw(ValueError("no")), lambda v: 1)
    assert "bad" not in kept._entries
    assert list(kept._entries) == ["c", "b"]
    kept.touch("c")  # now the newest: "b" is the least recently used
    kept.touch("missing")  # nothing kept: nothing happens
    kept.get("d", lambda: make("d"), lambda v: 4)
    assert list(kept._entries) == ["c", "d"] and kept.weight == 8
    kept.clear()
    assert len(kept) == 0 and kept.weight == 0


def test_a_selections_pages_share_what_was_read_and_drawn(public_client, london_public):
    """A borough's views, its still and its export read its selection once; what is kept equals
    the selection read anew, under this build and profile."""
    london_public.forget()
    first = public_client.get("/views/overview?borough=lambeth")
    reads = []
    original = london_public.hydrate
    london_public.hydrate = lambda part: reads.append(part) or original(part)
    try:
        again = public_client.get("/views/overview?borough=lambeth")
        for url in ("/views/patterns?borough=lambeth", "/views/patterns/still?format=svg&borough=lambeth",
                    "/export?format=json&borough=lambeth"):
            assert public_client.get(url).status_code == 200, url
    finally:
        del london_public.hydrate
    assert first.status_code == again.status_code == 200 and first.text == again.text and reads == []
    build = london_public.store.manifest()["build_id"]
    assert london_public.build_id == build
    key = london_public.key("selection", repr(Selection(boroughs=("lambeth",))))
    assert key[:2] == (build, "public")
    kept = london_public.kept.get(key, lambda: pytest.fail("the selection was not kept"), len)
    fresh = london_public.hydrate(select(london_public.graph, Selection(boroughs=("lambeth",)), london_public.view))
    assert list(kept.nodes(data=True)) == list(fresh.nodes(data=True))
    assert list(kept.edges(keys=True, data=True)) == list(fresh.edges(keys=True, data=True))
    assert isinstance(kept, nx.MultiDiGraph)


def test_another_build_is_never_answered_from_what_was_kept(public_client, london_public, monkeypatch):
    london_public.forget()
    assert public_client.get("/export?format=json&borough=lambeth").status_code == 200
    entries = len(london_public.kept_files)
    monkeypatch.setattr(london_public, "build_id", "another-build")
    assert public_client.get("/export?format=json&borough=lambeth").status_code == 200
    assert len(london_public.kept_files) == entries + 1  # made anew under the other build's key
    london_public.forget()


@pytest.mark.parametrize("profile", ["london_public", "london_restricted"])
def test_a_view_drawn_from_a_prepared_selection_is_the_view_drawn_anew(profile, request):
    """The explorer prepares a selection once (`viz.views.prepare`: the unfit-text guard and the
    public-profile rule) for all its views: each comes out as `figure_for` draws it from scratch."""
    from casegraph.explorer.app import VIEW_NAMES
    from casegraph.viz.compose import Options
    from casegraph.viz.pages import still_svg
    from casegraph.viz.views import figure_for, prepare

    explorer = request.getfixturevalue(profile)
    whole = explorer.hydrate(select(explorer.graph, Selection(boroughs=("lambeth",)), explorer.view))
    options = lambda: Options(include_restricted=explorer.include_restricted)  # noqa: E731
    ready = prepare(whole, options())
    for view in VIEW_NAMES:
        params = {"node": "lambeth", "hops": 1} if view == "ego" else {}
        anew = still_svg(figure_for(view, whole, options(), **params))
        assert still_svg(figure_for(view, ready, options(), prepared=True, **params)) == anew, view


def test_an_export_of_a_kept_selection_is_the_librarys_export_of_it(public_client, london_public, tmp_path):
    """The explorer checks a selection once (`refuse_unfit_graph`) for all its views and exports, and
    its views keep it (`Kept.touch`): the export after them is the library's, byte for byte."""
    from casegraph.exports import SUFFIXES, export
    from casegraph.exports.base import ExportMeta

    london_public.forget()
    selection = Selection(boroughs=("lambeth",))
    for view in ("overview", "patterns", "decades"):
        assert public_client.get(f"/views/{view}?borough=lambeth").status_code == 200
    assert london_public.kept.get(london_public.key("selection", repr(selection)),
                                  lambda: pytest.fail("the views let the selection go"), len)
    whole = london_public.hydrate(select(london_public.graph, selection, london_public.view))
    for fmt in ("graphml", "gexf", "json", "cypher", "ftm"):
        response = public_client.get(f"/export?format={fmt}&borough=lambeth")
        meta = ExportMeta(profile="public", selection=selection.describe())
        [path] = export(whole, fmt, tmp_path / f"casegraph{SUFFIXES[fmt]}", meta)
        assert response.status_code == 200 and response.content == path.read_bytes(), fmt
    london_public.forget()


def test_a_part_read_from_record_files_is_not_looked_at_twice_but_any_other_is(london_public):
    """`Explorer.refuse_unfit`: a graph in memory (or from Neo4j) holding text no page can hold is
    refused; a part read from an embedded build's record files, whose load refused such text by the same
    rule, passes (and holds none)."""
    from casegraph.exports import ExportError
    from casegraph.exports.base import refuse_unfit_graph
    from casegraph.explorer.state import Explorer
    from casegraph.graph.projection import project

    assert london_public.view.records is not None
    whole = london_public.hydrate(select(london_public.graph, Selection(boroughs=("lambeth",)), london_public.view))
    london_public.refuse_unfit(whole)
    refuse_unfit_graph(whole)  # what the build's load made sure of
    graph = project(london_public.view)
    case = next(n for n, a in graph.nodes(data=True) if a.get("label") == "CaseFile")
    graph.nodes[case]["summary"] = "a form feed\x0c from pdftotext"
    in_memory = Explorer(None, None, graph, include_restricted=False)
    with pytest.raises(ExportError, match="summary"):
        in_memory.refuse_unfit(in_memory.hydrate(graph))


def test_a_server_settles_its_collector():
    """`settle`: what is loaded is out of the cyclic collector's reach, and young collections come every
    `YOUNG_COLLECTION` allocations, not CPython's 700 (a page's records are not walked hundreds of times)."""
    import gc

    from casegraph.explorer.state import YOUNG_COLLECTION, settle

    before = gc.get_threshold()
    try:
        settle()
        assert gc.get_threshold()[0] == YOUNG_COLLECTION > 700
        assert gc.get_threshold()[1:] == before[1:]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
