"""Facts of the curated London dataset, each checked by hand against the source.

The source is the Express/MyLondon investigation (`express-mylondon-2025`,
`../shared/sources/000_d9e7fe8d4dc27a5d.txt` from the project root, paragraph N = line N). These
tests pin what an editor verified: counts, inferences, legal statuses, the
review -> recommendation -> response chains, and that no victim pseudonym
leaks into public records.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from casegraph.loaders import default_data_dir, load
from casegraph.loaders.dataset import Dataset
from casegraph.loaders.verify import verify
from tests.require import require

SOURCE = "express-mylondon-2025"
LAST_ARTICLE_PARAGRAPH = 58  # 59 onwards is website furniture ("You may also like")
PSEUDONYMS = ("Chloe", "Sylvia", "Olivia", "Jamie", "Child O", "Tom")

# Every case record, with its `period` (written `when` in the brief), as checked against the source's headings.
CASE_WHENS = {
    "haringey-2012-finsbury-park": "2012",
    "croydon-2020-child-in-care": "2020",
    "kingston-2021-sar": "2021",
    "lambeth-2022-hotel-room": "2022",
    "hounslow-2015-magazine-story": "2015",
    "newham-stratford-mcdonalds": "unknown",
    "hillingdon-2014-operation-baker": "2014",
    "hillingdon-2000-2016-bellfield-group": "2000-2016",
    "hounslow-2017-group-of-males": "2017",
    "lewisham-2002-imperial-research": "2002",
    "lewisham-2000-martin-malone": "2000",
    "islington-2002-barnardos-campaign": "2002",
    "redbridge-2011-child-sex-ring": "2011",
    "tower-hamlets-2020-iicsa": "2020",
    "london-hmicfrs-2016-2025": "2016-2025",
}

CASE_BOROUGHS = {
    "haringey-2012-finsbury-park": "haringey",
    "croydon-2020-child-in-care": "croydon",
    "kingston-2021-sar": "kingston-upon-thames",
    "lambeth-2022-hotel-room": "lambeth",
    "hounslow-2015-magazine-story": "hounslow",
    "newham-stratford-mcdonalds": "newham",
    "hillingdon-2014-operation-baker": "hillingdon",
    "hillingdon-2000-2016-bellfield-group": "hillingdon",
    "hounslow-2017-group-of-males": "hounslow",
    "lewisham-2002-imperial-research": "lewisham",
    "lewisham-2000-martin-malone": "lewisham",
    "islington-2002-barnardos-campaign": "islington",
    "redbridge-2011-child-sex-ring": "redbridge",
    "tower-hamlets-2020-iicsa": "tower-hamlets",
}

# (case, person) pairs whose INVOLVES is `convicted`, each checked by hand:
# - Martin Malone: "convicted for sexually exploiting young girls in care" (para 23)
# - four Redbridge men: "four went down for rape and sexual assault" (para 25)
CHECKED_CONVICTIONS = {
    ("lewisham-2000-martin-malone", "martin-malone"),
    ("redbridge-2011-child-sex-ring", "four-men-convicted-redbridge-2011"),
}

# Victim ages the source gives (age_from, age_to), by case and person.
VICTIM_AGES = {
    ("haringey-2012-finsbury-park", "victim-haringey-2012"): (12, 16),  # paras 7, 8
    ("croydon-2020-child-in-care", "victim-croydon-2020"): (11, None),  # para 9
    ("kingston-2021-sar", "victim-kingston-2021"): (13, 16),  # para 10
    ("lambeth-2022-hotel-room", "victim-lambeth-2022"): (13, 17),  # para 11
    ("hounslow-2015-magazine-story", "victim-hounslow-2015"): (15, 15),  # para 12
    ("newham-stratford-mcdonalds", "victims-stratford-four-girls"): (13, 15),  # para 14
    ("hillingdon-2014-operation-baker", "victims-operation-baker"): (12, 17),  # para 15
    ("hillingdon-2000-2016-bellfield-group", "victim-hillingdon-group-member-daughter"): (14, 14),  # para 18
    ("lewisham-2002-imperial-research", "victims-lewisham-2002"): (13, 15),  # para 22
    ("lewisham-2000-martin-malone", "victims-lewisham-2000"): (14, None),  # para 23
    ("redbridge-2011-child-sex-ring", "victims-redbridge-2011"): (None, 17),  # para 25
    ("tower-hamlets-2020-iicsa", "victims-tower-hamlets-2020"): (13, None),  # para 26
    # the ages the Barnardo's project limited its work to (para 24)
    ("islington-2002-barnardos-campaign", "children-referred-barnardos-islington-2002"): (13, 14),
}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load()


def _when(node) -> str:
    """A timed record's `when` (the schema stores it as `period`, accepting `when`)."""
    return getattr(node, "period", None) or getattr(node, "when")


