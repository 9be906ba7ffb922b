"""An allegation is never worded as a conviction: the load refuses public text that reads as a conviction
under a status short of one (`loaders/conviction.py`), in every field and kind of record, and lets
negations and reversals through; the dossier applies the same rule."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.loaders import LoadError, load
from casegraph.reports.model import Citation, Fact, ReportError
from casegraph.loaders.conviction import CONVICTION, _SPLIT_WORDS, conviction_wording

BASE = """\
- {kind: source, id: src, title: A source, publisher: P, published: 2024, doc_type: article}
- {kind: borough, id: town, name: Town, gss_code: E09000101, region: London, source: src, paragraphs: [1]}
- {kind: case, id: a-case, title: A case in Town, summary: Men were tried., period: 2020, source: src, paragraphs: [1]}
"""


def _write(tmp_path: Path, records: str) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(BASE + records, encoding="utf-8")
    return path


def _problems(tmp_path: Path, records: str) -> list:
    with pytest.raises(LoadError) as error:
        load([_write(tmp_path, records)])
    return error.value.problems


@pytest.mark.parametrize("status", ["alleged", "charged", "acquitted"])
def test_a_name_worded_as_a_conviction_is_refused_under_every_status_short_of_one(tmp_path, status):
    problems = _problems(tmp_path, f"- {{kind: person, id: john-doe, name: Convicted paedophile John Doe, "
                                   f"source: src, paragraphs: [1], status: {status}}}\n")
    assert [(p.line, p.record, p.field) for p in problems] == [(4, "john-doe", "name")]
    message = problems[0].message
    assert "'Convicted'" in message and f"the record is {status!r}" in message and "status: convicted" in message


@pytest.mark.parametrize("field, value", [
    ("description", "A convicted sex offender."),
    ("aliases", "[Doe, The convicted man]"),
    ("note", "He was found guilty in 2019."),
    ("quote", "\"pleaded guilty to rape\""),
])
def test_every_public_text_field_of_a_node_is_read(tmp_path, field, value):
    problems = _problems(tmp_path, f"- {{kind: person, id: john-doe, name: John Doe, {field}: {value}, "
                                   f"source: src, paragraphs: [1], status: alleged}}\n")
    assert [(p.record, p.field) for p in problems] == [("john-doe", field)]


def test_an_id_a_relationship_and_a_citation_are_read_each_against_its_own_status(tmp_path):
    problems = _problems(tmp_path, """\
- {kind: person, id: convicted-man-town, name: A man, source: src, paragraphs: [1], status: charged}
- {kind: person, id: other-man, name: Another man, source: src, paragraphs: [1]}
- {rel: INVOLVES, from: a-case, to: other-man, role: perpetrator, description: convicted of rape,
   source: src, paragraphs: [1], status: alleged}
- {kind: source, id: court, title: A court report, publisher: C, published: 2025, doc_type: report}
- {rel: ACTIVE_IN, from: other-man, to: town, source: src, paragraphs: [1], status: alleged, quote: "the convicted man",
   citations: [{source: court, locator: p. 2, status: convicted, quote: "jailed"}]}
""")
    found = {(p.record, p.field) for p in problems}
    assert found == {("convicted-man-town", "id"), ("INVOLVES a-case -> other-man", "description"),
                     ("ACTIVE_IN other-man -> town", "citation_quotes")}
    quote = next(p for p in problems if p.field == "citation_quotes")
    assert "its citation 1 is 'alleged'" in quote.message  # the record is convicted, as the court's citation says


def test_an_involved_party_named_as_convicted_is_refused_at_its_involvement(tmp_path):
    problems = _problems(tmp_path, """\
