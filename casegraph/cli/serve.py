"""`casegraph serve`: the explorer, a local read-only web app over the graph.

A thin layer over `casegraph.explorer`: open the store read-only, read the
graph in the public profile (unless --profile restricted, or its alias
--include-restricted), and serve it on
127.0.0.1 with uvicorn. Binding to another address needs --host and prints
a warning: the explorer has no login, and whoever can reach it can read it.
"""

from __future__ import annotations

import click

from casegraph.cli.options import profile_option
from casegraph.cli.output import say
from casegraph.cli.stores import store_options
from casegraph.schemas.words import counted

__all__ = ["COMMANDS", "serve"]


def _bare_hosts(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    from casegraph.explorer.security import host_name

    try:
        return tuple(host_name(value) for value in values)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.command()
@store_options
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="port to listen on (0: any free port)")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to bind; anything but 127.0.0.1/localhost/::1 exposes the explorer beyond this machine "
                   "(a warning is printed)")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME", callback=_bare_hosts,
              help="another host name or IP address the explorer answers to (repeatable), e.g. the name colleagues "
                   "use with --host; the host alone: one given with a port, scheme or path (evil.com:80, "
                   "http://evil.com) is refused. Bound beyond loopback, the machine's own names and addresses are "
                   "allowed too; requests naming any other host are refused (DNS rebinding)")
@profile_option
def serve(cg, port, host, allow_hosts, profile):
    """Explore the graph in a browser: search, entity pages with every fact and its sources,
    networks one hop at a time, connections between two entities, the catalog's questions as
    forms, views and downloads.

    Read-only: the store is opened read-only, no page writes, and only the catalog's queries
    run, with checked parameters. Nothing is fetched from anywhere; the pages work without
    JavaScript except where a network is drawn. Stop it with Ctrl-C. With --profile restricted
    (or --include-restricted) every page carries a not-for-publication banner.
    """
    import uvicorn

    from casegraph.explorer.app import create_app
    from casegraph.explorer.security import LOOPBACK, allowed_hosts, machine_hosts
    from casegraph.explorer.state import Explorer, settle

    store, include_restricted = cg.store, profile == "restricted"
    hosts = allowed_hosts(host, allow_hosts, machine_hosts() if host not in LOOPBACK else ())
    if host not in LOOPBACK:
        say(f"WARNING: binding to {host}: anyone who can reach this address can read the graph "
            "(there is no login). Use 127.0.0.1 unless you mean it.")
        say(f"answering to the host names {', '.join(hosts)} (--allow-host adds one)")
    sock = _listening(host, port)  # before the store is read: a port in use is said at once, not after it
    say(f"reading {store.describe()} ({'RESTRICTED' if include_restricted else 'public'} profile)...")
    try:
        explorer = Explorer.open(store, include_restricted)
    except BaseException:
        sock.close()
        raise
    settle()
    say(f"{counted(explorer.graph.number_of_nodes(), 'node')}, {counted(explorer.graph.number_of_edges(), 'relationship')} "
        f"read in {explorer.loaded_seconds:.1f} s")
    if include_restricted:
        say("warning: restricted data is shown; every page carries a not-for-publication banner")
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    click.echo(f"casegraph explorer: http://{shown}:{sock.getsockname()[1]}/", err=False)
    config = uvicorn.Config(create_app(explorer, hosts), log_level="warning", access_log=False,
                            server_header=False, proxy_headers=False)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        explorer.close()


def _listening(host: str, port: int):
    """A socket bound to `host`:`port` and listening (a browser's first request waits for the server from
    here instead of being refused). Raises click.ClickException naming the address when it cannot be."""
    import errno
    import socket

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # no Nagle delay (inherited by each connection): a response written as headers then body
        # would otherwise wait for the browser's delayed ACK, 40 ms on every page
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError as error:  # socket.gaierror too: a host name that does not resolve
        sock.close()
        reason = "the port is in use (another server, or an earlier casegraph serve): choose another with --port" \
            if getattr(error, "errno", None) == errno.EADDRINUSE else (error.strerror or str(error))
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}") from None
    return sock


COMMANDS = [serve]