def _nodes(ds: Dataset, label: str) -> dict:
    return {n.id: n for n in ds.nodes.get(label, ())}


def _rels(ds: Dataset, rtype: str, **match) -> list:
    return [r for r in ds.rels.get(rtype, ())
            if all(getattr(r, "from_" if k == "from_" else k) == v for k, v in match.items())]


def _london_records(ds: Dataset):
    """Every record this dataset curates from the article or the taxonomy."""
    for record in [*ds.all_nodes(), *ds.all_rels()]:
        if getattr(record, "source", None) in (SOURCE, "casegraph-indicators"):
            yield record


SOURCES = Path(__file__).resolve().parents[2].parent / "shared" / "sources"
"""The article, outside the project (it is copyrighted): `../shared/sources/` from the project's root."""


# -- counts: claimed vs represented vs described --------------------------------------------


def test_case_records_and_their_years(ds):
    cases = _nodes(ds, "CaseFile")
    assert {cid: _when(c) for cid, c in cases.items()} == CASE_WHENS


def test_cases_represented_and_described(ds):
    cases = _nodes(ds, "CaseFile").values()
    assert len(cases) == 15
    assert sum(c.cases_represented for c in cases) == 20
    assert sum(1 for c in cases if c.described_individually) == 14


def test_investigation_claims_24_and_examined_every_case(ds):
    inv = _nodes(ds, "Investigation")["express-mylondon-investigation-2025"]
    assert inv.investigation_type == "journalistic"
    assert inv.cases_claimed == 24
    examined = {r.to for r in _rels(ds, "EXAMINED", from_=inv.id)}
    assert set(_nodes(ds, "CaseFile")) <= examined
    # the claim exceeds what the text represents: 24 claimed, 20 represented
    assert inv.cases_claimed - sum(c.cases_represented for c in _nodes(ds, "CaseFile").values()) == 4


def test_hmicfrs_entry_stands_for_six(ds):
    case = _nodes(ds, "CaseFile")["london-hmicfrs-2016-2025"]
    assert case.cases_represented == 6
    assert case.described_individually is False
    assert _when(case) == "2016-2025"
    assert not _rels(ds, "IN_BOROUGH", from_=case.id)  # London-wide: no borough


# -- boroughs and places -------------------------------------------------------------------


def test_case_boroughs(ds):
    found = defaultdict(set)
    for rel in ds.rels["IN_BOROUGH"]:
        found[rel.from_].add(rel.to)
    assert {case: boroughs for case, boroughs in found.items()} == {
        case: {borough} for case, borough in CASE_BOROUGHS.items()}


def test_stratford_is_newham_by_inference(ds):
    case = _nodes(ds, "CaseFile")["newham-stratford-mcdonalds"]
    assert _when(case) == "unknown" and case.year_start is None
    (rel,) = _rels(ds, "IN_BOROUGH", from_=case.id)
    assert rel.to == "newham"
    assert rel.status == "inferred" and rel.basis
    (place,) = _rels(ds, "PLACE_IN", from_="mcdonalds-stratford")
    assert place.to == "newham" and place.status == "inferred"


def test_only_headed_boroughs_are_reported(ds):
    for rel in ds.rels["IN_BOROUGH"]:
        expected = "inferred" if rel.from_ == "newham-stratford-mcdonalds" else "reported"
        assert rel.status == expected, rel.from_


def test_finsbury_park_in_haringey_by_inference(ds):
    (rel,) = _rels(ds, "PLACE_IN", from_="finsbury-park")
    assert rel.to == "haringey"
    assert rel.status == "inferred"
    assert "Islington" in rel.basis and "Hackney" in rel.basis


