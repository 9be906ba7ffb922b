"""`docs/cli.md`: every command's help, generated from the commands themselves.

Like sqlite-utils' CLI reference: the document is the `--help` of every
command, so it cannot drift from the code (a test regenerates it and
compares). Regenerate with `python -m casegraph.cli.reference > docs/cli.md`.
"""

from __future__ import annotations

import click

__all__ = ["render_reference"]

WIDTH = 100


def _help(command: click.Command, name: str | None = None) -> str:
    """`casegraph [NAME] --help`, at a fixed width so the text is the same on every terminal."""
    ctx = click.Context(command, info_name=f"casegraph {name}" if name else "casegraph", terminal_width=WIDTH,
                        max_content_width=WIDTH, help_option_names=["-h", "--help"])
    return command.get_help(ctx)


def render_reference() -> str:
    """The Markdown reference of the `casegraph` command and every subcommand, in name order."""
    from casegraph.cli import cli

    parts = ["# casegraph command reference", "",
             "Generated from the commands' own help (`python -m casegraph.cli.reference > docs/cli.md`);",
             "a test keeps it in step with the code. The README shows the commands at work.", "",
             "```", _help(cli), "```"]
    for name in sorted(cli.commands):
        parts += ["", f"## casegraph {name}", "", "```", _help(cli.commands[name], name), "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    click.echo(render_reference(), nl=False)