- {kind: person, id: john-doe, name: Convicted paedophile John Doe, source: src, paragraphs: [1]}
- {rel: INVOLVES, from: a-case, to: john-doe, role: perpetrator, source: src, paragraphs: [1], status: alleged}
""")
    assert [(p.line, p.field) for p in problems] == [(5, "to")]
    assert "'john-doe' is named as convicted" in problems[0].message and "data.yaml:4" in problems[0].message
    assert "this involvement is 'alleged'" in problems[0].message


NOT_A_CONVICTION = [
    # a negation bound to the conviction word: right before it, or as the subject it negates
    "None were convicted.", "No one was convicted.", "No one has been convicted.", "No-one has ever been convicted.",
    "None of the five men were convicted.", "Not one of them was jailed.", "Nobody was sentenced.",
    "He was not convicted.", "He wasn\u2019t convicted.", "He was never convicted.", "Never convicted of anything.",
    "He has not been jailed.", "He died without being convicted.", "He was neither charged nor convicted.",
    "The source reports no charge or conviction.", "He was not arrested, charged or jailed.",
    "A charge is not a conviction.", "He pleaded not guilty.", "He was found not guilty.", "He denies being guilty.",
    "He has not admitted the charges.", "He has yet to be convicted.", "The case did not result in a conviction.",
    "The prosecution failed to secure a conviction.", "If convicted, he faces life.",
    "The source does not say whether anyone in the group was charged or convicted.",
    "Whether or not he was jailed is not known.",
    # a reversal of the conviction itself
    "The conviction was quashed on appeal.", "His conviction was overturned in 2015.",
    "The Court of Appeal quashed his conviction.", "He was convicted in 2010 but cleared on appeal in 2012.",
    "Convicted in 2008, he was acquitted at retrial.",
    "Convicted in 2010, he was cleared of it on appeal in 2012.",
    "He successfully appealed against his conviction.", "He was jailed in 2010, but this was set aside.",
    "He was acquitted; the jury did not convict.",
    # the conviction of others, or what a conviction is not for
    "Cleared of the charges; four of them were convicted of rape.", "Four of the accused men went down for rape.",
    "His convictions are for murder, not for offences in this case.",
    # not a conviction word in this sense
    "The council admitted failings.", "She was falsely imprisoned.", "He imprisoned the girls in a flat.",
    "He was charged with false imprisonment.",
    # custody before a verdict, a victim held, a term that is no prison term
    "He was held on remand.", "He was remanded in custody.", "He is awaiting trial behind bars.",
    "He remains in prison awaiting trial.", "He has been in prison on remand since 2023.",
    "She was locked in a room.", "She was locked up for days.", "The girls were locked up in a flat.",
    "The council was given two years to improve.", "He served 12 years in the army.", "He was not behind bars.",
    "He has never been in prison.", "No-one was jai-led.", "He spent a year in jail awaiting trial.",
    # the tabloid words with a victim as their subject, or an abuser, a short time or a room after them
    "She was locked up for days by her abuser.", "The girl was locked up.", "A girl was locked up by the men.",
    "The children were locked up in the house.", "She was locked up alone in a room.",
    "The girls were kept behind bars in a cage.", "She was locked up for three nights.",
    "He was sent down from Oxford.", "She was sent down to the basement.", "He was never locked up.",
    "He never ended up behind bars.", "He is locked up awaiting trial.",
    "She was locked away in a room by him.", "The girls were incarcerated in a flat.",
    "She went to prison to visit him.", "He was sent to jail while awaiting trial.",
    "The flat was locked up for the night.", "Their phones were put away.", "The premises were locked up in 2019.",
    # custody and its remand in one clause; the conviction of others
    "He has been in prison since he was charged.", "Remanded in custody in 2015, he was in prison awaiting trial.",
    "Two of them are behind bars.", "Two of the men were locked up.",
    # split words that are no conviction word joined, or a word and a name
    "They tried to jail Ed Smith.", "He was a con victim.", "He im prisoned her.", "No-one was con victed.",
    "He was a con. Victims spoke.", "A con/victim list.", "The con-\nvention was held.",
    # a contrast that says the conviction is not for this case
    "He was convicted of theft, not of the abuse alleged here.",
    "He was jailed in 2009, not in connection with this case.",
    "His convictions are for fraud, not for any of these offences.",
    # custody at a named prison on remand, a court's finding that is no finding of an offence
    "He is in HMP Belmarsh on remand.", "He is an inmate at HMP Wakefield awaiting trial.",
    "He is in HMYOI Feltham, remanded until his trial.", "He works at HMP Wakefield.", "He visited HMP Wakefield.",
    "He went to HMP Wakefield to see a client.", "The jury found he had not raped anyone.",
    "The court found the abuse was committed by others.", "A court found no evidence he had abused her.",
    "The jury found that the abuse had been committed.", "The court found the council had failed her.",
    # what is no prison term
    "A ten-year stretch of the canal was closed.", "The council was given two decades to improve.",
    "He served a decade in the army.", "The abuse went on for a decade.", "He served a four-year term as mayor.",
    # a sentence faced, a negation that "but" does not correct
    "He faces a life sentence if convicted.", "He could face a maximum 14-year sentence.", "He is facing a jail term.",
    "He is held at HMP Belmarsh awaiting trial.", "He was not convicted but cleared.", "He was not jailed but on bail.", "The con\u2014victims spoke.",
    # a length in months or weeks that is no prison term; a victim held for weeks; a sentence not given
    "He got 6 months suspended from work.", "He was given six months to leave.", "She got 18 months of counselling.",
    "He served 18 months as a councillor.", "He received 3 months' notice.", "She was locked up for three weeks.",
    "She started a six-week term at college.", "He was not given an IPP.", "He was never given an IPP.",
    "The IPPR report was published.", "He has not served 18 months.",
    # a split custody word that, joined, is no conviction either
    "The flat was lock ed up.", "The door was lock-ed.", "The girls were lock ed up in a flat.",
    # remand and custody in one clause, a comma alone between them
    "He was held on remand, awaiting trial, in Belmarsh.", "He was held on remand, awaiting trial, in HMP Belmarsh.",
    "He is in HMP Belmarsh, on remand, awaiting trial.", "Held on remand, he is in prison awaiting trial.",
    "He spent four and a half years in prison awaiting trial.",
    # no headline's sentence: for a victim or a group, a life of something, a verb after it, after a full stop
    "Life for the survivors after abuse", "A life of abuse.", "Life for the family was hard.",
    "It changed life for the girls.", "Not guilty: the six men", "The council waited. Two years for the review.",
    "Men: a life for each", "No jail for gang leader", "Custody for the council",
    # a term in custody on remand, a term inside something that is no prison
    "He spent two years in custody awaiting trial.", "Two years in custody on remand.",
    "He served 10 years inside the Met.", "He got 6 months and 2 weeks to pay.",
    # a remand said after custody, or before trial; a remand word with "after" that is still a remand
    "He is in prison after being remanded.", "After being remanded, he is in prison awaiting trial.",
    "He is in prison before his trial.",
]


@pytest.mark.parametrize("text", NOT_A_CONVICTION)
def test_negations_and_reversals_pass(tmp_path, text):
    assert conviction_wording(text, "alleged") is None
    load([_write(tmp_path, f"- {{kind: person, id: john-doe, name: John Doe, description: {json.dumps(text)}, "
                           f"source: src, paragraphs: [1], status: alleged}}\n")])


@pytest.mark.parametrize("text, words", [
    ("Convicted paedophile John Doe", "Convicted"),
    ("John Doe, a convicted paedophile, has not commented.", "convicted"),
    ("John Doe was found guilty.", "found guilty"), ("J\u043ehn was c\u043envicted.", "c\u043envicted"),
    ("X was convicted (alleged, not proven)", "convicted"),
    # a negation of something else earlier in the sentence does not bind to the conviction word
    ("Police did not comment; Fred Bloggs was convicted in 2019", "convicted"),
    ("Police did not comment, and Fred Bloggs was convicted in 2019.", "convicted"),
    ("Police did not say when Fred Bloggs was convicted.", "convicted"),
    ("No doubt Bloggs was convicted.", "convicted"), ("He was not arrested and was jailed.", "jailed"),
    # nor a negation that is no denial of the conviction
    ("There was no appeal against the conviction.", "conviction"),
    ("He never denied being convicted.", "convicted"), ("Not surprisingly, he was jailed.", "jailed"),
    # a clearing of something else is not a reversal of the conviction
    ("Convicted of rape, cleared of one count.", "Convicted"),
    ("Convicted of rape and assault, cleared of assault on appeal.", "Convicted"),
    ("Cleared of all charges, though once convicted of theft.", "convicted"),
    ("Acquitted of rape but convicted of assault.", "convicted"),
    # nor is a conviction upheld, or a conviction after the reversal
    ("His conviction was upheld on appeal.", "conviction"),
    ("His conviction was quashed; he was later jailed for another offence.", "jailed"),
    # the whole group, or one of it named
    ("All of them were convicted.", "convicted"), ("John Doe, one of the men convicted in 2019.", "convicted"),
    # the other wordings of a conviction: a prison term
    ("Fred Bloggs was jailed in 2019.", "jailed"), ("He was imprisoned for 12 years.", "imprisoned"),
    ("He was sentenced to 12 years.", "sentenced"), ("He is serving a life sentence.", "serving a life sentence"),
    ("He was handed a 12-year sentence.", "12-year sentence"), ("Four went down for rape.", "went down for"),
    ("Paedophile Fred Bloggs, jailed for 12 years", "jailed"),
    # custody and its tabloid words, a term given or served, the register
    ("He was locked up for 12 years.", "was locked up for 12 years"),
    ("He was put behind bars in 2016.", "put behind bars"),
    ("He is behind bars.", "is behind bars"), ("He remains in prison.", "remains in prison"),
    ("He got 12 years.", "got 12 years"), ("He was given 12 years.", "given 12 years"),
    ("He got life.", "got life"), ("He was caged for 10 years.", "caged for 10 years"),
    ("No charges were brought; he is serving 12 years for drug offences.", "serving 12 years"),
    ("He was cleared of one count but serving time for another.", "serving time"),
    ("He was detained at His Majesty's pleasure.", "detained at His Majesty's pleasure"),
    ("He is a registered sex offender.", "registered sex offender"),
    # a negation with "until" says when; a reversal that failed is none
    ("No comment on the jailing of Bloggs.", "jailing"), ("No update was given on his conviction.", "conviction"),
    ("He was not jailed until 2015.", "jailed"), ("He failed to overturn his conviction.", "conviction"),
    ("His bid to overturn the conviction was refused.", "conviction"),
    ("He failed to have his conviction quashed.", "conviction"),
    # a conviction word split with hyphens, as with letters spelt out
    ("He was jai-led in 2019.", "jai-led"), ("He was con*victed.", "con*victed"), ("He was jai_led.", "jai_led"),
    ("He is in jail.", "is in jail"), ("He spent 12 years in prison.", "spent 12 years in prison"),
    ("He has spent a decade behind bars.", "spent a decade behind bars"),
    ("He was jailed in 2019 after a year on remand.", "jailed"),  # a remand before it does not undo a jailing
    ("He was con-vic-ted.", "con-vic-ted"), ("He was j-a-i-l-e-d.", "j-a-i-l-e-d"),
    # the tabloid words in the past tense with no term
    ("He was locked up.", "was locked up"), ("The men were finally locked up.", "were finally locked up"),
    ("Police did not comment, but he was put away.", "was put away"), ("He was sent down.", "was sent down"),
    ("The judge sent him down in 2019.", "sent him down"), ("He was sent down to prison.", "was sent down"),
    ("Groomer put away for good.", "put away for good"),
    ("He was banged up for six years.", "was banged up for six years"),
    ("He ended up behind bars.", "ended up behind bars"), ("The gang landed behind bars.", "landed behind bars"),
    ("The girl's abuser was locked up.", "was locked up"), ("She was locked up by the judge.", "was locked up"),
    ("She was locked up in 2019.", "was locked up"),  # "she" may be the accused
    ("He was locked away.", "was locked away"), ("He was locked-up in 2019.", "was locked-up"),
    ("He has been incarcerated since 2019.", "been incarcerated"), ("He went to prison in 2019.", "went to prison"),
    ("He was thrown into jail.", "thrown into jail"), ("He was taken to prison.", "taken to prison"),
    # a remand word excuses the custody of its own clause only
    ("He was remanded in custody and later put behind bars for 12 years.", "put behind bars"),
    ("Remanded in custody in 2015 and was locked up in 2017.", "was locked up"),
    ("He was remanded in custody in 2015 and was sent down in 2017.", "was sent down"),
    ("He was charged in 2014; he is now behind bars.", "is now behind bars"),
    ("Remanded in custody in 2015 and jailed in 2017 for 12 years.", "jailed"),
    ("He was remanded in custody in 2015 and sentenced in 2017.", "sentenced"),
    # a conviction word split with spaces, or with any mark, its pieces cased alike
    ("He was jai led.", "jai led"), ("He was con victed.", "con victed"), ("He was sen tenced.", "sen tenced"),
    ("He was Con Victed.", "Con Victed"), ("JAI LED IN 2019", "JAI LED"), ("He was con / vic ted.", "con / vic ted"),
    ("He was im prisoned in 2019.", "im prisoned"), ("He was found gu ilty.", "found gu ilty"),
    ("He was sen\u00b7ten\u00b7ced.", "sen\u00b7ten\u00b7ced"), ("He was c\u043en victed.", "c\u043en victed"),
    # a contrast that still asserts the conviction, of something else than this case
    ("He was convicted, not in 2010 but in 2012.", "convicted"),
    ("He was convicted, not of one rape but of ten.", "convicted"),
    ("He was jailed, not in Wandsworth but in Belmarsh.", "jailed"), ("He was convicted, not in 2010.", "convicted"),
    ("He was sentenced, not for one offence but for all of them.", "sentenced"),
    ("He was convicted, not in this case but in another.", "convicted"),
    ("He was convicted, but not for the last count; he served a life sentence.", "convicted"),
    ("He was not convicted in 2010 but in 2012.", "convicted"),
    ("He was not jailed in Wandsworth but in Belmarsh.", "jailed"),
    ("He was not convicted of one rape but of ten.", "convicted"),
    # the other wordings of a sentence, a term, custody at a named prison, a court's finding
    ("He was sent down for nine years.", "was sent down for nine years"),
    ("He was handed an indeterminate sentence.", "indeterminate sentence"),
    ("He was given an IPP sentence.", "IPP sentence"), ("He got an extended sentence.", "extended sentence"),
    ("He received imprisonment for public protection.", "imprisonment for public protection"),
    ("He is now an inmate at HMP Wakefield.", "inmate at HMP Wakefield"), ("He is in HMP Belmarsh.",
    "is in HMP Belmarsh"),
    ("He remains in HMYOI Feltham.", "remains in HMYOI Feltham"), ("He was moved to HMP Frankland.",
    "moved to HMP Frankland"),
    ("He spent six years in HM Prison Wakefield.", "spent six years in HM Prison Wakefield"),
    ("He was a prisoner at Wakefield prison.", "prisoner at Wakefield prison"),
    ("A jury found he had raped two girls.", "jury found he had raped"),
    ("The court found that Doe sexually assaulted her.", "court found that Doe sexually"),
    ("Banged up for a decade.", "Banged up for a decade"), ("He was banged up for a decade.",
    "was banged up for a decade"),
    ("He got a ten-year stretch.", "got a ten-year stretch"), ("He is serving a long stretch.",
    "serving a long stretch"),
    ("He got 12 yrs.", "got 12 yrs"), ("He got 12yrs.", "got 12yrs"), ("He got a decade.", "got a decade"),
    ("He was locked up for two decades.", "was locked up for two decades"),
    ("He got a 12 year sentence.", "12 year sentence"), ("He got a four-month sentence.", "four-month sentence"),
    ("He was handed down a 12 years' jail sentence.", "12 years' jail sentence"), ("He is doing time.", "doing time"),
    ("The jury found him to have raped her.", "jury found him to have raped"),
    ("He faced the court and was jailed.", "jailed"),
    # a remand word that is none: part of another word, or negated
    ("He is in prison on remand-free terms after his trial.", "is in prison"),
    ("He is in prison, no longer on remand.", "is in prison"), ("He is in HMP Belmarsh, not on remand.",
    "is in HMP Belmarsh"),
    ("He is in prison and not awaiting trial.", "is in prison"),
    # a split word with any mix of up to three separators, dots among them, or a hyphen at a line break
    ("He was con/victed.", "con/victed"), ("He was con.victed.", "con.victed"), ("He was con--victed.", "con--victed"),
    ("He was con-\nvicted.", "con-\nvicted"), ("He was con. victed", "con. victed"), ("He was ja.i/led.", "ja.i/led"),
    ("He was con-\n-victed.", "con-\n-victed"), ("He was con-\n    victed.", "con-\n    victed"),
    ("He is held at HMP Belmarsh.", "held at HMP Belmarsh"), ("He was sen.-/tenced.", "sen.-/tenced"),
    ("He was found gu.il.ty.", "found gu.il.ty"), ("He was con\u2014victed.", "con\u2014victed"),
    # a verdict, a plea, an admission
    ("He is guilty of rape.", "guilty"), ("He pleaded guilty to three counts.", "pleaded guilty"),
    ("He admitted two counts of rape.", "admitted two counts"), ("He admitted the charges.", "admitted the charges"),
    # a prison term in months or weeks, suspended or not (a suspended sentence is a conviction), or held in prison
    ("He got 18 months.", "got 18 months"), ("He got eighteen months.", "got eighteen months"),
    ("He got 6 months suspended.", "got 6 months suspended"), ("He was handed 30 months.", "handed 30 months"),
    ("He received a 2-year term.", "2-year term"), ("He got six weeks in jail.", "got six weeks"),
    ("He got 18 months' jail.", "got 18 months"), ("He was handed a six-week sentence.", "six-week sentence"),
    ("He served 18 months for the assault.", "served 18 months"), ("They got 12 years each.", "got 12 years each"),
    ("He was locked up for 18 months.", "was locked up for 18 months"), ("He is serving a six-month term.",
                                                                           "six-month term"),
    ("Twelve years in prison for the ringleader", "Twelve years in prison"),
    ("He spent 18 months behind bars.", "spent 18 months behind bars"),
    ("He got two years and six months.", "got two years and six months"),
    ("He got 2 years 6 months.", "got 2 years 6 months"), ("He got fifty years.", "got fifty years"),
    ("He got detention for public protection.", "detention for public protection"),
    ("He was put be hind bars.", "put be hind bars"),
    ("After a year on remand, he was locked up for 12 years.", "was locked up for 12 years"),
    ("Held on remand before being locked up for 12 years.", "locked up for 12 years"),
    ("He got 12 years inside.", "got 12 years"), ("He was in custody for 12 years.", "in custody for 12 years"),
    # an IPP by its letters, or spelt out
    ("He was given an IPP.", "IPP"), ("He is on an IPP.", "IPP"), ("He is serving IPP.", "IPP"),
    ("He got an indefinite sentence for public protection.", "indefinite sentence"),
    # a custody or term word split with a space
    ("He was lock ed up.", "was lock ed up"), ("He was jail ed.", "jail ed"),
    ("He is serving a life sen tence.", "serving a life sen tence"), ("He is in pri son.", "is in pri son"),
    ("He was ca ged for 10 years.", "ca ged for 10 years"), ("He was bang ed up for six years.",
                                                             "was bang ed up for six years"),
    ("He has been in carcerated since 2019.", "been in carcerated"), ("He is in ga ol.", "is in ga ol"),
    # remand ended by a word of what came next, after a comma or not
    ("He was held on remand, then jailed for 12 years.", "jailed"),
    ("He was held on remand, then locked up for 12 years.", "locked up for 12 years"),
    ("He was held on remand, subsequently locked up for 12 years.", "locked up for 12 years"),
    ("He was held on remand, afterwards locked up for 12 years.", "locked up for 12 years"),
    ("He was on remand until his trial, after which he was locked up for 12 years.", "was locked up for 12 years"),
    ("Held on remand, then in prison for 12 years.", "in prison for 12 years"),
    ("On remand, the men were finally locked up.", "were finally locked up"),
    # a headline's sentence or verdict with no verb
    ("Paedophile ring: 12 years each", "12 years each"), ("Jail for gang leader", "Jail for gang leader"),
    ("Life for abuser", "Life for abuser"), ("Guilty: the six men", "Guilty"),
    ("Jail for gang leader who groomed girls", "Jail for gang leader"),
    ("Abuse trial \u2014 Life for abuser", "Life for abuser"), ("Twelve years for groomer", "Twelve years for groomer"),
    ("Life behind bars for ringleader", "Life behind bars for ringleader"),
    ("\u201cLife for abuser\u201d", "Life for abuser"), ("Life for the girls' abuser", "Life for the girls' abuser"),
    ("Caged: the groomer", "Caged"), ("Behind bars: the six men", "Behind bars"),
    # a sentence given beside the wording of one faced, carried by law or sought; a sentence that is no custody
    ("He was jailed for 12 years and could face more if convicted again.", "jailed"),
    ("He was given the maximum sentence of 14 years in prison.", "14 years in prison"),
    ("The maximum sentence is 14 years; he got 10 years.", "got 10 years"),
    ("He will be sentenced on Friday.", "sentenced"), ("He would be jailed in 2019.", "jailed"),
    ("He was given 18 months probation.", "18 months probation"), ("He got a year's probation.", "a year's probation"),
    ("He was given two years of probation.", "two years of probation"),
    ("He was given a two-year probation order.", "two-year probation"),
    ("He was placed on probation for two years.", "placed on probation for two years"),
    ("He received a youth rehabilitation order.", "youth rehabilitation order"),
    ("He was conditionally discharged for 12 months.", "conditionally discharged"),
    ("He received an absolute discharge.", "absolute discharge"),
    ("Two years, suspended for 18 months, for the groomer.", "Two years, suspended for 18 months"),
])
def test_a_conviction_beside_a_negation_or_reversal_of_something_else_is_still_one(text, words):
    assert conviction_wording(text, "alleged").words == words
    assert conviction_wording(text, "convicted") is None and conviction_wording(text, "reported") is None


NEW_KINDS = [("He got 18 months suspended.", "got 18 months suspended"), ("He was given an IPP.", "IPP"),
             ("He was lock ed up.", "was lock ed up"),
             ("Held on remand, then locked up for 12 years.", "locked up for 12 years"),
             ("Life for abuser", "Life for abuser"),
             ("18 months' probation", "18 months' probation"),
             ("He was given a two-year community order.", "community order"),
             ("He was given a 12-month conditional discharge.", "conditional discharge"),
             ("He got two years, suspended for 18 months.", "got two years"),
             ("He was ordered to do 200 hours of unpaid work.", "ordered to do 200 hours of unpaid work"),
             ("Jailed for 12 years in 2019, he faces life if convicted again.", "Jailed"),
             ("He received a 10-year sentence, which prosecutors had sought.", "10-year sentence"),
             # the eleventh round: a court's fine, an SHPO, the register and notification, as outcomes
             ("He was fined £500.", "fined £500"), ("He was given a £200 fine.", "given a £200 fine"),
             ("He was ordered to pay a fine of £1,500 by magistrates.", "ordered to pay a fine of £1,500"),
             ("He was fined by Thames Magistrates' Court.", "fined by Thames Magistrates' Court"),
             ("His six months' probation ended.", "six months' probation"),
             ("His SHPO runs until 2030.", "SHPO"), ("He was given a sexual harm prevention order.",
                                                     "sexual harm prevention order"),
             ("He was put on the sex offender register for ten years.", "sex offender register"),
             ("He is subject to notification requirements for life.", "subject to notification requirements")]
"""One wording of each kind a tester found passing: a term in months, an IPP, a split custody word, remand ended by a
word of what came next, a headline with no verb; the tenth round's: a sentence that is no custody (probation, a
community order, a discharge, a term suspended, unpaid work ordered), and a sentence given beside one faced or
sought; the eleventh round's: a court's fine (with its sum or its court), a sexual harm prevention order, the sex
offenders' register and its notification requirements, said as outcomes."""


