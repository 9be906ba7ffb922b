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
  (`allowed_hosts`: loopback, the bound address, the machine's own names and
  addresses, and the names given, each a bare host: `host_name`), never any name;

Read-only by construction lives elsewhere: the store is opened through a
read-only View, routes are GET only, and only catalog queries run.
"""

from __future__ import annotations

import ipaddress
import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse

from casegraph.schemas.citations import id_problem
from casegraph.schemas.common import Slug

__all__ = ["SecurityHeaders", "LocalHosts", "host_of", "host_name", "machine_hosts", "allowed_hosts", "valid_id", "ID_PATTERN",
           "CSP", "LOOPBACK"]

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
    (`graph.selection.match_reference`); else a 404 saying what is wrong with it (never looked up, never
    echoed as markup)."""
    text = value if isinstance(value, str) else ""
    canonical = text.lower() if text.isascii() else text  # (no non-ASCII letter lowercases into an id's)
    if len(canonical) > ID_MAX or not ID_PATTERN.fullmatch(canonical):
        # what is wrong, as a data file's id is told (`id_problem`: the character and its position, or the length)
        raise HTTPException(404, f"not a valid {what}: {id_problem(canonical)}")
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


def host_name(text: str) -> str:
    """A host to answer to as given by a user (`--allow-host`), written as `host_of` writes a Host header's:
    `News.Example` -> `news.example`, `::1` or `[::1]` -> `[::1]`, `192.168.1.20` as it is.

    Raises ValueError, saying what to leave out, for a host given with a scheme (`http://`), user
    information (`@`), a path (`/`, `?`, `#`) or a port (`evil.com:80`): a host is allowed on the port the
    explorer listens on, so a port would be silently ignored, and the rest is no host at all."""
    given = text.strip()
    scheme, sep, rest = given.partition("://")
    if sep:
        raise ValueError(f"{text!r}: give the host alone, without the scheme {scheme}:// (e.g. {_bare_host(rest)})")
    if "@" in given or any(c in given for c in "/?#"):
        raise ValueError(f"{text!r}: give the host alone, without user information or a path "
                         f"(e.g. {_bare_host(given)})")
    try:
        address = ipaddress.ip_address(given[1:-1] if given.startswith("[") and given.endswith("]") else given)
    except ValueError:
        address = None
    if address is not None:
        return f"[{address.compressed}]" if address.version == 6 else address.compressed
    found = _HOST.fullmatch(given)
    if found is not None and found["port"] is not None:
        raise ValueError(f"{text!r}: give the host alone, without the port :{found['port']} (the explorer answers "
                         f"on the port it listens on; e.g. {_bare_host(given)})")
    if found is None or found["name"] is None:
        raise ValueError(f"{text!r}: not a host name or IP address (e.g. casegraph.newsroom.example or 192.168.1.20)")
    return found["name"].lower()


def _bare_host(text: str) -> str:
    """The host part of what a user gave with more around it (`user@evil.com:80/x` -> `evil.com`), for a message."""
    host = text.rpartition("@")[2]
    for end in "/?#":
        host = host.partition(end)[0]
    found = _HOST.fullmatch(host)
    return (f"[{found['ipv6']}]" if found["ipv6"] else found["name"]) if found else "casegraph.newsroom.example"


def machine_hosts() -> tuple[str, ...]:
    """This machine's own names and addresses, as a colleague reaching it would write them in a URL: its
    hostname, fully qualified name, every address its hostname resolves to, and the address it sends from
    on each default route (IPv6 in brackets, without a zone). Read with the standard library:
    `socket.getaddrinfo(socket.gethostname(), None)` (often only 127.0.1.1 on Debian), and a UDP socket
    `connect`ed towards a documentation address (RFC 5737, RFC 3849), which sends no packet; a name
    that does not resolve, or no route, adds nothing."""
    import socket

    name = socket.gethostname()
    try:
        addresses = [str(info[4][0]) for info in socket.getaddrinfo(name, None)]
    except OSError:
        addresses = []
    for family, towards in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((towards, 9))
                addresses.append(str(probe.getsockname()[0]))
        except OSError:
            continue
    addresses = [a.partition("%")[0] for a in addresses]
    return tuple(dict.fromkeys([name, socket.getfqdn(), *(f"[{a}]" if ":" in a else a for a in addresses)]))


def allowed_hosts(bound: str, extra: tuple[str, ...] = (), machine: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The host names a server bound to `bound` answers to: the loopback names, the bound address
    unless it is a wildcard (`0.0.0.0`, `::`), the `machine`'s own names and addresses (`machine_hosts`,
    when bound beyond loopback: bound to all interfaces, its own address reaches it) and the `extra`
    names given (`--allow-host`, each as `host_name` reads it).

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
