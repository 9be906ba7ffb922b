"""A deterministic generator of large synthetic casegraph datasets, for benchmarks.

    python -m benchmarks.generate --cases 100000 --seed 7 --out benchmarks/out/100000-7

writes bulk record files the loader reads (JSONL, and CSV for the authority
reference data, as `data/reference/london/` does). The shapes follow the
curated London data: a case has an IN_BOROUGH, several SHOWS, often an
AT_PLACE, INVOLVES victims (restricted, under pseudonyms), alleged
perpetrators (groups or individuals, some recurring across cases and
neighbouring authorities), police and councils; reviews EXAMINED cases and
made recommendations; institutions MADE statements ABOUT cases and
RESPONDED to reviews; investigations EXAMINED many cases. Cases are spread
over ~350 synthetic UK-like local authorities, not only London's.

Invariant: the same arguments write the same bytes. Every random choice comes
from one seeded `random.Random`, in a fixed order; nothing depends on set or
dict iteration order, the clock or the environment. Every record names the
synthetic source `SOURCE_ID`, so generated data can never pass for real.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.geography import Authority, authorities, coin_name, neighbour_pairs
from benchmarks.vocabulary import (
    CHARITY_NAMES, FINDINGS, FIRST_NAMES, HEADLINES, INDICATOR_QUOTES, INDICATOR_WEIGHTS,
    MEDIA_NAMES, NOTES, NUMBER_WORDS, OUTCOME_SETS, PERPETRATOR_GROUPS, PERPETRATOR_INDIVIDUALS,
    PLACE_KINDS, PSEUDONYMS, RECOMMENDATIONS, REVIEW_KINDS, STATEMENT_SUMMARIES, SUMMARY_ENDINGS,
    SUMMARY_MIDDLES, SUMMARY_OPENINGS, SURNAMES, VICTIM_GROUPS,
)

__all__ = ["generate", "main", "SOURCE_ID", "SOURCE_YEAR"]

SOURCE_ID = "casegraph-synthetic-benchmark"
SOURCE_YEAR = 2025
TAXONOMY_SOURCE = "casegraph-indicators"
CASES_PER_FILE = 10_000
INDICATORS = Path(__file__).resolve().parent.parent / "data" / "reference" / "indicators.yaml"

SECONDARY_SOURCES = 40
SECONDARY_PREFIX = "casegraph-synthetic-report-"
_MORE_CITATIONS = ((0, 60), (1, 30), (2, 10))
"""Citations beyond the first, and how often: 1 to 3 in all, mean 1.5."""

_SHOWS_COUNTS = ((1, 3), (2, 7), (3, 15), (4, 20), (5, 20), (6, 16), (7, 12), (8, 7))
"""How many indicators a case shows, and how often (London: 3 to 7, mean 5.5)."""


def _weighted(rng: random.Random, pairs) -> Any:
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


class _Files:
    """Open output files by name; records written one JSON object (or CSV row) per line."""

    def __init__(self, out: Path):
        self.out = out
        self.handles: dict[str, Any] = {}
        self.counts: dict[str, int] = {}

    def write(self, name: str, record: dict[str, Any]) -> None:
        handle = self.handles.get(name)
        if handle is None:
            handle = self.handles[name] = (self.out / name).open("w", encoding="utf-8", newline="\n")
        handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        key = record.get("kind") or record["rel"]
        self.counts[key] = self.counts.get(key, 0) + 1

    def write_csv(self, name: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
        with (self.out / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                key = row.get("kind") or row["rel"]
                self.counts[key] = self.counts.get(key, 0) + 1

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


class _Generator:
    def __init__(self, cases: int, seed: int, authority_count: int, files: _Files):
        self.rng = random.Random(seed)
        self.cases = cases
        self.files = files
        self.taken: set[str] = set()
        self.authorities = authorities(self.rng, authority_count, self.taken)
        self.by_id = {a.id: a for a in self.authorities}
        self.places: dict[str, list[tuple[str, str, float]]] = {}  # authority -> (id, name, weight)
        self.groups: dict[str, list[str]] = {}  # authority -> perpetrator group ids
        self.active_in: set[tuple[str, str]] = set()
        self.police_of: dict[str, str] = {}  # authority -> force id
        self.force_names: dict[str, str] = {}
        self.operations: dict[str, tuple[str, int]] = {}  # force -> (open operation id, cases left)
        self.reviews: dict[str, tuple[str, int]] = {}  # authority -> (review id, year)
        self.reviewers: list[str] = []
        self.investigations: dict[str, list[str]] = {}  # region -> journalistic investigation ids
        self.serial = 0

    # -- helpers ----------------------------------------------------------

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def _paras(self) -> list[int]:
        first = self.rng.randint(1, 180)
        return list(range(first, first + self.rng.choice((1, 1, 1, 2, 2, 3))))

    def _prov(self, **extra: Any) -> dict[str, Any]:
        """A fact's provenance: the synthetic source, and 0-2 more citations (1-3 in all, mean 1.5)."""
        record = {"source": SOURCE_ID, "paragraphs": self._paras()}
        record.update(extra)
        more = _weighted(self.rng, _MORE_CITATIONS)
        if more:
            status = extra.get("status", "reported")
            record["citations"] = [self._citation(status) for _ in range(more)]
        return record

    def _citation(self, status: str) -> dict[str, Any]:
        citation: dict[str, Any] = {"source": f"{SECONDARY_PREFIX}{self.rng.randrange(SECONDARY_SOURCES)}"}
        if self.rng.random() < 0.5:
            citation["paragraphs"] = self._paras()
        else:
            citation["locator"] = f"page {self.rng.randint(1, 60)}"
        if status != "reported":
            citation["status"] = status
        if self.rng.random() < 0.3:
            citation["as_of"] = str(self.rng.randint(2000, SOURCE_YEAR))
            citation["reliability"] = self.rng.choice("123")
            citation["credibility"] = self.rng.choice("ABCDE")
        return citation

    def _period(self) -> tuple[str | int, int | None]:
        """`unknown`, a year or a span, as in the London cases; returns the period and its last year."""
        draw = self.rng.random()
        if draw < 0.12:
            return "unknown", None
        start = min(SOURCE_YEAR, int(self.rng.triangular(1965, SOURCE_YEAR + 1, 2019)))
        if draw < 0.27:
            end = min(SOURCE_YEAR, start + self.rng.randint(1, 16))
            return (f"{start}-{end}", end) if end > start else (start, start)
        if draw < 0.29:
            return f"{start}-", SOURCE_YEAR
        return start, start

    def _person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    # -- reference data ---------------------------------------------------

    def sources(self) -> None:
        self.files.write("sources.jsonl", {
            "kind": "source", "id": SOURCE_ID,
            "title": "Synthetic benchmark data (not real cases)",
            "publisher": "casegraph benchmarks", "published": str(SOURCE_YEAR), "doc_type": "dataset",
            "description": "Generated by benchmarks/generate.py for performance measurements. "
                           "Every case, person, place and authority in it is invented.",
        })
        self.files.write("sources.jsonl", {
            "kind": "source", "id": TAXONOMY_SOURCE, "title": "casegraph indicator taxonomy",
            "publisher": "casegraph", "published": "2025", "doc_type": "taxonomy",
        })
        for number in range(SECONDARY_SOURCES):
            record = {"kind": "source", "id": f"{SECONDARY_PREFIX}{number}",
                      "title": f"Synthetic secondary report {number} (not real)", "publisher": "casegraph benchmarks",
                      "published": str(SOURCE_YEAR), "doc_type": "report"}
            if number % 4 == 3:  # every fourth derives from an earlier one: lineage to resolve
                record["derived_from"] = [f"{SECONDARY_PREFIX}{number // 4}"]
            self.files.write("sources.jsonl", record)
        for item in yaml.safe_load(INDICATORS.read_text(encoding="utf-8")):
            self.files.write("indicators.jsonl", item)

    def geography(self) -> None:
        rows = [{
            "kind": "borough", "id": a.id, "name": a.name, "aliases": f"{a.name} District" if i % 5 == 0 else "",
            "gss_code": a.gss_code, "region": a.region,
            "inner_outer": ("inner" if i % 3 == 0 else "outer") if a.region == "London" else "",
            "sub_region": "", "lat": f"{a.lat:.4f}", "lon": f"{a.lon:.4f}",
            "source": SOURCE_ID, "locator": "synthetic authority; centroid invented",
        } for i, a in enumerate(self.authorities)]
        self.files.write_csv("authorities.csv", list(rows[0]), rows)
        pairs = neighbour_pairs(self.rng, self.authorities)
        self.files.write_csv("neighbours.csv", ["rel", "from", "to", "source", "locator"], [
            {"rel": "NEIGHBOURS", "from": x, "to": y, "source": SOURCE_ID, "locator": "nearest centroids"}
            for x, y in pairs
        ])

    def institutions(self) -> None:
        write = lambda record: self.files.write("institutions.jsonl", record)  # noqa: E731
        by_region: dict[str, list[Authority]] = {}
        for a in self.authorities:
            by_region.setdefault(a.region, []).append(a)
        force = 0
        for region, members in by_region.items():
            members = sorted(members, key=lambda a: (a.lon, a.id))
            size = len(members) if region == "London" else 7
            for start in range(0, len(members), size):
                force += 1
                area = members[start:start + size]
                fid, name = f"police-{force:03d}", f"{area[0].name} Police"
                self.force_names[fid] = name
                write({"kind": "institution", "id": fid, "name": name, "aliases": [f"{area[0].name} Constabulary"],
                       "institution_type": "police", **self._prov()})
                write({"rel": "BASED_IN", "from": fid, "to": area[len(area) // 2].id, **self._prov()})
                for a in area:
                    self.police_of[a.id] = fid
                chief = f"chief-constable-{force:03d}"
                self.files.write("people.jsonl", {"kind": "person", "id": chief, "name": self._person_name(),
                                                  "description": f"Chief constable of {name}.", **self._prov()})
                self.files.write("people.jsonl", {"rel": "MEMBER_OF", "from": chief, "to": fid,
                                                  "role": "chief constable", **self._prov()})
        for a in self.authorities:
            write({"kind": "institution", "id": f"{a.id}-council", "name": f"{a.name} Council",
                   "institution_type": "council", **self._prov()})
            write({"kind": "institution", "id": f"{a.id}-scp", "name": f"{a.name} Safeguarding Children Partnership",
                   "aliases": [f"{a.name} SCP"], "institution_type": "safeguarding-partnership", **self._prov()})
            write({"rel": "BASED_IN", "from": f"{a.id}-council", "to": a.id, **self._prov()})
            write({"rel": "BASED_IN", "from": f"{a.id}-scp", "to": a.id, **self._prov()})
            if self.rng.random() < 0.3:
                write({"kind": "institution", "id": f"{a.id}-sab", "name": f"{a.name} Safeguarding Adults Board",
                       "institution_type": "safeguarding-partnership", **self._prov()})
                write({"rel": "BASED_IN", "from": f"{a.id}-sab", "to": a.id, **self._prov()})
            member = f"{a.id}-lead-member"
            self.files.write("people.jsonl", {"kind": "person", "id": member, "name": self._person_name(),
                                              "description": f"{a.name}'s executive member for children.", **self._prov()})
            self.files.write("people.jsonl", {"rel": "MEMBER_OF", "from": member, "to": f"{a.id}-council",
                                              "role": "Executive Member for Children", **self._prov()})
        for index, name in enumerate(MEDIA_NAMES, start=1):
            write({"kind": "institution", "id": f"media-{index:02d}", "name": f"The {name}",
                   "aliases": [name], "institution_type": "media", **self._prov()})
        for index, name in enumerate(CHARITY_NAMES, start=1):
            write({"kind": "institution", "id": f"charity-{index:02d}", "name": name,
                   "institution_type": "charity", **self._prov()})
        write({"kind": "institution", "id": "national-inspectorate", "name": "National Inspectorate of Policing (synthetic)",
               "institution_type": "inspectorate", **self._prov()})
        for index in range(1, max(20, self.cases // 500) + 1):
            rid = f"reviewer-{index:04d}"
            self.reviewers.append(rid)
            self.files.write("people.jsonl", {"kind": "person", "id": rid, "name": self._person_name(),
                                              "description": "Independent reviewer with national expertise in exploitation.",
                                              **self._prov()})

    def place_records(self) -> None:
        total = sum(a.weight for a in self.authorities)
        for a in self.authorities:
            count = max(3, round(self.cases * 0.25 * a.weight / total))
            found = []
            for n in range(1, count + 1):
                place_type, noun, _ = _weighted(self.rng, [(k, k[2]) for k in PLACE_KINDS])
                base = coin_name(self.rng, set())
                name = f"{base} {noun}" if place_type != "district" else base
                pid = f"{a.id}-place-{n:04d}"
                # A school with a case's year identifies its pupils: restricted, as in London, and
                # never a case's place in public text.
                school = place_type == "school"
                record = {"kind": "place", "id": pid, "name": name, "place_type": place_type,
                          **self._prov(**({"sensitivity": "restricted"} if school else {}))}
                self.files.write("places.jsonl", record)
                status = "inferred" if self.rng.random() < 0.7 else "reported"
                rel = {"rel": "PLACE_IN", "from": pid, "to": a.id,
                       **self._prov(status=status, **({"sensitivity": "restricted"} if school else {}))}
                if status == "inferred":
                    rel["basis"] = f"the place is a {noun} of {a.name}; the source names no authority"
                self.files.write("places.jsonl", rel)
                if not school:
                    found.append((pid, name, 1.0 / n))  # Zipf-like: a few places recur in many cases
            self.places[a.id] = found

    def journalism(self) -> None:
        regions = sorted({a.region for a in self.authorities})
        for region in regions:
            ids = []
            for n in range(1, max(1, self.cases // 20_000) + 2):
                iid = f"journalism-{region.lower().replace(' ', '-')}-{n}"
                media = f"media-{self.rng.randint(1, len(MEDIA_NAMES)):02d}"
                year = self.rng.randint(2015, SOURCE_YEAR)
                self.files.write("investigations.jsonl", {
                    "kind": "investigation", "id": iid, "name": f"Investigation into exploitation in {region} ({n})",
                    "investigation_type": "journalistic", "period": year,
                    "summary": f"Identified suspected grooming-gang cases across {region} from council documents.",
                    **self._prov()})
                self.files.write("investigations.jsonl", {"rel": "CONDUCTED_BY", "from": iid, "to": media, **self._prov()})
                ids.append(iid)
            self.investigations[region] = ids

    # -- cases ------------------------------------------------------------

    def case(self, number: int, a: Authority) -> None:
        rng = self.rng
        out = f"cases-{(number - 1) // CASES_PER_FILE + 1:03d}.jsonl"
        write = lambda record: self.files.write(out, record)  # noqa: E731
        cid = f"case-{a.id[3:]}-{number:06d}"
        period, year = self._period()
        year_text = period if period != "unknown" else "year unknown"
        case = {"kind": "case", "id": cid,
                "title": f"{a.name}: {rng.choice(HEADLINES)} ({year_text}) [synthetic {number}]",
                "summary": " ".join((rng.choice(SUMMARY_OPENINGS), rng.choice(SUMMARY_MIDDLES), rng.choice(SUMMARY_ENDINGS))),
                "period": period}
        victims = rng.choice((1, 1, 1, 1, 2, 3, 4, 6, 18))
        if rng.random() < 0.7:
            case["victims_reported"] = victims
        case["outcomes"] = list(_weighted(rng, OUTCOME_SETS))
        entry = _weighted(rng, (("case", 92), ("aggregate", 4), ("case-study", 3), ("campaign", 1)))
        if entry != "case":
            case["entry_type"] = entry
        if entry == "aggregate":
            case["cases_represented"] = rng.randint(2, 40)
            case["described_individually"] = False
        case.update(self._prov())
        if rng.random() < 0.2:
            case["note"] = rng.choice(NOTES)
        write(case)

        borough = self._prov()
        if rng.random() < 0.1:
            borough.update(status="inferred", basis=f"the places in the case lie in {a.name}; the source has no heading for it")
        write({"rel": "IN_BOROUGH", "from": cid, "to": a.id, **borough})

        place = None
        if rng.random() < 0.4 and self.places[a.id]:
            options = self.places[a.id]
            picked = rng.choices(options, [w for _, _, w in options], k=2 if rng.random() < 0.1 else 1)
            for index, (pid, pname, _) in enumerate(dict.fromkeys(picked)):
                place = place or (pid, pname)
                write({"rel": "AT_PLACE", "from": cid, "to": pid,
                       "role": ("where the abuse was reported", "where the children were approached")[index],
                       **self._prov(status=rng.choice(("reported", "alleged")), quote=f"at {pname}"[:300])})

        # Victims: restricted, under a pseudonym or as a group (as "Child O", "Chloe").
        victim = f"{cid}-victim"
        if victims > 1 and rng.random() < 0.5:
            word = NUMBER_WORDS[victims - 2] if victims <= 10 else str(victims)
            write({"kind": "person", "id": victim,
                   "name": rng.choice(VICTIM_GROUPS).format(n=word) + f" (synthetic case {number})",
                   "person_type": "group", "group_size": victims,
                   "description": "The children the source describes together.", **self._prov(sensitivity="restricted")})
        else:
            name = rng.choice(PSEUDONYMS[:27]) if rng.random() < 0.5 else f"Child {chr(65 + number % 26)}{number}"
            write({"kind": "person", "id": victim, "name": name, "pseudonym": True,
                   "description": "Pseudonym used by the source.", **self._prov(sensitivity="restricted")})
        involves = {"rel": "INVOLVES", "from": cid, "to": victim, "role": "victim",
                    **self._prov(sensitivity="restricted")}
        if rng.random() < 0.85:
            age_from = rng.randint(8, 17)
            involves["age_from"] = age_from
            if rng.random() < 0.75:
                involves["age_to"] = rng.randint(age_from, 17)
            involves["description"] = f"abused from the age of {age_from}"
        write(involves)

        # Perpetrators: new groups or individuals, or a group seen in an earlier case nearby.
        draw = rng.random()
        perpetrator, restricted = None, False
        area = place[1] if place else a.name
        if draw < 0.10 and self.groups.get(a.id):
            perpetrator = rng.choice(self.groups[a.id][-20:])
        elif draw < 0.13:
            nearby = [g for n in a.neighbours for g in self.groups.get(n, ())[-5:]]
            perpetrator = rng.choice(nearby) if nearby else None
        if perpetrator is None and draw < 0.95:
            perpetrator = f"{cid}-perpetrator"
            if draw < 0.65:
                name = rng.choice(PERPETRATOR_GROUPS).format(place=area, area=area) + f" (synthetic case {number})"
                write({"kind": "person", "id": perpetrator, "name": name[:300], "person_type": "group",
                       **({"group_size": rng.randint(2, 12)} if rng.random() < 0.4 else {}),
                       "description": "Men the source says abused the children; none is named.",
                       **self._prov(status="alleged")})
                self.groups.setdefault(a.id, []).append(perpetrator)
            elif draw < 0.90:
                write({"kind": "person", "id": perpetrator,
                       "name": f"{rng.choice(PERPETRATOR_INDIVIDUALS)} (synthetic case {number})",
                       "description": "Not named by the source.", **self._prov(status="alleged")})
            else:  # a story character's name: restricted, as "Tom" in the Hounslow story
                restricted = True
                write({"kind": "person", "id": perpetrator, "name": rng.choice(PSEUDONYMS[27:]), "pseudonym": True,
                       "description": "The name the story gives the man.",
                       **self._prov(status="alleged", sensitivity="restricted")})
        if perpetrator:
            status = _weighted(rng, (("alleged", 70), ("charged", 10), ("convicted", 15), ("acquitted", 5)))
            rel = {"rel": "INVOLVES", "from": cid, "to": perpetrator, "role": "perpetrator",
                   **self._prov(status=status)}
            if restricted:
                rel["sensitivity"] = "restricted"
            write(rel)
            target = place[0] if place and rng.random() < 0.5 else a.id
            if (perpetrator, target) not in self.active_in and rng.random() < 0.6:
                self.active_in.add((perpetrator, target))
                write({"rel": "ACTIVE_IN", "from": perpetrator, "to": target, **self._prov(status="alleged")})
            if rng.random() < 0.08 and perpetrator in self.groups.get(a.id, ())[-1:] and perpetrator.startswith(cid):
                accused = f"{cid}-accused"
                count = rng.randint(2, 5)
                write({"kind": "person", "id": accused, "name": f"{NUMBER_WORDS[count - 2]} men charged (synthetic case {number})",
                       "person_type": "group", "group_size": count, **self._prov(status="charged")})
                write({"rel": "INVOLVES", "from": cid, "to": accused, "role": "accused", **self._prov(status="charged")})
                write({"rel": "MEMBER_OF", "from": accused, "to": perpetrator, "role": "members charged",
                       **self._prov(status="inferred", basis="the source reports the group and the charges")})

        # Institutions in the case: the police (often inferred) and the council.
        if rng.random() < 0.45:
            force = self.police_of[a.id]
            ref = self.force_names[force] if rng.random() < 0.05 else force  # some by name, as "the Met"
            rel = {"rel": "INVOLVES", "from": cid, "to": ref, "role": "police",
                   "description": "took no further action", **self._prov()}
            if rng.random() < 0.5:
                rel.update(status="inferred", basis=f"the source says \"the police\"; {a.name} is policed by {self.force_names[force]}")
            write(rel)
        if rng.random() < 0.25:
            write({"rel": "INVOLVES", "from": cid, "to": f"{a.id}-council", "role": "council", **self._prov()})
        if rng.random() < 0.05:
            charity = f"charity-{rng.randint(1, len(CHARITY_NAMES)):02d}"
            write({"rel": "INVOLVES", "from": cid, "to": charity, "role": rng.choice(("charity", "reporter")), **self._prov()})

        for indicator in self._indicators():
            # one child's health is restricted, as in London (publication-safety rules)
            hidden = {"sensitivity": "restricted"} if indicator == "pregnancy-or-sti" else {}
            write({"rel": "SHOWS", "from": cid, "to": indicator,
                   **self._prov(quote=rng.choice(INDICATOR_QUOTES[indicator]), **hidden)})

        # Who examined it and who spoke about it: in London nearly every case was examined by
        # the newspapers' investigation and most by a review; here fewer, as a national corpus.
        if rng.random() < 0.5:
            ids = self.investigations[a.region]
            iid = rng.choices(ids, [1 / (i + 1) for i in range(len(ids))])[0]  # a few investigations dominate
            self.files.write("investigations.jsonl", {"rel": "EXAMINED", "from": iid, "to": cid, **self._prov()})
        if rng.random() < 0.06:
            self._operation(cid, a)
        if rng.random() < 0.2:
            self._review(cid, a, year)
        if rng.random() < 0.3:
            self._statement(cid, a, year)

    def _indicators(self) -> list[str]:
        k = _weighted(self.rng, _SHOWS_COUNTS)
        names, weights = list(INDICATOR_WEIGHTS), list(INDICATOR_WEIGHTS.values())
        chosen: list[str] = []
        while len(chosen) < k:
            pick = self.rng.choices(names, weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        return chosen

    def _operation(self, cid: str, a: Authority) -> None:
        """A police operation that examines a few cases of one force."""
        force = self.police_of[a.id]
        current = self.operations.get(force)
        if current is None or current[1] == 0:
            oid = f"operation-{force[7:]}-{self._next():06d}"
            self.files.write("investigations.jsonl", {
                "kind": "investigation", "id": oid, "name": f"Operation {coin_name(self.rng, set())} ({oid[10:]})",
                "investigation_type": "police", "period": self._period()[0], **self._prov()})
            self.files.write("investigations.jsonl", {"rel": "CONDUCTED_BY", "from": oid, "to": force, **self._prov()})
            current = (oid, self.rng.randint(1, 12))
        self.operations[force] = (current[0], current[1] - 1)
        self.files.write("investigations.jsonl", {"rel": "EXAMINED", "from": current[0], "to": cid, **self._prov()})

    def _review(self, cid: str, a: Authority, year: int | None) -> None:
        """A review of the case (sometimes one review examines several cases), its recommendations and responses."""
        rng = self.rng
        write = lambda record: self.files.write("reviews.jsonl", record)  # noqa: E731
        existing = self.reviews.get(a.id)
        if existing and rng.random() < 0.3:
            write({"rel": "EXAMINED", "from": existing[0], "to": cid, **self._prov()})
            return
        rid = f"review-{a.id[3:]}-{self._next():06d}"
        review_year = min(SOURCE_YEAR, (year or rng.randint(2005, 2023)) + rng.randint(0, 3))
        review_type, title, _ = _weighted(rng, [(k, k[2]) for k in REVIEW_KINDS])
        write({"kind": "review", "id": rid, "name": f"{title}, {a.name} ({rid[7:]})", "review_type": review_type,
               "period": review_year, "summary": "The review examined how agencies responded to the exploitation.",
               "findings": rng.sample(FINDINGS, rng.randint(1, 3)), **self._prov()})
        write({"rel": "EXAMINED", "from": rid, "to": cid, **self._prov()})
        write({"rel": "COMMISSIONED_BY", "from": rid, "to": f"{a.id}-scp", **self._prov()})
        write({"rel": "CONDUCTED_BY", "from": rid, "to": rng.choice(self.reviewers),
               "role": "independent reviewer", **self._prov()})
        self.reviews[a.id] = (rid, review_year)
        for n in range(1, rng.choice((0, 1, 2, 3, 4)) + 1):
            rec = f"{rid}-rec-{n}"
            write({"kind": "recommendation", "id": rec, "summary": rng.choice(RECOMMENDATIONS), **self._prov()})
            write({"rel": "RECOMMENDS", "from": rid, "to": rec, **self._prov()})
            if rng.random() < 0.3:
                self._statement(cid, a, review_year, responds_to=(rec, "statement"), org=f"{a.id}-scp")
        if rng.random() < 0.6:
            self._statement(cid, a, review_year, responds_to=(rid, "statement"), org=f"{a.id}-council")

    def _statement(self, cid: str, a: Authority, year: int | None,
                   responds_to: tuple[str, str] | None = None, org: str | None = None) -> None:
        rng = self.rng
        write = lambda record: self.files.write("statements.jsonl", record)  # noqa: E731
        sid = f"statement-{self._next():07d}"
        kind = responds_to[1] if responds_to else rng.choice(tuple(STATEMENT_SUMMARIES))
        org = org or (self.police_of[a.id] if kind in ("declined-to-comment", "claim") else f"{a.id}-council")
        who = "force" if org.startswith("police-") else "partnership" if org.endswith("-scp") else "council"
        if org.endswith("-council") and rng.random() < 0.3:
            org = f"{a.id}-lead-member"  # a council's executive member speaks for it
        when = min(SOURCE_YEAR, (year or 2020) + rng.randint(0, 3)) if rng.random() < 0.8 else "unknown"
        write({"kind": "statement", "id": sid, "statement_type": kind,
               "summary": STATEMENT_SUMMARIES[kind].format(org=who), "period": when, **self._prov()})
        write({"rel": "MADE_BY", "from": sid, "to": org, **self._prov()})
        write({"rel": "ABOUT", "from": sid, "to": cid, **self._prov()})
        if responds_to is None and kind == "statement" and rng.random() < 0.5:
            responds_to = (cid, kind)
        if responds_to:
            write({"rel": "RESPONDS_TO", "from": sid, "to": responds_to[0],
                   "response": rng.choice(("completed", "in-progress", "acted-on", "none-reported")), **self._prov()})
        if responds_to and responds_to[0].startswith("review-") and "-rec-" not in responds_to[0] and rng.random() < 0.5:
            write({"rel": "ABOUT", "from": sid, "to": responds_to[0], **self._prov()})

    def run(self) -> None:
        self.sources()
        self.geography()
        self.institutions()
        self.place_records()
        self.journalism()
        weights = [a.weight for a in self.authorities]
        for number in range(1, self.cases + 1):
            self.case(number, self.rng.choices(self.authorities, weights)[0])


def generate(out: Path, cases: int, seed: int, authority_count: int = 350) -> dict[str, int]:
    """Write a synthetic dataset of `cases` cases into `out`; return record counts by kind/rel."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("*.jsonl")) + list(out.glob("*.csv")):
        old.unlink()
    files = _Files(out)
    try:
        _Generator(cases, seed, authority_count, files).run()
    finally:
        files.close()
    return dict(sorted(files.counts.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="how many cases (default 100000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--authorities", type=int, default=350, help="how many local authorities (default 350)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (its .jsonl/.csv files are replaced)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.out, args.cases, args.seed, args.authorities)
    report = {"out": str(args.out), "cases": args.cases, "seed": args.seed, "records": sum(counts.values()),
              "counts": counts, "seconds": round(time.perf_counter() - started, 2)}
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        print(f"wrote {report['records']:,} records to {args.out} in {report['seconds']} s", file=sys.stderr)
        for key, count in counts.items():
            print(f"  {key:<16}{count:>10,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