@pytest.mark.parametrize("field", ["title", "summary", "quote", "citation_quotes"])
@pytest.mark.parametrize("text, words", NEW_KINDS)
def test_each_kind_is_refused_in_every_free_text_field_of_a_case(tmp_path, field, text, words):
    """A case's title and summary, its quote, and a citation's quote (under the citation's own status) are read
    alike: quotes are in on purpose, since a quote is published beside the record."""
    fields = {"title": "A case", "summary": "Men were accused.", "quote": None}
    citation = ""
    if field == "citation_quotes":
        citation = f", citations: [{{source: src, paragraphs: [2], status: alleged, quote: {json.dumps(text)}}}]"
    else:
        fields[field] = text
    values = "".join(f", {key}: {json.dumps(value)}" for key, value in fields.items() if value is not None)
    problems = _problems(tmp_path, f"- {{kind: case, id: b-case{values}, period: 2012, status: alleged, source: src, "
                                   f"paragraphs: [1]{citation}}}\n")
    assert [(p.line, p.record, p.field) for p in problems] == [(4, "b-case", field)]
    assert f"worded as a conviction: {words!r}" in problems[0].message


@pytest.mark.parametrize("field", ["name", "aliases", "description", "note"])
@pytest.mark.parametrize("text, words", NEW_KINDS)
def test_each_kind_is_refused_in_every_free_text_field_of_a_person(tmp_path, field, text, words):
    value = f"[{json.dumps(text)}]" if field == "aliases" else json.dumps(text)
    names = "" if field == "name" else ", name: John Doe"
    problems = _problems(tmp_path, f"- {{kind: person, id: john-doe{names}, {field}: {value}, source: src, "
                                   f"paragraphs: [1], status: charged}}\n")
    assert [(p.record, p.field) for p in problems] == [("john-doe", field)]
    assert f"worded as a conviction: {words!r}" in problems[0].message


