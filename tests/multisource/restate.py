"""A multi-source copy of the London data: a generated second source restates every fact.

`restate(target)` copies `data/` and adds `second-source`, which repeats every
record's citations (same statuses, graded 2B, derived from nothing, so it is
independent of every London source), and `third-source`, which contests two
values. casegraph must give the same counts on it as on the London data.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from casegraph.loaders import data_files, default_data_dir
from casegraph.loaders.load import READERS
from casegraph.loaders.values import check_values, column_types

__all__ = ["restate", "london_records", "given_citations", "without_citations", "SECOND", "THIRD", "CONTESTED"]

SECOND = "second-source"
THIRD = "third-source"
_PROVENANCE = ("source", "paragraphs", "locator", "quote", "status", "citations")

CONTESTED = [
    {"kind": "case", "id": "redbridge-2011-child-sex-ring", "title": "Redbridge: trial of a suspected child sex ring (2011)",
     "summary": "A 2011 trial in Redbridge.", "period": 2011, "victims_reported": 7,
     "citations": [{"source": THIRD, "locator": "p. 2", "reliability": "3", "credibility": "D"}]},
    {"rel": "IN_BOROUGH", "from": "lambeth-2022-hotel-room", "to": "lambeth",
     "citations": [{"source": THIRD, "locator": "p. 3"}], "note": "a third source, on the same borough"},
]
"""The third source's records: one contested case (summary and victims), one restated relationship."""


def _restated(data: dict) -> dict:
    copy, given = without_citations(data), given_citations(data)
    copy["citations"] = [{"source": SECOND, "locator": f"restates {c['source']}", "status": c.get("status", "reported"),
                          "reliability": "2", "credibility": "B", "handling": "P"} for c in given]
    return copy


def london_records() -> list[dict]:
    """Every record of the London data but its sources, as JSONL would give it (CSV cells typed)."""
    records = []
    for path in data_files([default_data_dir()]):
        for raw in READERS[path.suffix](path):
            if raw.data and raw.data.get("kind") != "source":
                data = dict(raw.data)
                if path.suffix == ".csv":  # CSV cells are text: typed by the loader's own rule for JSONL
                    check_values(data, column_types(data.get("kind"), data.get("rel")), text_cells=True)
                records.append(data)
    return records


def given_citations(data: dict) -> list[dict]:
    """A record's citations as `citations:` entries: its one-citation form first, then its `citations`."""
    return ([{k: data[k] for k in ("source", "paragraphs", "locator", "quote", "status") if data.get(k) not in (None, "")}]
            if "source" in data else []) + list(data.get("citations") or [])


def without_citations(data: dict) -> dict:
    """A record's fields but its citations (and empty CSV cells): what a restatement copies."""
    return {k: v for k, v in data.items() if k not in _PROVENANCE and v != ""}


def restate(target: Path) -> list[Path]:
    """Write the multi-source copy into folder `target`; return its data files."""
    shutil.copytree(default_data_dir(), target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    records = [_restated(data) for data in london_records()]
    sources = [
        {"kind": "source", "id": SECOND, "title": "A generated second source", "publisher": "casegraph tests",
         "published": "2025-12", "doc_type": "report"},
        {"kind": "source", "id": THIRD, "title": "A generated third source", "publisher": "casegraph tests",
         "published": "2025-12", "doc_type": "report", "derived_from": [SECOND]},
    ]
    extra = target / "restated.jsonl"
    extra.write_text("".join(json.dumps(r, default=str) + "\n" for r in [*sources, *records, *CONTESTED]))
    return data_files([target])