def test_place_boroughs_are_inferred(ds):
    expected = {
        "finsbury-park": "haringey", "mcdonalds-stratford": "newham",
        "bellfield-hanworth-flat": "hounslow", "malory-school": "lewisham",
        "sydenham-girls-school": "lewisham", "lewisham-town-centre": "lewisham",
        "lewisham-childrens-homes": "lewisham", "paddington": "westminster",
        "soho": "westminster", "streatham": "lambeth",
    }
    rels = ds.rels["PLACE_IN"]
    assert {r.from_: r.to for r in rels} == expected
    assert all(r.status == "inferred" and r.basis for r in rels)


def test_councils_are_based_in_their_boroughs(ds):
    based = {r.from_: r.to for r in ds.rels["BASED_IN"]}
    for council, borough in {
        "haringey-council": "haringey", "lewisham-council": "lewisham", "hounslow-council": "hounslow",
        "lambeth-council": "lambeth", "redbridge-council": "redbridge", "islington-council": "islington",
        "kingston-council": "kingston-upon-thames", "hillingdon-council": "hillingdon",
    }.items():
        assert based[council] == borough


# -- institutions ----------------------------------------------------------------------------


def test_barnardos_resolves_from_the_misspelt_alias(ds, tmp_path):
    barnardos = _nodes(ds, "Institution")["barnardos"]
    assert barnardos.name == "Barnardo's"
    assert "Barnado's" in barnardos.aliases
    assert "misspel" in barnardos.note
    # a reference by the heading's misspelt form resolves to the one institution
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "- {rel: INVOLVES, from: islington-2002-barnardos-campaign, to: \"Barnado's\", role: other,\n"
        "   source: express-mylondon-2025, paragraphs: [24]}\n", encoding="utf-8")
    from casegraph.loaders import default_data_dir
    resolved = load([default_data_dir(), extra])
    assert any(r.to == "barnardos" and r.role == "other" for r in resolved.rels["INVOLVES"])


# -- legal status --------------------------------------------------------------------------


def test_redbridge_outcomes(ds):
    case = _nodes(ds, "CaseFile")["redbridge-2011-child-sex-ring"]
    assert set(case.outcomes) == {"cleared", "convicted"}
    assert case.victims_reported == 6
    roles = {r.to: (r.role, r.status) for r in _rels(ds, "INVOLVES", from_=case.id)}
    assert roles["accused-men-redbridge-2011"] == ("accused", "acquitted")
    assert roles["four-men-convicted-redbridge-2011"] == ("perpetrator", "convicted")
    assert _nodes(ds, "Person")["four-men-convicted-redbridge-2011"].group_size == 4


def test_only_checked_convictions(ds):
    convicted = {(r.from_, r.to) for r in ds.rels["INVOLVES"] if r.status == "convicted"}
    assert convicted == CHECKED_CONVICTIONS
    for rel in ds.rels["INVOLVES"]:
        if rel.role == "perpetrator" and (rel.from_, rel.to) not in CHECKED_CONVICTIONS:
            assert rel.status == "alleged", (rel.from_, rel.to)


def test_no_person_node_is_marked_convicted_except_the_convicted_group(ds):
    people = _nodes(ds, "Person")
    assert {p for p, n in people.items() if n.status == "convicted"} == {"four-men-convicted-redbridge-2011"}


def test_bellfield_is_alleged_in_the_case_and_convicted_of_murder_only(ds):
    (rel,) = _rels(ds, "INVOLVES", from_="hillingdon-2000-2016-bellfield-group", to="levi-bellfield")
    assert rel.status == "alleged"
    person = _nodes(ds, "Person")["levi-bellfield"]
    assert "murder" in person.description and person.status != "convicted"


def test_stratford_three_charged_not_prosecuted(ds):
    case = _nodes(ds, "CaseFile")["newham-stratford-mcdonalds"]
    assert set(case.outcomes) == {"charged", "not-prosecuted"}
    assert case.victims_reported == 18
    (rel,) = _rels(ds, "INVOLVES", from_=case.id, to="three-men-charged-stratford")
    assert rel.status == "charged" and rel.role == "accused"