@pytest.mark.parametrize("text, words", NEW_KINDS)
def test_the_dossier_refuses_each_kind_worded_as_it_qualifies_it(text, words):
    """The dossier's wording of an alleged fact ends in "(alleged, not proven)": a term or a headline before the
    bracket is still one."""
    with pytest.raises(ReportError, match=f"an alleged fact worded as a conviction \\({words!r}\\)"):
        Fact(text, [Citation("s", (1,))], status="alleged")
    assert Fact(text, [Citation("s", (1,))], status="convicted").text.startswith(text)


def test_the_refusal_names_the_words_and_their_sentence(tmp_path):
    problems = _problems(tmp_path, "- {kind: person, id: john-doe, name: John Doe, source: src, paragraphs: [1], "
                                   "status: charged, description: \"He denies it. Police did not comment; he was "
                                   "jailed in 2019. No more.\"}\n")
    assert [(p.line, p.record, p.field) for p in problems] == [(4, "john-doe", "description")]
    assert ("'jailed' in 'Police did not comment; he was jailed in 2019', but the record is 'charged'"
            in problems[0].message)


def test_a_party_named_in_another_conviction_wording_is_refused_at_its_involvement(tmp_path):
    problems = _problems(tmp_path, """\
- {kind: person, id: fred-bloggs, name: "Paedophile Fred Bloggs, jailed for 12 years", source: src, paragraphs: [1]}
- {rel: INVOLVES, from: a-case, to: fred-bloggs, role: perpetrator, source: src, paragraphs: [1], status: alleged}
""")
    assert [(p.line, p.field) for p in problems] == [(5, "to")]
    assert "'jailed' in its name" in problems[0].message and "this involvement is 'alleged'" in problems[0].message


