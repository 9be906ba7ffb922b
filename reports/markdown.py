"""A dossier as Markdown: headings, one bullet per fact, numbered citations at the end.

Text from the data is escaped so that it cannot add Markdown structure
(links, images, raw HTML, headings) to the page; a source's URL is linked
only when it is http(s), as an autolink with every character that could
end it percent-encoded.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from casegraph.reports.model import Dossier, Section
from casegraph.schemas.text import is_web_url

__all__ = ["render_markdown", "escape_markdown", "link_target"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def escape_markdown(text: str) -> str:
    """Backslash-escape what could start Markdown structure inside a line (emphasis, code,
    links, images, raw HTML, entities, tables), and keep the text on one line; every
    line the renderer writes starts with its own marker (`#`, `-`, `N.`)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def link_target(url: str) -> str:
    """A URL as an autolink's target: every character an autolink cannot hold, or that could end
    it or start markup (space, `<`, `>`, quotes, backslash, backtick, non-ASCII), percent-encoded."""
    return quote(url, safe="!#$%&()*+,-./:;=?@[]_~")


def _section(dossier: Dossier, section: Section, level: int, numbers, lines: list[str]) -> None:
    lines += ["", "#" * level + " " + escape_markdown(section.title), ""]
    if section.intro:
        lines += [escape_markdown(section.intro), ""]
    for fact in section.facts:
        refs = "".join(f"[{numbers[c]}]" for c in fact.citations)
        lines.append(f"- {escape_markdown(fact.full_text)} {refs}")
    for sub in section.sections:
        _section(dossier, sub, min(level + 1, 6), numbers, lines)


def render_markdown(dossier: Dossier) -> str:
    numbers = dossier.citation_numbers()
    lines = [f"# {escape_markdown(dossier.title)}", ""]
    if dossier.profile == "restricted":
        lines += [f"> **{escape_markdown(dossier.notice)}**", ""]
    lines += [f"- {escape_markdown(line)}" for line in dossier.scope]
    for section in dossier.sections:
        _section(dossier, section, 2, numbers, lines)
    lines += ["", "## Sources", ""]
    for source_id in dossier.cited_sources():
        props = dossier.sources.get(source_id, {})
        url = f" <{link_target(props['url'])}>" if is_web_url(props.get("url")) else ""
        lines.append(f"- {escape_markdown(dossier.source_name(source_id))}{url}")
    lines += ["", "## Citations", ""]
    for citation, number in numbers.items():
        lines.append(f"{number}. {escape_markdown(dossier.describe(citation))}")
    return "\n".join(lines) + "\n"