def test_case_outcomes(ds):
    cases = _nodes(ds, "CaseFile")
    assert set(cases["haringey-2012-finsbury-park"].outcomes) == {"no-action", "died"}
    assert cases["lewisham-2000-martin-malone"].outcomes == ["convicted"]
    assert cases["hounslow-2015-magazine-story"].outcomes == ["not-applicable"]
    assert cases["islington-2002-barnardos-campaign"].outcomes == ["not-applicable"]


# -- victims and sensitivity ------------------------------------------------------------------


def test_every_victim_is_restricted(ds):
    people = _nodes(ds, "Person")
    victims = [r for r in ds.rels["INVOLVES"] if r.role == "victim"]
    assert len(victims) >= 14
    for rel in victims:
        assert people[rel.to].sensitivity == "restricted", rel.to
        assert rel.sensitivity == "restricted", (rel.from_, rel.to)


def test_victim_ages_are_the_sources(ds):
    ages = {(r.from_, r.to): (r.age_from, r.age_to)
            for r in ds.rels["INVOLVES"] if r.role == "victim" and (r.age_from or r.age_to)}
    assert ages == VICTIM_AGES


def test_pseudonymous_people_are_restricted(ds):
    people = _nodes(ds, "Person")
    for pid in ("victim-haringey-2012", "victim-croydon-2020", "victim-kingston-2021",
                "victim-lambeth-2022", "victim-hounslow-2015", "man-hounslow-2015-story"):
        assert people[pid].pseudonym and people[pid].sensitivity == "restricted", pid


def test_relationships_touching_restricted_people_are_restricted(ds):
    restricted = {p.id for p in ds.nodes["Person"] if p.sensitivity == "restricted"}
    for rel in ds.all_rels():
        if rel.from_ in restricted or rel.to in restricted:
            assert rel.sensitivity == "restricted", rel.id


def test_no_public_record_names_a_pseudonym(ds):
    patterns = [re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE) for name in PSEUDONYMS]
    patterns.append(re.compile(r"child-o\b|\bchloe|sylvia|olivia|jamie", re.IGNORECASE))  # ids too
    for record in [*ds.all_nodes(), *ds.all_rels()]:
        if getattr(record, "sensitivity", "public") == "restricted":
            continue
        for field, value in record:
            for text in (value if isinstance(value, list) else [value]):
                if isinstance(text, str):
                    for pattern in patterns:
                        assert not pattern.search(text), (record.id, field, text)


def test_case_titles_are_public_and_pseudonym_free(ds):
    for case in ds.nodes["CaseFile"]:
        assert case.sensitivity == "public"
        assert not any(name.casefold() in case.title.casefold() for name in PSEUDONYMS), case.title


# -- provenance ---------------------------------------------------------------------------------


def test_shows_and_involves_have_paragraphs(ds):
    for rtype in ("SHOWS", "INVOLVES"):
        for rel in ds.rels[rtype]:
            assert rel.paragraphs, (rtype, rel.from_, rel.to)


def test_every_shows_has_a_quote(ds):
    """A quote as evidence; where any quote would identify the child, the evidence is restricted text."""
    for rel in ds.rels["SHOWS"]:
        assert rel.quote or (rel.restricted_detail and "evidence:" in rel.restricted_detail), (rel.from_, rel.to)


# Each SHOWS takes the status of the account it rests on (paragraph in the comment).
SHOWS_STATUS = {
    ("redbridge-2011-child-sex-ring", "sold-for-sex"): "acquitted",  # 25: "cleared of child prostitution charges"
    ("redbridge-2011-child-sex-ring", "group-based-offending"): "alleged",  # 25: "a suspected 'child sex ring'"
    ("hounslow-2017-group-of-males", "group-based-offending"): "alleged",  # 21: documents "describe concerns"
    ("hillingdon-2000-2016-bellfield-group", "filming-or-blackmail"): "alleged",  # 18: "evidence at hearings"
    ("hillingdon-2014-operation-baker", "sold-for-sex"): "alleged",  # 15: what other children told
    ("haringey-2012-finsbury-park", "violence-or-threats"): "alleged",  # 7: "she claims"
    ("kingston-2021-sar", "older-men"): "alleged",  # 10: "concerns about"
    ("lambeth-2022-hotel-room", "multiple-perpetrators"): "alleged",  # 11: "She says"
    ("croydon-2020-child-in-care", "child-in-care"): "reported",  # 9
    ("lewisham-2000-martin-malone", "sold-for-sex"): "reported",  # 23: convicted; trial report
}