def test_a_citation_quote_is_read_against_its_own_status_with_every_wording(tmp_path):
    problems = _problems(tmp_path, """\
- {kind: source, id: court, title: A court report, publisher: C, published: 2025, doc_type: report}
- {kind: person, id: john-doe, name: John Doe, source: src, paragraphs: [1], status: convicted,
   citations: [{source: court, locator: p. 2, status: convicted, quote: "admitted two counts of rape"},
               {source: court, locator: p. 3, status: charged, quote: "Police did not comment; he pleaded guilty"}]}
""")
    assert [(p.record, p.field) for p in problems] == [("john-doe", "citation_quotes")]
    # citation 1 is the record's own source
    assert "'pleaded guilty'" in problems[0].message and "its citation 3 is 'charged'" in problems[0].message


def test_restricted_records_are_not_read(tmp_path):
    load([_write(tmp_path, "- {kind: person, id: john-doe, name: Convicted paedophile John Doe, source: src, "
                           "paragraphs: [1], status: alleged, sensitivity: restricted}\n")])


def test_validate_names_file_line_record_field_status_and_words(tmp_path):
    path = _write(tmp_path, "- {kind: person, id: john-doe, name: Convicted paedophile John Doe, source: src, "
                            "paragraphs: [1], status: alleged}\n")
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["line"], p["record"], p["field"]) for p in problems] == [(str(path), 4, "john-doe", "name")]
    assert "'alleged'" in problems[0]["message"]


