"""The explorer's routes: search, entity pages, networks, connections, query forms, views, downloads.

Every route is GET (HEAD): nothing writes, nothing takes Cypher. Pages are
rendered on the server by Jinja2 with autoescaping on, so they work without
JavaScript and text from the data is always text; only pages that draw a
network load scripts (vis-network and the view script, served from here).
User errors (an unknown id, a parameter of the wrong type, a selection that
names nothing) come back as a page saying what would work, with status 400
or 404, never a traceback; a route a page's script fetches (`/tip`) answers
them as JSON, `{"error": message}` with the same status. A URL asking for
restricted data the profile served leaves out (`include_restricted=true` on
a public explorer) is a 400 saying how to serve it, on every route
(`queries.restricted`, the one rule).
"""

from __future__ import annotations

from functools import cache, wraps
from typing import Callable
from importlib import resources
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from casegraph import __version__
from casegraph.exports import FORMATS, ExportError
from casegraph.exports.base import conditional_citations, conditions_notice
from casegraph.explorer.downloads import Download, dossier_file, export_file, still_file
from casegraph.explorer.entity import entity_page, kind_name
from casegraph.explorer.forms import cell, form_fields, given_params, page_links
from casegraph.explorer.paging import Pages, by_page_number, page_number
from casegraph.explorer.params import SELECTED, Takes, decade_of, declared, selection_fields, selection_of, selection_query
from casegraph.explorer.paths import connections
from casegraph.explorer.security import LocalHosts, SecurityHeaders, valid_id
from casegraph.explorer.state import Explorer
from casegraph.graph.search import kind_label
from casegraph.graph.selection import SEARCH_HINT, Selection, SelectionError, resolve_node, select
from casegraph.queries import QueryError, catalog
from casegraph.queries.restricted import RESTRICTED_PARAM, RestrictedRefused, asked
from casegraph.reports.model import ReportError
from casegraph.schemas import schema
from casegraph.schemas.names import display_name
from casegraph.schemas.text import UNSAFE_CHARACTERS, clip
from casegraph.schemas.words import counted, plural
from casegraph.viz.browser import BrowserError
from casegraph.viz.figure import Figure
from casegraph.viz.reading import sources_of
from casegraph.viz.views import VIEWS

__all__ = ["create_app", "PAGE_SIZE", "VIEW_NAMES", "MAX_SELECTED"]

PAGE_SIZE = 25
MAX_SELECTED = 5_000
"""The most nodes a view, still, export or dossier is made of here. A network of more is
unreadable, and a file of more is a job for `casegraph export`: a larger selection gets a
page saying how big it is and how to narrow it or export it from the command line."""
VIEW_NAMES = tuple(VIEWS)
"""Every view `casegraph viz` draws (a new view shows here without a change)."""
STILLS = ("png", "svg")
DOSSIERS = ("html", "md")
ASSET_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("casegraph.explorer", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined, finalize=_writable)
    env.globals["kind_name"] = kind_name
    env.globals["kind_label"] = kind_label
    env.filters["counted"] = counted
    env.filters["plural"] = plural
    env.filters["qs"] = lambda pairs: urlencode(list(pairs))
    env.filters["around_qs"] = lambda ids: urlencode([("around", node) for node in ids])
    return env


def _told(message: str) -> str:
    """A message as a page tells it: one that sends the user to the command line's search to find an id
    (`graph.selection.SEARCH_HINT`) sends them to this explorer's search page instead."""
    return message.replace(SEARCH_HINT, "the search page finds ids")


def _writable(value):
    """Every value a template writes, with each character no casegraph text may hold (`UNSAFE_CHARACTERS`:
    NUL, control and invisible formatting characters) as U+FFFD: the data never holds one (a load refuses
    it), so only a request's own text can (`/search?q=%00`), echoed in a field or a message, and a page
    holding it would not be valid HTML. Markup is casegraph's own, made of values already written."""
    if type(value) is str and UNSAFE_CHARACTERS.search(value):
        return UNSAFE_CHARACTERS.sub("\ufffd", value)
    return value


