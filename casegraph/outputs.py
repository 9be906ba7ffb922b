"""Where casegraph writes what a user asked for (`--out`, `--overview`, `cg.export(path)`), checked first.

`writing(path, what, folder)` is the one rule every writer goes through (the
exports, dossiers, pictures and the build's overview page): the path must be
of the kind the format writes (a folder for the csv export, a file for every
other), every folder above it that exists must be a folder, missing ones are
made, and any system error while writing says what was being written, where,
and why (`cannot write the graphml export to out/x.graphml: Permission
denied`), never a bare `[Errno 17] File exists`. The errors are `OutputError`,
an `OSError`, so a caller that handled the system's errors still does.

`-`, which many tools read as standard output, is refused (`not_stdout`):
casegraph writes files whose format is their name's extension (a `-`
names none), and what a command prints on stdout is its `--format`; a
folder or file called `-` would be made where none was wanted (and `cd -`
goes elsewhere). The command line applies the same check to `--out` and
`--overview` before anything is read (`casegraph.cli.options.out_option`).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

from casegraph.schemas.text import shown_path

__all__ = ["OutputError", "not_stdout", "writing"]


class OutputError(OSError):
    """A path casegraph cannot write to, saying what was to be written there and what to do."""

    def __str__(self) -> str:
        return str(self.args[0])


def not_stdout(path: Path | str, what: str) -> Path:
    """`path`, unless it is `-` (standard output): then an `OutputError` saying to name a file or folder."""
    if str(path) == "-":
        raise OutputError(f"-: casegraph writes {what} to a named file or folder, not to standard output (what "
                          "a command prints there is its --format): name one")
    return Path(path)


@contextlib.contextmanager
def writing(path: Path | str, what: str, folder: bool = False) -> Iterator[Path]:
    """`path`, ready for `what` ("the csv export", "the dossier") to be written to it inside the block: a
    folder when `folder`, else a file; its missing parent folders made. Raises `OutputError` for a path of
    the other kind, a file where a folder is needed above it, and any system error the block meets; the
    folders it made are removed again when the block fails. `-` is refused (`not_stdout`)."""
    path = not_stdout(path, what)
    if folder and path.exists() and not path.is_dir():
        raise OutputError(f"{shown_path(path)}: {what} writes a folder of files, and {shown_path(path)} is an existing file: "
                          "name a folder (new or existing), or move the file away")
    if not folder and path.is_dir():
        raise OutputError(f"{shown_path(path)}: {what} writes a file, and {shown_path(path)} is an existing folder: "
                          f"name a file (in it, say: {shown_path(path / 'NAME')}, with the format's extension)")
    home = path if folder else path.parent
    existing = next((p for p in (home, *home.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise OutputError(f"{shown_path(path)}: {shown_path(existing)} is a file, not a folder: {what} cannot be written under it")
    made = [p for p in (home, *home.parents) if not p.exists()]
    try:
        home.mkdir(parents=True, exist_ok=True)
        yield path
    except BaseException as error:
        for folder in made:  # a write refused (or failed) leaves nothing behind, not even its folders
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(error, OutputError) or not isinstance(error, OSError) or error.filename is None:
            raise  # (an OSError with no file name is not the file system's: a browser that would not start)
        where = "" if Path(error.filename) == path else f" ({shown_path(error.filename)})"
        raise OutputError(f"cannot write {what} to {shown_path(path)}{where}: {error.strerror or error}") from None