def test_the_dossier_applies_the_same_rule():
    with pytest.raises(ReportError, match="an alleged fact worded as a conviction"):
        Fact("Convicted paedophile John Doe is alleged to have been a perpetrator", [Citation("s", (1,))],
             status="alleged")
    with pytest.raises(ReportError, match="a charged fact worded as a conviction"):
        Fact("John Doe, convicted", [Citation("s", (1,))], status="charged")
    assert "not a conviction" in Fact("John Doe was charged", [Citation("s", (1,))], status="charged").text
    Fact("No one was convicted", [Citation("s", (1,))], status="alleged")
    with pytest.raises(ReportError, match="'jailed'"):
        Fact("Police did not comment; John Doe was jailed in 2019", [Citation("s", (1,))], status="alleged")
    with pytest.raises(ReportError, match="'Convicted'"):
        Fact("Convicted of rape, cleared of one count", [Citation("s", (1,))], status="acquitted")
    Fact("John Doe was convicted in 2010; the conviction was quashed in 2012", [Citation("s", (1,))],
         status="acquitted")


@pytest.mark.parametrize("status", ["alleged", "charged", "acquitted"])
def test_a_case_whose_outcomes_say_convicted_under_a_status_short_of_one_is_refused(tmp_path, status):
    """`outcomes: [convicted]` on an alleged case shows a conviction in every table, page and dossier
    (`outcomes-by-decade` counted it; the dossier of its whole borough refused it): refused at load, where
    it is written."""
    problems = _problems(tmp_path, f"- {{kind: case, id: b-case, title: Another case, summary: Men were accused., "
                                   f"period: 2012, outcomes: [convicted], status: {status}, source: src, paragraphs: [1]}}\n")
    assert [(p.line, p.record, p.field) for p in problems] == [(4, "b-case", "outcomes")]
    assert f"the record is {status!r}" in problems[0].message


@pytest.mark.parametrize("status, outcomes", [("convicted", "[convicted]"), ("reported", "[cleared, convicted]"),
                                              ("alleged", "[charged, not-prosecuted]"), ("acquitted", "[cleared]")])
def test_outcomes_the_status_gives_pass(tmp_path, status, outcomes):
    load([_write(tmp_path, f"- {{kind: case, id: b-case, title: Another case, summary: Men were tried., period: 2012, "
                           f"outcomes: {outcomes}, status: {status}, source: src, paragraphs: [1]}}\n")])


@pytest.mark.parametrize("fmt", ["yaml", "csv", "jsonl"])
@pytest.mark.parametrize("text, words", [
    ("He was locked up.", "was locked up"), ("The men were finally locked up.", "were finally locked up"),
    ("He was sent down in 2019.", "was sent down"),
    ("Remanded in custody in 2015 and put behind bars in 2017 for 12 years.", "put behind bars"),
    ("He was remanded in 2015, and is now behind bars.", "is now behind bars"),
    ("He was jai led in 2019.", "jai led"), ("He was con victed.", "con victed"), ("He was sen tenced.", "sen tenced"),
    ("He was convicted, not in 2010 but in 2012.", "convicted"), ("He is now an inmate at HMP Wakefield.",
                                                                  "inmate at HMP Wakefield"),
    ("A jury found he had raped two girls.", "jury found he had raped"), ("He got 12 yrs.", "got 12 yrs"),
    ("He is in prison on remand-free terms after his trial.", "is in prison"), ("He was con.victed.", "con.victed"),
    ("He was con-\nvicted.", "con-\nvicted"),
])
def test_the_loader_refuses_each_kind_in_every_input_format(tmp_path, fmt, text, words):
    """A term-less tabloid word, custody outside its remand's clause, a word split with spaces: refused by the real
    load of a YAML, CSV or JSON Lines file, at its file, line, record and field, quoting the words as written."""
    base = _write(tmp_path, "")
    if fmt == "yaml":
        path, line = _write(tmp_path, f"- {{kind: person, id: john-doe, name: John Doe, "
                                      f"description: {json.dumps(text)}, source: src, paragraphs: [1], "
                                      f"status: alleged}}\n"), 4
        files = [path]
    elif fmt == "csv":
        path, line = tmp_path / "people.csv", 2
        with path.open("w", encoding="utf-8", newline="") as out:  # quoted as a spreadsheet writes it
            csv.writer(out).writerows([("kind", "id", "name", "description", "source", "paragraphs", "status"),
                                       ("person", "john-doe", "John Doe", text, "src", "1", "alleged")])
        files = [base, path]
    else:
        path, line = tmp_path / "people.jsonl", 1
        path.write_text(json.dumps({"kind": "person", "id": "john-doe", "name": "John Doe", "description": text,
                                    "source": "src", "paragraphs": [1], "status": "alleged"}) + "\n", encoding="utf-8")
        files = [base, path]
    with pytest.raises(LoadError) as error:
        load(files)
    [problem] = error.value.problems
    assert (problem.file, problem.line, problem.record, problem.field) == (str(path), line, "john-doe", "description")
    assert f"worded as a conviction: {words!r}" in problem.message and "the record is 'alleged'" in problem.message


