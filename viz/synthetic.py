"""A generated graph of any size, with the real schema, for measuring and testing views at scale.

Not casegraph's bulk dataset generator (that lives elsewhere and may
change): a small, seeded one so the views' budgets and the benchmark in
`measure` do not depend on it. It builds validated records (the same
pydantic models the loaders produce) around the real reference data (the
33 London boroughs with their centroids and neighbours, the indicator
taxonomy), so a synthetic graph has every attribute a real one has,
including restricted victims. Every generated text says it is synthetic.
"""

from __future__ import annotations

import random

from casegraph.loaders import Dataset, default_data_dir, load
from casegraph.schemas import nodes as N
from casegraph.schemas import relationships as R

__all__ = ["synthetic_dataset", "synthetic_graph", "SOURCE"]

SOURCE = "casegraph-synthetic"
SHARE = {"CaseFile": 0.40, "Person": 0.30, "Place": 0.12, "Institution": 0.06,
         "Statement": 0.06, "Review": 0.03, "Recommendation": 0.03}


def _rel(model, a: str, b: str, **fields):
    return model(**{"from": a, "to": b, "source": SOURCE, "paragraphs": [1], **fields}).with_ids(a, b)


def synthetic_dataset(nodes: int, seed: int = 1) -> Dataset:
    """About `nodes` nodes (plus the reference data's boroughs and indicators) and ~3 relationships per node."""
    rng = random.Random(seed)
    base = default_data_dir()
    reference = load([base / "reference", base / "sources.yaml"])
    made_nodes, made_rels = list(reference.all_nodes()), list(reference.all_rels())
    made_nodes.append(N.SourceDocument(id=SOURCE, title="Synthetic benchmark data (not real cases)",
                                      publisher="casegraph", published="2025", doc_type="dataset"))
    boroughs = [b.id for b in reference.nodes["Borough"]]
    indicators = [i.id for i in reference.nodes["Indicator"]]
    fact = {"source": SOURCE, "paragraphs": [1]}
    rest = max(nodes - len(made_nodes), 7)
    count = {label: max(1, int(rest * share)) for label, share in SHARE.items()}

    def add(model, rels=(), **fields):
        made_nodes.append(model(**fields, **fact))
        for rel in rels:
            made_rels.append(rel)

    institutions = [f"syn-institution-{i}" for i in range(count["Institution"])]
    for i, iid in enumerate(institutions):
        b = rng.choice(boroughs)
        add(N.Institution, [_rel(R.BasedIn, iid, b)], id=iid, name=f"Synthetic institution {i}",
            institution_type=rng.choice(["police", "council", "charity", "safeguarding-partnership"]))
    places = [f"syn-place-{i}" for i in range(count["Place"])]
    place_borough = {}
    for i, pid in enumerate(places):
        place_borough[pid] = rng.choice(boroughs)
        add(N.Place, [_rel(R.PlaceIn, pid, place_borough[pid], status=rng.choice(["reported", "inferred"]),
                           basis="a synthetic place's borough")], id=pid, name=f"Synthetic place {i}",
            place_type="other")
    people = [f"syn-person-{i}" for i in range(count["Person"])]
    for i, pid in enumerate(people):
        active = rng.sample(boroughs, 2 if rng.random() < 0.1 else 1)
        add(N.Person, [_rel(R.ActiveIn, pid, b) for b in active], id=pid, name=f"Synthetic person {i}",
            person_type=rng.choice(["individual", "group"]))
    cases = [f"syn-case-{i}" for i in range(count["CaseFile"])]
    for i, cid in enumerate(cases):
        start = rng.randint(1975, 2024)
        period = str(start) if rng.random() < 0.7 else (f"{start}-{min(start + rng.randint(1, 12), 2025)}"
                                                        if rng.random() < 0.8 else "unknown")
        borough = rng.choice(boroughs)
        rels = [_rel(R.InBorough, cid, borough)]
        rels += [_rel(R.Shows, cid, ind) for ind in rng.sample(indicators, rng.randint(1, 4))]
        for person in rng.sample(people, min(len(people), rng.randint(0, 2))):
            rels.append(_rel(R.Involves, cid, person, role="perpetrator",
                             status=rng.choice(["alleged", "alleged", "charged", "convicted", "acquitted"])))
        if places and rng.random() < 0.3:
            rels.append(_rel(R.AtPlace, cid, rng.choice(places)))
        if rng.random() < 0.3:
            victim = f"syn-victim-{i}"
            add(N.Person, id=victim, name=f"Synthetic victim {i}", pseudonym=True, sensitivity="restricted")
            rels.append(_rel(R.Involves, cid, victim, role="victim", sensitivity="restricted"))
        add(N.CaseFile, rels, id=cid, title=f"Synthetic case {i}", summary="Generated for benchmarks; not a real case.",
            period=period)
    reviews = [f"syn-review-{i}" for i in range(count["Review"])]
    for i, rid in enumerate(reviews):
        rels = [_rel(R.CommissionedBy, rid, rng.choice(institutions))]
        rels += [_rel(R.Examined, rid, c) for c in rng.sample(cases, min(len(cases), rng.randint(1, 3)))]
        add(N.Review, rels, id=rid, name=f"Synthetic review {i}", review_type="safeguarding-practice-review",
            period=str(rng.randint(1990, 2025)))
    for i in range(count["Recommendation"]):
        add(N.Recommendation, id=f"syn-recommendation-{i}", summary=f"Synthetic recommendation {i}")
        made_rels.append(_rel(R.Recommends, rng.choice(reviews), f"syn-recommendation-{i}"))
    for i in range(count["Statement"]):
        sid = f"syn-statement-{i}"
        kind = "declined-to-comment" if rng.random() < 0.2 else "statement"
        rels = [_rel(R.MadeBy, sid, rng.choice(institutions)), _rel(R.About, sid, rng.choice(cases))]
        add(N.Statement, rels, id=sid, statement_type=kind, summary=f"Synthetic statement {i}",
            period=str(rng.randint(2000, 2025)))
    return Dataset.of(made_nodes, made_rels)


def synthetic_graph(nodes: int, seed: int = 1, include_restricted: bool = False):
    """The generated graph as the networkx projection views read."""
    from casegraph.graph.projection import project_dataset

    return project_dataset(synthetic_dataset(nodes, seed), include_restricted=include_restricted)
