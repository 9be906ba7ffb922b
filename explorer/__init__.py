"""The explorer: `casegraph serve`, a local, read-only web app over the graph, for investigators.

store (read-only View of one profile) -> `state.Explorer` (the graph's
outline, its search index; what a page shows in full is read back from the
store) -> `app.create_app` (Starlette routes, Jinja2 pages) -> uvicorn
on 127.0.0.1. One module per part: `entity` (an entity page as data),
`provenance` (the one way a fact's sources are shown), `paths`
(connections between two entities), `forms` (catalog queries as forms),
`params` (the selection in a URL), `downloads` (exports, stills, dossiers),
`security` (headers, ids). Pages are templates in `templates/`; the only
scripts are the views' own (vis-network, page.js) and `static/explorer.js`.
"""

from __future__ import annotations

__all__ = ["Explorer", "create_app"]


def __getattr__(name: str):  # imported on first use: other commands should not pay for Starlette
    if name == "Explorer":
        from casegraph.explorer.state import Explorer

        return Explorer
    if name == "create_app":
        from casegraph.explorer.app import create_app

        return create_app
    raise AttributeError(name)