def test_shows_takes_the_status_of_its_account(ds):
    statuses = {(r.from_, r.to): r.status for r in ds.rels["SHOWS"]}
    assert {key: statuses[key] for key in SHOWS_STATUS} == SHOWS_STATUS


def test_roles_go_no_further_than_the_source(ds):
    roles = {(r.from_, r.to): r.role for r in ds.rels["INVOLVES"]}
    assert roles["lambeth-2022-hotel-room", "six-men-hotel-room-lambeth-2022"] == "associate"  # para 11: two of them
    assert roles["lambeth-2022-hotel-room", "two-men-hotel-room-lambeth-2022"] == "perpetrator"
    assert roles["kingston-2021-sar", "men-known-risk-kingston-2021"] == "associate"
    assert roles["tower-hamlets-2020-iicsa", "older-men-tower-hamlets-2020"] == "suspect"


def test_identifying_detail_is_restricted_text(ds):
    """What identifies a child moved to `restricted_detail` (NOTES.md lists each record)."""
    details = {r.id: r.restricted_detail for r in ds.all_nodes() if getattr(r, "restricted_detail", None)}
    assert "14-year-old daughter" in details["hillingdon-2000-2016-bellfield-group"]
    assert "overdose" in details["kingston-2021-sar"] and "miscarriage" in details["lambeth-2022-hotel-room"]
    assert "Malory School" in details["lewisham-2002-imperial-research"]
    places = _nodes(ds, "Place")
    assert places["malory-school"].sensitivity == places["sydenham-girls-school"].sensitivity == "restricted"


def test_paragraphs_are_within_the_article(ds):
    for record in _london_records(ds):
        if record.source == SOURCE:
            assert record.paragraphs, record.id
            assert all(1 <= p <= LAST_ARTICLE_PARAGRAPH for p in record.paragraphs), record.id


def test_quotes_are_short_phrases(ds):
    for record in _london_records(ds):
        if record.quote:
            assert len(record.quote.split()) <= 15, (record.id, record.quote)


def test_every_citation_verifies_against_the_article():
    """`casegraph verify` on the London data against the real text (`../shared/sources` beside the
    project): checksum, paragraphs, quotes (elisions in order) and no copied prose. Replaces the two
    tests that checked quotes and copied prose by hand; skipped locally, failed under CI, without it."""
    require((SOURCES / "000_d9e7fe8d4dc27a5d.txt").is_file(), f"the article is not in {SOURCES}",
            "put the source documents at ../shared/sources/ beside the project")
    report = verify([default_data_dir()], SOURCES)
    assert not report.problems, "\n".join(map(str, report.problems))
    assert report.texts == 1 and report.citations > 400 and report.quotes > 100


def test_indicators_are_a_sourced_taxonomy(ds):
    indicators = ds.nodes["Indicator"]
    assert 15 <= len(indicators) <= 25
    for ind in indicators:
        assert ind.source == "casegraph-indicators" and ind.locator == "casegraph taxonomy"
        assert len(ind.description) > 40
    used = {r.to for r in ds.rels["SHOWS"]}
    assert used == {i.id for i in indicators}  # no indicator the article never supports


def test_every_case_shows_some_indicator(ds):
    shown = {r.from_ for r in ds.rels["SHOWS"]}
    assert set(CASE_WHENS) == shown


# -- statements, reviews and responses ---------------------------------------------------------


def test_declined_to_comment(ds):
    declined = {s.id for s in ds.nodes["Statement"] if s.statement_type == "declined-to-comment"}
    makers = {r.to for r in ds.rels["MADE_BY"] if r.from_ in declined}
    assert makers == {"lewisham-council", "haringey-council"}
    assert len(declined) == 2