_SPLIT_IN = {"locked": "He was {} up.", "banged": "He was {} up.", "caged": "He was {} for 10 years.",
             "incarcerated": "He was {}.", "jail": "He is in {}.", "prison": "He is in {}.", "gaol": "He is in {}.",
             "sentence": "He is serving a life {}.", "sentences": "They are serving life {}.",
             "imprisonment": "He got {} for public protection.", "behind": "He is {} bars.",
             "bars": "He is behind {}."}
"""Where a split word that is no conviction word of its own is one: in a phrase of `CONVICTION`."""


SPLIT_WORDS = ["convict", "convicts", "convicted", "convicting", "conviction", "convictions", "guilty", "jailed",
               "jailing", "imprisoned", "sentenced", "sentencing", "sentence", "sentences", "imprisonment", "jail",
               "prison", "gaol", "locked", "banged", "caged", "incarcerated", "behind", "bars"]


@pytest.mark.parametrize("word", SPLIT_WORDS)
def test_every_word_read_joined_when_split_is_a_word_of_a_conviction(word):
    """The split words (`_SPLIT_WORDS`) are conviction words of `CONVICTION` itself, or words of its phrases: one
    rule reads them, split or whole."""
    assert word in _SPLIT_WORDS
    if word not in _SPLIT_IN:
        assert CONVICTION.fullmatch(word)
    text = _SPLIT_IN.get(word, "He was {} in 2019.")
    split = word[:2] + " " + word[2:]
    whole = conviction_wording(text.format(word), "alleged").words
    assert conviction_wording(text.format(split), "alleged").words == whole.replace(word, split)


def test_every_split_word_is_tested():
    assert sorted(_SPLIT_WORDS) == sorted(SPLIT_WORDS)


