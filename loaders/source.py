"""Which data `casegraph build` (and `validate`) reads when no file or folder is given.

In this order, and the build says which it took:

1. the files and folders given on the command line;
2. `$CASEGRAPH_DATA` (folders separated by the OS path separator, `:`);
3. the nearest `casegraph.toml` in the working directory or above it: its
   `[data] paths` (relative to the file; default the file's own folder).
   `casegraph init DIR` writes one, and the project's checkout has one naming
   `data/`, so an edit to the data you are looking at is what gets built
   (never a copy installed elsewhere);
4. the bundled London data installed with casegraph (`default_data_dir()`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from casegraph.loaders.load import default_data_dir
from casegraph.loaders.problems import LoadError, Problem
from casegraph.schemas.text import shown_path

__all__ = ["DataSource", "data_source", "CONFIG_FILE"]

CONFIG_FILE = "casegraph.toml"


@dataclass(frozen=True)
class DataSource:
    """The files and folders to read, and where that choice came from (`origin`, for messages)."""

    paths: tuple[Path, ...]
    origin: str
    bundled: bool = False

    def describe(self) -> str:
        """E.g. `the bundled London data (/…/casegraph/data)` or `/home/me/mydata (from ./casegraph.toml)`."""
        where = ", ".join(str(p) for p in self.paths)
        return f"the bundled London data ({where})" if self.bundled else f"{where} ({self.origin})"


def _config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
    return None


def _from_config(path: Path) -> DataSource:
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise LoadError([Problem(str(path), None, None, None, f"not valid TOML: {error}")]) from None
    paths = settings.get("data", {}).get("paths", ["."])
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise LoadError([Problem(str(path), None, None, "data.paths", "expected a list of folder names")])
    return DataSource(tuple((path.parent / p).resolve() for p in paths), f"from {shown_path(path)}")


def data_source(given: Iterable[Path | str] = (), start: Path | None = None) -> DataSource:
    """The data to read (see the module docstring); `start` is where to look for `casegraph.toml`
    (default: the working directory). Raises `LoadError` for an unreadable `casegraph.toml`."""
    given = tuple(Path(p) for p in given)
    if given:
        return DataSource(given, "given")
    if os.environ.get("CASEGRAPH_DATA"):
        folders = tuple(Path(p) for p in os.environ["CASEGRAPH_DATA"].split(os.pathsep) if p)
        return DataSource(folders, "from $CASEGRAPH_DATA")
    config = _config((start or Path.cwd()).resolve())
    if config:
        return _from_config(config)
    return DataSource((default_data_dir(),), "bundled", bundled=True)
