"""What keeps the explorer safe to run on an investigator's machine.

- `SecurityHeaders`: every response carries a strict Content-Security-Policy
  (scripts and styles only from the explorer itself, no connection anywhere,
  forms only to itself, no framing), no referrer, no sniffing, no caching;
- `valid_id`: an id in a URL must look like a casegraph id (the schema's
  `Slug` pattern, in any case), or the request is refused before it reaches
  the graph;
- `LOOPBACK`: the hosts the explorer binds to without a warning;
- `LocalHosts`: a request must name one of the allowed hosts in its Host
  header (a DNS-rebinding page names its own), IPv6 literals in brackets
  (`[::1]:8765`) included, whatever Starlette version is installed; bound
  beyond loopback, the names it answers to are still a list
  (`allowed_hosts`), never any name;

Read-only by construction lives elsewhere: the store is opened through a
read-only View, routes are GET only, and only catalog queries run.
"""

from __future__ import annotations

import ipaddress
import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse

from casegraph.schemas.common import Slug

__all__ = ["SecurityHeaders", "LocalHosts", "host_of", "allowed_hosts", "valid_id", "ID_PATTERN", "CSP", "LOOPBACK"]

ID_PATTERN = re.compile(Slug.__metadata__[0].pattern)
ID_MAX = Slug.__metadata__[0].max_length

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'none'; object-src 'none'; media-src 'none'; frame-src 'none'; worker-src 'none'; "
       "manifest-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
"""Only the explorer's own scripts and styles; forms submit to it; a network page's script asks it (and
nothing else) for a tooltip when one is opened (`/tip`); nothing is fetched from anywhere else."""

HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "cache-control": "no-store",
}


def valid_id(value: str, what: str = "id") -> str:
    """The id `value` names, if it is a well-formed casegraph id in any case (`LAMBETH-2022-hotel-room`):
    ids are lowercase, and one typed in another case names the same node, as everywhere else
    (`graph.selection.match_reference`); else a 404 (never looked up, never echoed as markup)."""
    canonical = value.lower() if isinstance(value, str) and value.isascii() else ""  # (no letter lowercases into one)
    if len(canonical) > ID_MAX or not ID_PATTERN.fullmatch(canonical):
        raise HTTPException(404, f"not a valid {what}: ids are letters, digits and hyphens")
    return canonical


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response, whatever route made it."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)


_HOST = re.compile(r"(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<name>[^\[\]:/@\s]+))(?::(?P<port>[0-9]{1,5}))?")


def host_of(header: str | None) -> str | None:
    """The host a Host header names, lowercase, an IPv6 literal in brackets (`[::1]:8765` ->
    `[::1]`, `LOCALHOST:80` -> `localhost`); None for a missing or malformed header.

    RFC 9110 section 7.2 / RFC 3986 section 3.2.2: an IPv6 host is written in brackets, so the
    header cannot be split at its first colon (Starlette before 0.47 did, and refused `[::1]`)."""
    found = _HOST.fullmatch((header or "").strip())
    if found is None:
        return None
    if found["ipv6"] is not None:
        try:
            return f"[{ipaddress.IPv6Address(found['ipv6']).compressed}]"
        except ValueError:
            return None
    return found["name"].lower()


def allowed_hosts(bound: str, extra: tuple[str, ...] = (), machine: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The host names a server bound to `bound` answers to: the loopback names, the bound address
    unless it is a wildcard (`0.0.0.0`, `::`), the `machine`'s own names (its hostname and fully
    qualified name, when bound beyond loopback) and the `extra` names given (`--allow-host`).

    Never "any name": a page on another site that rebinds its DNS name to this machine sends its
    own name as Host (DNS rebinding), and is refused even when the explorer is reachable."""
    names = ["127.0.0.1", "localhost", "[::1]"]
    wildcard = bound.strip("[]") in ("0.0.0.0", "::", "")
    if bound not in LOOPBACK:
        names += [*([] if wildcard else [f"[{bound.strip('[]')}]" if ":" in bound else bound]), *machine]
    names += list(extra)
    return tuple(dict.fromkeys(host_of(n) or n.lower() for n in names))


class LocalHosts:
    """ASGI middleware: refuse (400) a request whose Host header names none of `allowed`
    (`allowed_hosts`, e.g. `("127.0.0.1", "localhost", "[::1]")`)."""

    def __init__(self, app, allowed: tuple[str, ...]):
        self.app, self.allowed = app, {host_of(h) or h for h in allowed}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            if host_of(Headers(scope=scope).get("host")) not in self.allowed:
                return await PlainTextResponse("Invalid host header", status_code=400)(scope, receive, send)
        return await self.app(scope, receive, send)