def test_a_record_stated_in_two_files_is_named_in_both(tmp_path):
    """A record restated in a second file (merged into one fact) is refused at its first statement, and the
    message names the second too, at its field's line: the words may be there (`ColumnTable.also_stated`)."""
    first = _write(tmp_path, "")
    second = tmp_path / "second.yaml"
    second.write_text("- {kind: source, id: src-2, title: Another, publisher: Q, published: 2025, doc_type: article}\n"
                      "- kind: case\n"
                      "  id: a-case\n"
                      "  source: src-2\n"
                      "  paragraphs: [2]\n"
                      "  status: alleged\n"
                      "  summary: The men were jailed for 12 years.\n", encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load([first, second])
    found = [p for p in error.value.problems if "worded as a conviction" in p.message]
    assert {(p.file, p.record) for p in found} == {(str(first), "a-case")}
    # the summary shown (the later source's) and the contested values that hold it
    assert {p.field for p in found} == {"summary", "contested_values"}
    assert all(f"(stated again at {second}:7)" in p.message for p in found if p.field == "summary")


def test_a_conviction_only_a_restricted_source_gives_is_refused_in_the_public_version(tmp_path):
    """A record citing a restricted court record (convicted) and a public newspaper (alleged): the public
    profile shows it with the newspaper's status, so its conviction wording would be shown on an alleged
    record, credited to the newspaper. Refused at the record, saying why and what to do."""
    problems = _problems(tmp_path, """\
- {kind: source, id: court, title: A court record, publisher: Court, published: 2024, doc_type: report, sensitivity: restricted}
- kind: person
  id: ned-moe
  name: Ned Moe
  description: Jailed for 12 years in 2024 for grooming girls.
  source: court
  paragraphs: [1]
  status: convicted
  citations: [{source: src, paragraphs: [1], status: alleged, as_of: 2023-01}]
""")
    [problem] = problems
    assert (problem.line, problem.record, problem.field) == (8, "ned-moe", "description")
    assert "'Jailed'" in problem.message and "its public version (its public citations only) is 'alleged'" \
        in problem.message and "cites that source alone" in problem.message


def test_a_fact_alleged_in_both_versions_is_refused_once(tmp_path):
    problems = _problems(tmp_path, """\
- {kind: source, id: court, title: A court record, publisher: Court, published: 2024, doc_type: report, sensitivity: restricted}
- {kind: person, id: ned-moe, name: Ned Moe, description: He was jailed for 12 years., source: court, paragraphs: [1], status: alleged, citations: [{source: src, paragraphs: [1], status: alleged}]}
""")
    assert [(p.record, p.field) for p in problems] == [("ned-moe", "description")]


# A newcomer's finding (2026-12-02): a sentence faced, carried by law or sought is no sentence given, and must pass on
# a charged fact; a sentence that is no custody, given, is a conviction.
NOT_GIVEN = [
    # the finding
    "He faces up to 14 years in prison if found guilty.", "The offence carries a maximum of 14 years.",
    "The prosecution will seek a 10-year sentence.",
    # its kind: faced or risked, the law's maximum, sought, possible, on a condition of a verdict
    "He faces up to 14 years in prison.", "He could face 14 years in jail.", "He risks up to 14 years in prison.",
    "He would face up to 14 years behind bars.", "He faced 14 years in jail but was acquitted.",
    "He faces a maximum of 14 years in jail if found guilty.",
    "The offence carries a maximum sentence of 14 years in prison.",
    "The offence carries a maximum penalty of 14 years in prison.", "The offence carries a maximum 14-year sentence.",
    "The charge is punishable by up to 14 years in prison.", "The maximum sentence is 14 years in prison.",
    "The maximum sentence for the offence is 14 years in prison.",
    "Prosecutors are expected to ask for a 10-year sentence.", "Prosecutors will ask for 10 years in prison.",
    "Prosecutors want him jailed.", "The family called for him to be jailed.",
    "He could be jailed for 14 years.", "He may be sentenced to life.", "If convicted, he could get 14 years.",
    "If convicted, he will get 14 years.", "He will be jailed for life if convicted.",
    "Should he be convicted, he will be jailed.", "He faces a community order if convicted.",
    # what is no sentence that is no custody: a job's probation, a family court's order, bail, a pupil's suspension
    "He passed a six-month probation period at the council.", "The six months of probation at his job ended.",
    "She is a probation officer.", "He was placed on probation by his employer.",
    "The council got a supervision order.", "He was given a curfew as a bail condition.",
    "The girls did hours of unpaid work.", "He was suspended for six months from the force.",
    # a fine not given, with no sum and no court, or a regulator's; an order given without a conviction
    "A fine was proposed.", "He faces a fine.", "He could be fined £5,000.", "If convicted he faces a fine of £500.",
    "He was never fined £500.", "The council was fined £50,000 by the Information Commissioner.",
    "The club was fined 50,000 pounds by the FA.", "The club was fined by the league.",
    "Police applied for a sexual risk order.", "He was made subject to a sexual risk order.",
    "The council had notification requirements for data breaches.",
]


@pytest.mark.parametrize("status", ["alleged", "charged", "acquitted"])
@pytest.mark.parametrize("text", NOT_GIVEN)
def test_a_sentence_faced_carried_or_sought_passes(tmp_path, text, status):
    """A possible, future or statutory sentence is none given: the load and the dossier let it through."""
    assert conviction_wording(text, status) is None
    load([_write(tmp_path, f"- {{kind: person, id: john-doe, name: John Doe, description: {json.dumps(text)}, "
                           f"source: src, paragraphs: [1], status: {status}}}\n")])
    Fact(text, [Citation("s", (1,))], status=status)


@pytest.mark.parametrize("status", ["reported", "inferred"])
@pytest.mark.parametrize("field, text, words", [
    ("summary", "Her abuser was convicted and jailed for 9 years.", "convicted"),
    ("title", "Groomer jailed for 12 years", "jailed"),
    ("quote", "He was sent down in 2019.", "was sent down"),
])
def test_a_case_worded_as_a_conviction_its_outcomes_do_not_give_is_warned_of(tmp_path, status, field, text, words):
    """A `reported` case is not refused for conviction wording (its source may report one), but a page would
    show a conviction nothing else records: a warning naming file, line, record, field, words and outcomes."""
    fields = {"title": "A case", "summary": "Men were accused.", field: text}
    values = "".join(f", {key}: {json.dumps(value)}" for key, value in fields.items())
    basis = ", basis: the borough's police" if status == "inferred" else ""
    dataset = load([_write(tmp_path, f"- {{kind: case, id: b-case{values}, period: 2012, outcomes: [died], "
                                     f"status: {status}{basis}, source: src, paragraphs: [1]}}\n")])
    (warning,) = dataset.warnings
    assert (Path(warning.file).name, warning.line, warning.record, warning.field) == ("data.yaml", 4, "b-case", field)
    assert f"worded as a conviction: {words!r}" in warning.message
    assert f"the case is {status!r} and its outcomes (died) give no conviction" in warning.message


@pytest.mark.parametrize("extra", [
    "outcomes: [convicted], status: reported",  # the outcome backs it
    "outcomes: [convicted], status: convicted",
    "status: reported, sensitivity: restricted",  # nothing of it is published
])
def test_conviction_wording_its_case_records_is_not_warned_of(tmp_path, extra):
    dataset = load([_write(tmp_path, "- {kind: case, id: b-case, title: A case, summary: Her abuser was convicted., "
                                     f"period: 2012, {extra}, source: src, paragraphs: [1]}}\n")])
    assert dataset.warnings == []


def test_a_reported_case_with_no_conviction_wording_is_not_warned_of(tmp_path):
    dataset = load([_write(tmp_path, "- {kind: case, id: b-case, title: A case, summary: No one was convicted., "
                                     "period: 2012, outcomes: [not-prosecuted], source: src, paragraphs: [1]}\n")])
    assert dataset.warnings == []


def test_one_text_in_many_records_is_judged_in_each_by_its_own_status(tmp_path):
    # the load reads each distinct text once (`claim_wording.Wordings`): every record holding it is still judged
    problems = _problems(tmp_path, """\
- {kind: person, id: first, name: Adam, description: He was jailed., source: src, paragraphs: [1], status: convicted}
- {kind: person, id: second, name: Bill, description: He was jailed., source: src, paragraphs: [1], status: alleged}
- {kind: person, id: third, name: Carl, description: He was jailed., source: src, paragraphs: [1], status: alleged,
   sensitivity: restricted}
- {kind: person, id: fourth, name: Dave, description: He was jailed., source: src, paragraphs: [1], status: charged}
- {kind: case, id: other-case, title: Another case, summary: He was jailed., period: 2021, source: src, paragraphs: [1],
   status: reported}
""")
    assert [(p.line, p.record, p.field) for p in problems] == [(5, "second", "description"),
                                                                (8, "fourth", "description")]
    warnings = load([_write(tmp_path, """\
- {kind: case, id: other-case, title: Another case, summary: He was jailed., period: 2021, source: src, paragraphs: [1],
   status: reported}
- {kind: case, id: third-case, title: A third case, summary: He was jailed., period: 2021, source: src, paragraphs: [1],
   status: reported, outcomes: [convicted]}
""")]).warnings
    assert [(w.record, w.field) for w in warnings if "worded as a conviction" in w.message] == [("other-case", "summary")]
