"""A dossier as one self-contained HTML page: no scripts, no network, all text escaped.

The page is plain HTML with inline CSS, safe to open offline and to publish
(a public dossier). It is rendered by Jinja2 with autoescaping on
(`templates/dossier.html.j2`), so every string from the data is text, never
markup; a source's URL becomes a link only when it is http(s).
Citations link to the numbered list at the end.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from casegraph.reports.model import Dossier
from casegraph.schemas.text import is_web_url

__all__ = ["render_html"]

_CSS = """
body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1,h2,h3,h4{font-family:Helvetica,Arial,sans-serif}
.banner{background:#8b0000;color:#fff;padding:.75rem 1rem;font-weight:bold}
.scope{color:#555}
sup a{text-decoration:none}
li{margin:.2rem 0}
"""


@cache
def _template():
    environment = Environment(loader=PackageLoader("casegraph.reports", "templates"),
                              autoescape=select_autoescape(default=True, default_for_string=True),
                              undefined=StrictUndefined, keep_trailing_newline=True)
    return environment.get_template("dossier.html.j2")


def render_html(dossier: Dossier) -> str:
    """The dossier as an HTML document (text, escaped by Jinja2's autoescaping)."""
    sources = [{"name": dossier.source_name(source_id),
                "url": props["url"] if is_web_url(props.get("url")) else None}
               for source_id in dossier.cited_sources() for props in [dossier.sources.get(source_id, {})]]
    return _template().render(dossier=dossier, numbers=dossier.citation_numbers(), sources=sources, css=_CSS)