@cache
def _assets() -> dict[str, str]:
    from casegraph.viz.html import page_assets

    own = resources.files("casegraph.explorer").joinpath("static")
    files = {path.name: path.read_text(encoding="utf-8") for path in own.iterdir() if path.name.endswith((".css", ".js"))}
    return {**page_assets(), **files}


def create_app(explorer: Explorer, allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")) -> Starlette:
    """The ASGI app over `explorer` (one graph, one profile). Requests naming another Host
    (a DNS-rebinding page) are refused; every response carries the security headers."""

    def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        html = _environment().get_template(template).render(
            request=request, explorer=explorer, restricted=explorer.include_restricted, version=__version__,
            kinds=_kinds(), **context)
        return HTMLResponse(html, status_code=status)

    def node_or_404(node: str) -> str:
        """The id `node` names (in any case: `valid_id`), if this graph holds it; else a 404 with the closest ids."""
        node = valid_id(node)
        if node not in explorer.graph:
            # suggestions come from this profile's own index: a public page never names a restricted id
            close = [hit.id for hit in explorer.search.search(node.replace("-", " "), limit=5).hits]
            raise HTTPException(404, f"no node {node!r} in this graph"
                                     + ("" if explorer.include_restricted else " (or it is restricted and left out "
                                        "of the public profile)")
                                     + (f"; did you mean {', '.join(close)}?" if close else ""))
        return node

    def reference(text: str, field: str) -> str:
        """A node a form names by id or exact name (`resolve_node`, the rule every command uses)."""
        try:
            return resolve_node(explorer.graph, text[:200])
        except SelectionError as error:
            raise HTTPException(400, f"{field}: {error}") from None

    def download(file: Download) -> Response:
        return Response(file.data, media_type=file.media_type,
                        headers={"content-disposition": f'attachment; filename="{file.name}"'})

    # -- pages -------------------------------------------------------------------------------------

    def home(request: Request):
        counts = [(kind_name(t.label), t.label, explorer.counts.get(t.label, 0)) for t in schema().nodes]
        return render(request, "home.html", counts=counts, queries=catalog().values(), views=VIEWS)

    def search(request: Request):
        params = request.query_params
        text = params.get("q", "")[:200]
        try:  # a kind as `casegraph search --kind` takes it (`person`, `people`, `Person`), as its label
            labels = list(dict.fromkeys(kind_label(k) for k in params.getlist("kind") if k))
        except KeyError as error:
            raise HTTPException(400, f"kind: {error.args[0]}") from None
        borough = params.get("borough") or None
        if borough:
            borough = valid_id(borough, "borough id")
            if explorer.graph.nodes.get(borough, {}).get("label") != "Borough":
                raise HTTPException(400, f"borough: no borough {borough!r} in this graph")
        decade = decade_of(params["decade"]) if params.get("decade") else None
        decade_text = "" if decade is None else str(decade)  # as the form's number field holds it: 1990s -> 1990
        start = (page_number(params) - 1) * PAGE_SIZE
        found = explorer.search.search(text, labels=labels, borough=borough, decade=decade,
                                       limit=PAGE_SIZE, offset=start)
        keep = _search_pairs(text, labels, borough, decade)
        pages = Pages(start, PAGE_SIZE, found.total, len(found.hits), by_page_number("/search", keep, PAGE_SIZE))
        return render(request, "search.html", text=text, labels=labels, borough=borough, decade=decade_text,
                      found=found, hit_pages=pages, boroughs=explorer.boroughs,
                      without=_without_each(text, labels, borough, decade)
                      if not found.total and (labels or borough or decade is not None) else [])

    def _without_each(text: str, labels: list[str], borough: str | None, decade: int | None) -> list[tuple]:
        """For a search with filters that found nothing: each filter given (its words too), as (what it is, how many results the search
        finds without it, the URL of that search), so the page says which filter emptied it."""
        given = {"q": text, "kind": labels, "borough": borough, "decade": decade}
        named = {"q": f"the words {text!r}", "kind": "the kind " + " or ".join(kind_name(k) for k in labels),
                 "borough": "the borough " + (display_name(explorer.graph.nodes[borough], borough) if borough else ""),
                 "decade": f"the decade {decade}s"}
        out = []
        for dropped in [name for name, value in given.items() if value]:
            rest = {**given, dropped: None}
            total = explorer.search.search(rest["q"] or "", labels=rest["kind"] or (), borough=rest["borough"],
                                           decade=rest["decade"], limit=1).total
            pairs = _search_pairs(rest["q"] or "", rest["kind"] or (), rest["borough"], rest["decade"])
            out.append((named[dropped], total, "/search?" + urlencode(pairs)))
        return out

    def _search_pairs(text: str, labels, borough: str | None, decade: int | None) -> list[tuple[str, str]]:
        """A search's URL parameters, those given only (no `borough=` left empty; the decade as the form's number
        field holds it: 1990s -> 1990): for its pages' links and for the searches without each filter."""
        return [(name, value) for name, value in [("q", text), *(("kind", k) for k in labels),
                ("borough", borough or ""), ("decade", "" if decade is None else str(decade))] if value]

    def canonical(request: Request) -> str:
        """The id of the node the URL's path names; a 404 for none. A URL naming it in another case is
        redirected (`Moved`, caught below) to its canonical URL: one page, one address."""
        given = request.path_params["node"]
        node = node_or_404(given)
        if node != given:
            path = request.url.path.replace(f"/entity/{given}", f"/entity/{node}", 1)
            raise Moved(path + (f"?{request.url.query}" if request.url.query else ""))
        return node

    def entity(request: Request):
        node = canonical(request)
        more = request.query_params.get("more", "")[:100]
        page = page_number(request.query_params)
        try:
            shown = entity_page(explorer, node, more, page)
        except ValueError as error:  # `more` naming no list of this page
            raise HTTPException(400, str(error)) from None
        return render(request, "entity.html", page=shown)

    def network(request: Request):
        selection = selection_of(request.query_params)
        if not selection.around:
            raise HTTPException(400, "around: give the id of at least one node to draw its network")
        for node, _ in selection.around:
            node_or_404(node)
        return _view_page(request, "ego", selection, expanding=True)

    def paths(request: Request):
        params = request.query_params
        a, b = params.get("from", ""), params.get("to", "")
        max_hops = declared(params, "paths-between-cases", "max_hops")
        found = None
        if a and b:
            a, b = reference(a, "from"), reference(b, "to")
            if a == b:  # a node's connections to itself are not "no connection"
                raise HTTPException(400, f"from and to both name {a!r}: give two different entities")
            found = connections(explorer, a, b, max_hops=max_hops)
        names = {n: display_name(explorer.graph.nodes[n], n) for n in (a, b) if n in explorer.graph}
        return render(request, "connections.html", a=a, b=b, max_hops=max_hops, found=found, names=names,
                      hops=catalog()["paths-between-cases"].header.parameters["max_hops"])

    def queries(request: Request):
        return render(request, "queries.html", queries=catalog().values())

    def query_or_404(name: str):
        found = catalog().get(name)
        if found is None:
            raise HTTPException(404, f"no catalog query {name!r}")
        return found

    def query(request: Request):
        found = query_or_404(request.path_params["name"])
        params = request.query_params
        fields = form_fields(found, params, explorer.include_restricted)
        answer, error, page, conditions = None, None, None, None
        if params.get("run"):
            try:
                result = explorer.run(found, given_params(found, params))
                answer = (result.columns, [[cell(v, explorer) for v in row] for row in result.rows])
                conditions = conditions_notice(result.conditional)
                page = page_links(found, result, request.url)
            except (QueryError, SelectionError) as problem:  # a node parameter naming no node is a SelectionError
                error = _told(str(problem).split(": ", 1)[-1] if str(problem).startswith("/") else str(problem))
        return render(request, "query.html", query=found, fields=fields, answer=answer, page=page, error=error,
                      conditions=conditions, status=400 if error else 200)

    def query_text(request: Request):
        found = query_or_404(request.path_params["name"])
        return render(request, "query_text.html", query=found, texts=found.every_text())

    def views(request: Request):
        selection = selection_of(request.query_params)
        return render(request, "views.html", views=VIEWS, selection=selection, fields=selection_fields(selection),
                      query=selection_query(selection), conditions=_conditions(selection),
                      formats={fmt: exporter.missing() for fmt, exporter in FORMATS.items()})

    def _conditions(selection: Selection) -> str | None:
        """What handling code C asks of the selection's views and files (`conditions_notice`), said on the
        page that offers them, counted on the outline (it holds the codes: the form is not worth reading
        the selection whole); None when the selection names nothing (each view and file says why)."""
        def counted() -> int:
            return conditional_citations(select(explorer.graph, selection, explorer.view))

        try:
            return conditions_notice(explorer.kept.get(explorer.key("conditional", repr(selection)), counted,
                                                       lambda _: 1))
        except SelectionError:
            return None

    def view(request: Request):
        name = request.path_params["view"]
        if name not in VIEW_NAMES:
            raise HTTPException(404, f"no view {name!r}: expected one of {', '.join(VIEW_NAMES)}")
        return _view_page(request, name, selection_of(request.query_params))

    # -- views and downloads -------------------------------------------------------------------

    def _too_big(nodes: int, cases: int, what: str) -> HTTPException:
        return HTTPException(400, f"{what} holds {nodes:,} nodes ({cases:,} cases), more than the explorer draws or "
                                  f"writes at once ({MAX_SELECTED:,}): narrow it (a borough, a decade, an indicator, "
                                  "a case, fewer hops), or write it with `casegraph export --out FILE` and the same "
                                  "options")

    def _selected(selection: Selection):
        """The selection read whole from the store, kept for the selection's next page."""
        return explorer.kept.get(explorer.key("selection", repr(selection)), lambda: _hydrated(selection), _size)

    def _hydrated(selection: Selection):
        graph = explorer.graph
        if selection.is_empty and graph.number_of_nodes() > MAX_SELECTED:
            raise _too_big(graph.number_of_nodes(), explorer.counts.get("CaseFile", 0), "the whole graph")
        try:
            part = select(graph, selection, explorer.view)
        except SelectionError as error:
            raise HTTPException(400, str(error)) from None
        if part.number_of_nodes() > MAX_SELECTED:
            cases = sum(1 for _, a in part.nodes(data=True) if a.get("label") == "CaseFile")
            raise _too_big(part.number_of_nodes(), cases, "this selection")
        whole = explorer.hydrate(part)
        try:  # once for every view and export of it (kept, never changed): `prepare`, `export(checked=True)`
            explorer.refuse_unfit(whole)
        except ExportError as error:
            raise HTTPException(422, str(error)) from None
        return whole

    def _figure(name: str, selection: Selection):
        """View `name` of the selection, kept for its next page (the view's page, its stills)."""
        return explorer.kept.get(explorer.key("figure", name, repr(selection)), lambda: _drawn(name, selection),
                                 _marks)

    def _prepared(selection: Selection):
        """The selection as every view draws from it (`viz.views.prepare`), kept for its other views."""
        from casegraph.viz.views import prepare

        prepared = explorer.kept.get(explorer.key("prepared", repr(selection)),
                                     lambda: prepare(_selected(selection), _options(), checked=True), _size)
        # each view drawn keeps the selection as read recently used too, so that a borough's views do not
        # push it out before its exports and dossiers (which read it) are asked for
        explorer.kept.touch(explorer.key("selection", repr(selection)))
        return prepared

    def _options():
        from casegraph.viz.compose import Options

        return Options(include_restricted=explorer.include_restricted, tips=False)  # tooltips: `tip`, when opened

    def _drawn(name: str, selection: Selection):
        from casegraph.viz.views import figure_for

        graph = _prepared(selection)
        params = {}
        if name == "ego":
            if not selection.around:
                raise HTTPException(400, "the ego view needs a centre: choose a node to draw around")
            # the first node's rings far enough to reach all that is selected: each node around it (the
            # network page adds one per expansion) with the hops asked for (`hops`, 0-3; one for all)
            params = {"node": selection.around[0][0], "hops": min(6, selection.around[0][1] * len(selection.around))}
        try:
            return figure_for(name, graph, _options(), prepared=True, **params)
        except SelectionError as error:
            raise HTTPException(400, str(error)) from None

    def _file(what: tuple, make) -> Download:
        """A download made by `make()`, kept for the next request of the same file."""
        return explorer.kept_files.get(explorer.key(*what), make, lambda file: len(file.data) // 1024)

    def _view_page(request: Request, name: str, selection: Selection, expanding: bool = False):
        from casegraph.viz.html import figure_data, safe_json
        from casegraph.viz.legend import legend_entries

        figure = _figure(name, selection)
        conditions = conditions_notice(figure.conditional)  # said to whoever publishes it, never drawn in it
        if not isinstance(figure, Figure):  # a chart (tiles, timeline): its SVG still, as an image
            return render(request, "chart.html", figure=figure, view=name, query=selection_query(selection),
                          conditions=conditions)
        around = [node for node, _ in selection.around]
        graph = explorer.graph
        shown = sorted(((m.id, kind_name(graph.nodes[m.id].get("label", "")), display_name(graph.nodes[m.id], m.id))
                        for m in figure.marks if m.id in graph), key=lambda item: (item[1], item[2].casefold()))
        return render(request, "network.html", figure=figure, view=name, data=Markup(safe_json(figure_data(figure))),
                      legend=legend_entries(figure), selection=selection, query=selection_query(selection),
                      around=around, shown=shown, expanding=expanding, conditions=conditions)

    def view_still(request: Request):
        name, kind = request.path_params["view"], request.query_params.get("format", "svg")
        if name not in VIEW_NAMES or kind not in STILLS:
            raise HTTPException(404, f"a still is a view ({', '.join(VIEW_NAMES)}) as png or svg")
        selection = selection_of(request.query_params)
        figure = _figure(name, selection)
        try:
            return download(_file(("still", name, kind, repr(selection)),
                                  lambda: still_file(figure, kind, f"casegraph-{name}", explorer.rasteriser)))
        except BrowserError as error:  # no Chromium: the CLI's message, not a 500
            raise HTTPException(501, str(error)) from None

    def export(request: Request):
        fmt = request.query_params.get("format", "")
        if fmt not in FORMATS:
            raise HTTPException(400, f"format: expected one of {', '.join(FORMATS)}")
        selection = selection_of(request.query_params)
        try:
            return download(_file(("export", fmt, repr(selection)),
                                  lambda: export_file(_selected(selection), fmt, selection, explorer.profile, checked=True)))
        except ExportError as error:  # e.g. FtM without its optional extra: the CLI's message, not a 500
            raise HTTPException(501 if "pip install" in str(error) else 422, str(error)) from None

    def dossier(request: Request):
        node = canonical(request)
        kind = request.query_params.get("format", "html")
        if kind not in DOSSIERS:
            raise HTTPException(400, "format: a dossier is html or md")
        selection = Selection(around=((node, 1),))
        try:
            return download(_file(("dossier", kind, node), lambda: dossier_file(
                _selected(selection), kind, f"dossier-{node}", selection, explorer.profile)))
        except ReportError as error:  # a fact the dossier will not state as the data words it: the CLI's message
            raise HTTPException(422, f"no dossier: {error}; correct the data's wording (or its claim status) "
                                     "and rebuild") from None

    def tip(request: Request):
        """A drawn node's or relationship's tooltip (`viz.html.tip_data`: heading, facts, sources) as JSON, for
        the network pages, whose figures leave tooltips out (`Options.tips`): the record read whole from the
        store, checked and put under this explorer's profile as a picture's selection is (`_prepared`), and
        worded as the figure would (`make_mark`, `make_link`). 404 for a record this profile does not hold; every
        error as JSON (`error_page`)."""
        from casegraph.graph.selection import ordered_subgraph
        from casegraph.viz.compose import make_link, make_mark
        from casegraph.viz.html import tip_data
        from casegraph.viz.views import prepare

        graph = explorer.graph
        if request.path_params["kind"] == "node":
            ends = (node_or_404(request.path_params["ref"]),)
        else:  # a relationship (`tip_takes` refused any other kind)
            if not request.query_params.get("from") or not request.query_params.get("to"):
                raise HTTPException(400, "a relationship's tooltip names its ends: ?from=ID&to=ID")
            ends = (node_or_404(request.query_params["from"]), node_or_404(request.query_params["to"]))
        key = valid_id(request.path_params["ref"])  # a relationship's id as a node's: any case
        if len(ends) == 2 and not graph.has_edge(*ends, key):
            raise HTTPException(404, f"no relationship {clip(key)} from {ends[0]!r} to {ends[1]!r} in this graph")
        whole = explorer.hydrate(ordered_subgraph(graph, ends))
        try:
            explorer.refuse_unfit(whole)
        except ExportError as error:
            raise HTTPException(422, str(error)) from None
        drawn = prepare(whole, _options(), checked=True)
        sources = explorer.kept.get(explorer.key("sources"), lambda: sources_of(graph), lambda _: 1)
        if len(ends) == 1:
            if ends[0] not in drawn:
                raise HTTPException(404, f"no node {ends[0]!r} in this profile")
            return JSONResponse(tip_data(make_mark(drawn, ends[0], (0.0, 0.0), sources)))
        if not drawn.has_edge(*ends, key):
            raise HTTPException(404, f"no relationship {clip(key)} in this profile")
        restricted = {node for node in ends if drawn.nodes[node].get("sensitivity") == "restricted"}
        return JSONResponse(tip_data(make_link(*ends, key, drawn.edges[(*ends, key)], sources, restricted)))

    def asset(request: Request):
        name = request.path_params["name"]
        files = _assets()
        suffix = name[name.rfind("."):]
        if name not in files or suffix not in ASSET_TYPES:
            raise HTTPException(404, "no such asset")
        return Response(files[name], media_type=ASSET_TYPES[suffix])

    def profile_asked(request: Request) -> None:
        """Refuse (400) a URL whose `include_restricted` asks for what this explorer's profile does not
        serve: restricted data from a public explorer (`queries.restricted.asked`), or public views and
        files from a restricted one (its query forms take false: the query leaves restricted data out)."""
        for value in request.query_params.getlist(RESTRICTED_PARAM):
            if value == "":
                continue
            try:
                wanted = asked(value, explorer.profile)
            except RestrictedRefused as error:
                raise HTTPException(400, f"{error}: this explorer serves the public profile; to include restricted "
                                         "data, start it with `casegraph serve --include-restricted` (every page "
                                         "and file is then marked not for publication)") from None
            except QueryError as error:
                raise HTTPException(400, str(error)) from None
            if not wanted and explorer.include_restricted and not request.url.path.startswith("/queries/"):
                raise HTTPException(400, f"{RESTRICTED_PARAM}={value}: this explorer serves the restricted profile, "
                                         "so its pages, views and files include restricted data; for public ones, "
                                         "start `casegraph serve` without --include-restricted")

    def current(route, takes: Takes | Callable[[Request], Takes], of_the_build: bool = True):
        """`route`, answered only while the store holds the build this explorer read (`Explorer.rebuilt`;
        not `of_the_build`: an asset, served whatever the store holds), only with the parameters it `takes`
        (`params.Takes.check`: none unknown, none repeated but lists; a function of the request for a route
        whose parameters depend on its path), and only for a profile it serves (`profile_asked`). Every
        route is one of these."""
        @wraps(route)
        def answered(request: Request):
            rebuilt = explorer.rebuilt() if of_the_build else None
            if rebuilt:
                raise HTTPException(503, rebuilt)
            (takes if isinstance(takes, Takes) else takes(request)).check(request.query_params)
            profile_asked(request)
            return route(request)
        return answered

    def tip_takes(request: Request) -> Takes:
        """A node's tooltip takes no parameter, a relationship's its ends (`from`, `to`); any other kind is a 404."""
        kind = request.path_params["kind"]
        if kind not in ("node", "relationship"):
            raise HTTPException(404, "a tooltip is of a node or a relationship: /tip/node/ID, /tip/relationship/ID?from=&to=")
        return Takes(("from", "to")) if kind == "relationship" else Takes()

    def query_takes(request: Request) -> Takes:
        """A query page takes its query's parameters (a 404 for no such query) and `run`."""
        return Takes(once=("run", *query_or_404(request.path_params["name"]).header.parameters))

    answers_json = {tip}  # fetched by a page's script, which reads JSON: its errors are JSON too

    async def error_page(request: Request, error: HTTPException):
        endpoint = request.scope.get("endpoint")  # the route's, as `current` wraps it (also for a 405)
        if getattr(endpoint, "__wrapped__", endpoint) in answers_json:
            return JSONResponse({"error": error.detail}, status_code=error.status_code, headers=error.headers)
        return render(request, "error.html", status=error.status_code, message=_told(error.detail),
                      code=error.status_code)

    async def moved(request: Request, moved: Moved):
        return RedirectResponse(moved.location, status_code=301)

    still = Takes(once=("format", *SELECTED.once), lists=SELECTED.lists)  # a selection, as a file
    routes = [  # each route with the parameters it takes, declared once
        *(Route(path, current(route, takes)) for path, route, takes in [
            ("/", home, Takes()), ("/search", search, Takes(("q", "borough", "decade", "page"), ("kind",))),
            ("/entity/{node}", entity, Takes(("more", "page"))),
            ("/entity/{node}/dossier", dossier, Takes(("format",))),
            ("/network", network, SELECTED), ("/connections", paths, Takes(("from", "to", "max_hops"))),
            ("/queries", queries, Takes()), ("/queries/{name}", query, query_takes),
            ("/queries/{name}/cypher", query_text, Takes()), ("/views", views, SELECTED),
            ("/views/{view}", view, SELECTED), ("/views/{view}/still", view_still, still), ("/export", export, still),
            ("/tip/{kind}/{ref}", tip, tip_takes)]),
        Route("/assets/{name}", current(asset, Takes(), of_the_build=False)),
    ]
    return Starlette(
        routes=routes, exception_handlers={HTTPException: error_page, Moved: moved},
        middleware=[Middleware(SecurityHeaders), Middleware(LocalHosts, allowed=tuple(allowed_hosts))],
    )


class Moved(Exception):
    """A page asked for at another address than its own (an id in upper case): redirected to `location`."""

    def __init__(self, location: str):
        super().__init__(location)
        self.location = location


def _size(graph) -> int:
    """What a kept graph weighs: its nodes and relationships."""
    return graph.number_of_nodes() + graph.number_of_edges()


def _marks(still) -> int:
    """What a kept figure (a network's `Figure`, a `Chart`) weighs: its marks and links."""
    return len(still.marks) + len(still.links)


@cache
def _kinds() -> tuple[tuple[str, str], ...]:
    """(name on screen, label) of every node type, for the kind filter."""
    return tuple((kind_name(t.label), t.label) for t in schema().nodes)
