"""A dossier as one self-contained HTML page: no scripts, no network, all text escaped.

The page is plain HTML with inline CSS, safe to open offline and to publish
(a public dossier); every string from the data goes through `html.escape`.
Citations link to the numbered list at the end.
"""

from __future__ import annotations

from html import escape

from casegraph.reports.model import Dossier, Section

__all__ = ["render_html"]

_CSS = """
body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1,h2,h3,h4{font-family:Helvetica,Arial,sans-serif}
.banner{background:#8b0000;color:#fff;padding:.75rem 1rem;font-weight:bold}
.scope{color:#555}
sup a{text-decoration:none}
li{margin:.2rem 0}
"""


def _section(section: Section, level: int, numbers, out: list[str]) -> None:
    tag = f"h{min(level, 6)}"
    out.append(f"<section><{tag}>{escape(section.title)}</{tag}>")
    if section.intro:
        out.append(f"<p>{escape(section.intro)}</p>")
    if section.facts:
        out.append("<ul>")
        for fact in section.facts:
            refs = "".join(f'<sup><a href="#cite-{numbers[c]}">[{numbers[c]}]</a></sup>' for c in fact.citations)
            out.append(f"<li>{escape(fact.full_text)} {refs}</li>")
        out.append("</ul>")
    for sub in section.sections:
        _section(sub, level + 1, numbers, out)
    out.append("</section>")


def render_html(dossier: Dossier) -> str:
    numbers = dossier.citation_numbers()
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
           f"<title>{escape(dossier.title)}</title><style>{_CSS}</style></head><body>"]
    if dossier.profile == "restricted":
        out.append(f'<div class="banner">{escape(dossier.notice)}</div>')
    out.append(f"<h1>{escape(dossier.title)}</h1>")
    out.append('<ul class="scope">' + "".join(f"<li>{escape(line)}</li>" for line in dossier.scope) + "</ul>")
    for section in dossier.sections:
        _section(section, 2, numbers, out)
    out.append("<section><h2>Sources</h2><ul>")
    for source_id, props in sorted(dossier.sources.items()):
        url = props.get("url")
        link = f' <a href="{escape(url)}">{escape(url)}</a>' if url and url.startswith(("https://", "http://")) else ""
        out.append(f"<li>{escape(props.get('title', source_id))} ({escape(str(props.get('publisher', '')))}, "
                   f"{escape(str(props.get('published', '')))}){link}</li>")
    out.append("</ul></section><section><h2>Citations</h2><ol>")
    for citation, number in numbers.items():
        out.append(f'<li id="cite-{number}">{escape(dossier.describe(citation))}</li>')
    out.append("</ol></section></body></html>")
    return "\n".join(out) + "\n"