def test_croydon_review_recommendations_completed(ds):
    (examined,) = _rels(ds, "EXAMINED", from_="croydon-cspr")
    assert examined.to == "croydon-2020-child-in-care"
    (commissioned,) = _rels(ds, "COMMISSIONED_BY", from_="croydon-cspr")
    assert commissioned.to == "croydon-safeguarding-children-partnership"
    recs = {r.to for r in _rels(ds, "RECOMMENDS", from_="croydon-cspr")}
    assert len(recs) == 3
    responses = _rels(ds, "RESPONDS_TO", from_="croydon-scp-statement-2025")
    assert {r.to: r.response for r in responses} == {
        "croydon-cspr": "completed", **{rec: "completed" for rec in recs}}
    (maker,) = _rels(ds, "MADE_BY", from_="croydon-scp-statement-2025")
    assert maker.to == "croydon-safeguarding-children-partnership"


def test_lambeth_review_in_progress(ds):
    (commissioned,) = _rels(ds, "COMMISSIONED_BY", from_="lambeth-cspr")
    assert commissioned.to == "lambeth-safeguarding-children-partnership"
    responses = _rels(ds, "RESPONDS_TO", to="lambeth-cspr")
    assert [r.response for r in responses] == ["in-progress"]
    for rec in _rels(ds, "RECOMMENDS", from_="lambeth-cspr"):
        assert {r.response for r in _rels(ds, "RESPONDS_TO", to=rec.to)} == {"in-progress"}


def test_kingston_sar_published_by_three_boards(ds):
    review = _nodes(ds, "Review")["kingston-sar"]
    assert review.review_type == "safeguarding-adult-review"
    publishers = {r.to for r in _rels(ds, "COMMISSIONED_BY", from_=review.id)}
    assert publishers == {"croydon-safeguarding-adults-board", "bromley-safeguarding-adults-board",
                          "kingston-safeguarding-adults-board"}
    assert all(r.role == "published" for r in _rels(ds, "COMMISSIONED_BY", from_=review.id))


def test_mayor_claim_and_criticism(ds):
    statements = _nodes(ds, "Statement")
    claim = statements["mayor-no-reports-claim"]
    assert claim.statement_type == "claim" and _when(claim) == "unknown"
    assert {r.to for r in _rels(ds, "MADE_BY", from_=claim.id)} == {"sadiq-khan"}
    criticism = statements["jade-nurse-criticises-mayor"]
    assert criticism.statement_type == "criticism"
    (resp,) = _rels(ds, "RESPONDS_TO", from_=criticism.id)
    assert resp.to == claim.id
    assert {r.to for r in _rels(ds, "MADE_BY", from_=criticism.id)} == {"jade-nurse"}


def test_met_statement_figures_and_hillingdon_investigation(ds):
    met = _nodes(ds, "Statement")["met-statement-2025"]
    figures = " ".join(met.figures)
    for figure in ("9,000", "2022", "threefold", "134"):
        assert figure in figures
    inv = _nodes(ds, "Investigation")["met-hillingdon-investigation-2019"]
    assert _when(inv) == "2019-" and inv.year_start == 2019 and inv.year_end is None
    assert inv.investigation_type == "police"


def test_hmicfrs_2023_inspection_commissioned_by_the_mayor(ds):
    review = _nodes(ds, "Review")["hmicfrs-met-child-protection-2023"]
    assert _when(review) == "2023"
    assert {r.to for r in _rels(ds, "COMMISSIONED_BY", from_=review.id)} == {"sadiq-khan", "mayor-of-london"}
    assert {r.to for r in _rels(ds, "CONDUCTED_BY", from_=review.id)} == {"hmicfrs"}


def test_hounslow_magazine_responds_to_the_jay_report(ds):
    review = _nodes(ds, "Review")["jay-report-2014"]
    assert _when(review) == "2014"
    targets = {r.to: r.response for r in _rels(ds, "RESPONDS_TO", from_="hounslow-matters-2015")}
    assert targets == {"jay-report-2014": "acted-on", "jay-report-recommendations": "acted-on"}
    assert _nodes(ds, "Statement")["hounslow-matters-2015"].statement_type == "publication"


def test_every_review_examined_something(ds):
    examined = {r.from_ for r in ds.rels["EXAMINED"]}
    reviews = {r.id for r in ds.nodes["Review"]} - {"jay-report-2014"}  # not a London review
    assert reviews - {"met-review-9000-cases"} <= examined
