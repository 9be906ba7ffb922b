"""`casegraph init DIR`: a data folder of your own that validates and builds at once.

What a data folder needs besides your cases, and what `init` copies from the
bundled data: the reference data (`reference/`: the 33 London authorities,
their neighbours, the indicator taxonomy) and the source documents every fact
cites (`sources.yaml`). It adds one example case (Redbridge 2011, a trial
with both acquittals and convictions, to copy from), `casegraph.toml` (so
`casegraph build` run in the folder builds it), and the JSON Schema
(`casegraph.schema.json`) that the YAML files name in their first line for
editors' YAML plugins (completion and checking as you type).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from casegraph.loaders.load import default_data_dir
from casegraph.loaders.source import CONFIG_FILE
from casegraph.schemas.jsonschema import render_json_schema
from casegraph.schemas.text import shown_path

__all__ = ["init_data_folder", "EXAMPLE_CASE", "ScaffoldError"]

EXAMPLE_CASE = "london/cases/redbridge-2011-child-sex-ring.yaml"
"""The bundled case copied as the example: self-contained (it needs only reference data and sources)."""

SCHEMA_FILE = "casegraph.schema.json"
_MODELINE = "# yaml-language-server: $schema={}\n"

_CONFIG = """\
# A casegraph data folder: `casegraph build` run here (or below) builds it.
[data]
paths = ["."]
"""

_README = """\
# casegraph data folder

- `cases/`: one YAML file per case (start from the example and delete it
  when you have your own); people, places, institutions, reviews and
  statements can sit in the case file or in files of their own.
- `sources.yaml`: the source documents your facts cite (`source:` and
  `paragraphs:` on every record). Add yours here.
- `reference/`: London authorities, neighbours and the indicator taxonomy.
  Cases point at them by id (`to: redbridge`, `to: child-in-care`).
- `casegraph.schema.json`: the JSON Schema; the first line of each YAML file
  points editors' YAML plugins at it.

`casegraph validate` checks the folder (exit status 1 and every problem with
file, line, record and field); `casegraph build` loads it; `casegraph list
cases` and `casegraph search TEXT` find ids; `casegraph schema --format
markdown` lists every field.
"""


class ScaffoldError(ValueError):
    """The target folder exists and is not empty."""


def _copy_yaml(source: Path, target: Path, schema_path: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_MODELINE.format(schema_path) + source.read_text(encoding="utf-8"), encoding="utf-8")


def init_data_folder(target: Path | str) -> list[Path]:
    """Make a data folder at `target` (created; it may exist if empty); return the files written, sorted.

    Raises `ScaffoldError` when `target` holds files already (nothing is overwritten), and
    `casegraph.outputs.OutputError` for a place it cannot be made (a file above it, not writable)."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{shown_path(target)} exists and is not an empty folder: give a new folder name")
    from casegraph.outputs import writing

    bundled = default_data_dir()
    with writing(target, "the data folder", folder=True):
        shutil.copytree(bundled / "reference", target / "reference",
                        ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        for yaml_file in (target / "reference").rglob("*.yaml"):
            depth = len(yaml_file.relative_to(target).parts) - 1
            yaml_file.write_text(_MODELINE.format("../" * depth + SCHEMA_FILE) + yaml_file.read_text(encoding="utf-8"),
                                 encoding="utf-8")
        _copy_yaml(bundled / "sources.yaml", target / "sources.yaml", SCHEMA_FILE)
        _copy_yaml(bundled / EXAMPLE_CASE, target / "cases" / Path(EXAMPLE_CASE).name, "../" + SCHEMA_FILE)
        (target / SCHEMA_FILE).write_text(render_json_schema(), encoding="utf-8")
        (target / CONFIG_FILE).write_text(_CONFIG, encoding="utf-8")
        (target / "README.md").write_text(_README, encoding="utf-8")
    return sorted(p for p in target.rglob("*") if p.is_file())
