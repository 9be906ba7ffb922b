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

__all__ = ["restate", "SECOND", "THIRD", "CONTESTED"]

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
    copy = {k: v for k, v in data.items() if k not in _PROVENANCE}
    given = ([{k: data[k] for k in ("source", "status") if k in data}] if "source" in data else []) \
        + list(data.get("citations") or [])
    copy["citations"] = [{"source": SECOND, "locator": f"restates {c['source']}", "status": c.get("status", "reported"),
                          "reliability": "2", "credibility": "B", "handling": "P"} for c in given]
    return copy


def restate(target: Path) -> list[Path]:
    """Write the multi-source copy into folder `target`; return its data files."""
    shutil.copytree(default_data_dir(), target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    records = []
    for path in data_files([default_data_dir()]):
        for raw in READERS[path.suffix](path):
            if raw.data and raw.data.get("kind") != "source":
                records.append(_restated(raw.data))
    sources = [
        {"kind": "source", "id": SECOND, "title": "A generated second source", "publisher": "casegraph tests",
         "published": "2025-12", "doc_type": "report"},
        {"kind": "source", "id": THIRD, "title": "A generated third source", "publisher": "casegraph tests",
         "published": "2025-12", "doc_type": "report", "derived_from": [SECOND]},
    ]
    extra = target / "restated.jsonl"
    extra.write_text("".join(json.dumps(r, default=str) + "\n" for r in [*sources, *records, *CONTESTED]))
    return data_files([target])
