"""The rule that an allegation is never worded as a conviction: one rule, for the load and the dossier.

A text is worded as a conviction when it holds a conviction word (`CONVICTION`) that its sentence does
not negate, reverse or give to others. Refused under `NOT_CONVICTED`, the legal statuses that are not a
conviction (alleged, charged, acquitted): "Convicted paedophile John Doe" on an `alleged` record. Not
under `reported` or `inferred`: they say who states the fact (its source, casegraph), not how far the law
went, and a source may report a conviction (`data/london/NOTES.md`: Bellfield's record is `reported`,
and its description says what his conviction was for).

Conviction words: "convicted", "conviction", "convict"; "guilty" ("found guilty", "pleaded guilty", "guilty of",
"guilty verdict"); "jailed", "went down for", "imprisoned" (not "falsely imprisoned", nor "imprisoned her": what an
abuser did), "sentenced", "sent to prison" ("went to jail", "thrown into prison", "taken to prison"; not "went to
prison to visit him"), "a life sentence", "a 12-year sentence", "a six-week sentence", "an indeterminate
(indefinite, IPP, extended, suspended) sentence", "serving a sentence", "awaiting sentence"; an IPP (imprisonment or
an indefinite sentence for public protection, detention for public protection), by its letters alone ("given an
IPP", "on an IPP", "serving IPP"; not "IPPR"); a court's finding of an offence ("a jury found he had raped two
girls"; not "found he had not", "found she was raped"); a prison term given or served, in years, months or weeks,
suspended or not (a suspended sentence is a conviction), or held in prison ("got 12 years", "got 12 yrs", "got 18
months", "got eighteen months", "got 6 months suspended", "got two years and six months", "was handed 30 months",
"got six weeks", "was given life", "got a ten-year stretch", "serving 12 years for drug offences", "serving time",
"banged up for a decade", "18 months behind bars", "in prison for 12 years"; not "given two years to improve",
"given six months to leave", "got 18 months of counselling", "6 months suspended from school", "served 12 years in
the army"); a headline's term or verdict with no verb (`_HEADLINE`: "Jail for gang leader", "Life for abuser", "12
years for groomer", "Paedophile ring: 12 years each", "Caged: the groomer", "Guilty: the six men"; not "Life for the
survivors after abuse", "a life of abuse"); custody and its tabloid words ("is behind bars", "remains in prison",
"is in jail", "is in HMP Belmarsh", "now an inmate at HMP Wakefield", "transferred to HMYOI Feltham", "spent 12
years in prison", "put behind bars", "ended up behind bars", "locked up for 12 years", "caged for 10 years",
"detained at His Majesty's pleasure"; and with no term, passive: "he was locked up", "the men were finally locked
up", "was locked away", "was locked-up", "was put away", "was sent down", "has been incarcerated", "the judge sent
him down"; not "sent down from Oxford", "sent down to the basement"); "a registered sex offender", "the sex
offenders' register"; "admitted" with an offence for object ("admitted two counts of rape", "admitted the charges";
not "admitted failings"); a sentence that is no custody, given only on a conviction (`_NON_CUSTODIAL`): a community
order ("given a two-year community order", "a youth rehabilitation order"), a conditional or absolute discharge,
probation with a length or an order ("18 months' probation", "two years of probation", "placed on probation for two
years", "a probation order"; not "a six-month probation period", "six months of probation at the school", "a
probation officer"), a term suspended ("two years, suspended for 18 months"), unpaid work ordered ("ordered to do 200
hours of unpaid work"), a sexual harm prevention order ("an SHPO"), the sex offenders' register or notification ("put
on the sex offender register", "subject to notification requirements"), a court's fine ("fined £500", "given a £200
fine", "fined by magistrates"); not a supervision order (a family court's), a curfew (bail's), a sexual risk order, a
fine with no sum and no court ("a fine was proposed"), or a regulator's ("fined £50,000 by the Information
Commissioner").

Custody is no conviction where the clause holding it says it is before a verdict (`_REMAND`: "held on remand", "in
prison awaiting trial"; a word of its own, not "remand-free", and not "no longer on remand"); a remand word excuses
the custody of its own clause only, not custody in another ("remanded in custody in 2015 and put behind bars in
2017", "held on remand, then locked up for 12 years", "on remand until his trial, after which he was locked up",
"held on remand before being locked up": `_CLAUSE_BREAK`, "and", "but", "then", "later", "subsequently",
"afterwards", "eventually", "finally", "after which", "before being", ";"; not a comma alone: "held on remand,
awaiting trial, in Belmarsh" passes), nor a remand over before it (`_AFTER`: "after a year on remand, he was locked
up for 12 years"), nor a word that is no custody ("held on remand, then jailed for 12 years"). Where the line is for
the tabloid words ("locked up", "locked away", "put away", "sent down", "incarcerated", "behind bars", "caged"),
which may say what an abuser did to a victim: they are no hit when their subject is a victim or a thing
(`_NO_PRISONER`: "the girls were locked up", "a girl, 13, was locked up", "the flat was locked up"; "he" or "she"
may be the accused, and is read as one), or when what follows says an abuser held her (`_HELD_BY_ABUSER`: "locked up
for days", "by her abuser", "in a room"); "locked in a room" is no tabloid word.

Within one sentence (text up to `.`, `!`, `?` or a line break), a conviction word is not one when
- a negation binds to it (`_NEGATED`): the negation stands right before it, with only auxiliaries and
  small words between ("not convicted", "was never convicted", "has not been jailed", "not a conviction",
  "without being convicted", "no conviction", "no charge or conviction", "neither charged nor convicted",
  "did not result in a conviction", "failed to secure a conviction", "denies being guilty" (not "never
  denied"), "pleaded not guilty"), or as the subject it negates ("none were convicted", "none of the
  five men were convicted", "no one has been convicted", "nobody was jailed"). A negation of anything else in
  the sentence does not bind ("Police did not comment; Fred Bloggs was convicted" is refused), nor one that
  "until" follows ("not jailed until 2015" says when he was), nor one that a "but" corrects ("not convicted in
  2010 but in 2012", "not jailed in Wandsworth but in Belmarsh");
- it is a sentence not given (`_NOT_GIVEN`, with only the same small words between): asked or supposed ("does not
  say whether anyone was convicted", "if convicted"), faced or risked ("faces a life sentence", "faces up to 14
  years in prison", "could face a maximum 14-year sentence", "risks"), the law's maximum ("the offence carries a
  maximum of 14 years", "carries a maximum sentence of", "punishable by up to", "the maximum sentence is"), sought
  ("the prosecution will seek a 10-year sentence", "is expected to ask for", "called for him to be jailed"), or
  possible ("could be jailed", "may get 14 years"); or a condition on a verdict (`_IF_CONVICTED`: "if convicted",
  "if found guilty", "should he be convicted") in its clause, before it ("If convicted, he will get 14 years") or
  right after it with no comma between ("He will be jailed for life if convicted"). A sentence given stays one:
  "was jailed for 14 years", "received a 10-year sentence, which prosecutors had sought", "given the maximum
  sentence of 14 years in prison", "will be sentenced on Friday" and "would be jailed in 2019" (a verdict came),
  "Jailed in 2019, he faces life if convicted again" (a comma before the condition);
- a reversal of a conviction (`_REVERSAL`) follows it in the sentence, or holds it: "conviction
  quashed", "his convictions were overturned", "quashed his conviction", "this was set aside", "cleared on
  appeal", "acquitted at retrial", "won his appeal". A reversal of something else does not count
  ("convicted of rape, cleared of one count", even "on appeal", is refused, and so is "cleared of all
  charges, though once convicted of theft"), nor does a reversal that did not happen (`_UNREVERSED`: "failed
  to overturn his conviction", "his bid to overturn it", "failed to have his conviction quashed": the
  failure negates the reversal, not the conviction);
- it is the conviction of a part of a group, said of that part (`_OTHERS`): "four of them were convicted",
  "two of the men were jailed", "four of the accused went down for rape" (a group record `acquitted` that
  reports which of its members were convicted; "all of them were convicted" is the group's own
  conviction, and "John Doe, one of the men convicted" is his: both refused);
- a contrast follows it that says it is not for this case (`_CONTRAST`): "his convictions are for murder,
  not for offences in this case", ", not of the abuse alleged here". A contrast that asserts the conviction,
  of something else than this case, is none: "convicted, not in 2010 but in 2012", "jailed, not in Wandsworth but
  in Belmarsh", "convicted, not of one rape but of ten" are refused.
Known limits: a fine with a sum and no one named to give it is a court's ("the council was fined £50,000" is
refused); a job's probation with a length and no word
of a job after it ("his six months' probation ended") is refused; a condition on a verdict excuses what follows it
in its clause, whoever's ("If he is convicted, the judge who jailed his brother will sentence him" passes); a
conviction reversal reverses every conviction word before it in its sentence, whoever's ("Bloggs was jailed in 2019
and Smith's conviction was quashed" passes); "paedophile" alone, a label but not a verdict, is not a
conviction word; a tabloid word with no auxiliary ("Groomer locked up") is none unless a term follows ("locked up
for 12 years"); a remand clause ends at a conjunction or a word of what came next, not a comma ("Remanded in 2015,
he is now behind bars" passes); a headline's term "for" anyone but a victim or a group is a sentence ("Two years for
the review" at a title's head is refused), and one after a full stop is none; a term "for" anything is one ("served
six months for the council" is refused).

The text is matched folded (`loaders/folding.py`: a Cyrillic "о" in "cоnvicted" reads as it looks, "j-a-i-l-e-d" as
"jailed"), and a word split with hyphens, asterisks or underscores that joined is a conviction word reads joined: a
one-word conviction word or a word of a custody or term phrase (`_SPLIT_WORDS`: "lock ed up", "jail ed", "a life sen
tence", "in pri son", "be hind bars") with its letters split by spaces, hyphens, dots, asterisks, underscores,
slashes or bars, up to three of them in any mix ("jai led", "con victed", "sen tenced", "jai-led", "con*vic ted",
"con.victed", "con--victed"), or by a hyphen at a line break ("con-\\nvicted"), its pieces cased alike (not "jail
Ed", a word and a name); joined, it is read as the word is ("the flat was lock ed up" passes as "the flat was locked
up" does); the hit is quoted as written.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from casegraph.loaders.folding import fold

__all__ = ["worded_as_conviction", "NOT_CONVICTED", "CONVICTION", "Wording", "conviction_wording"]

NOT_CONVICTED = frozenset(("alleged", "charged", "acquitted"))
"""The claim statuses under which a text must not read as a conviction."""

_OFFENDED = (r"(?:raped|abused|sexually|indecently|assaulted|trafficked|groomed|murdered|killed|molested|exploited|"
             r"committed|conspired|incited)")
"""What a court finds a man did when it finds him guilty: "a jury found he had raped two girls"."""
_OFFENCE = (r"(?:charges?|counts?|offen[cs]es?|rape|raping|sexual|sex|indecent|abus\w*|assault\w*|traffick\w*|"
            r"groom\w*|murder\w*|manslaughter|crimes?|guilt)")
"""What an admission admits when it is a plea: a charge, a count, an offence."""

_NUMBER = (r"(?:a\s+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty(?:-\w+)?)"
           r"(?:\s+and\s+a\s+half)?(?:\s+|(?<=\d))")
_TERM_WORDS = _NUMBER + r"(?:years?|yrs?|decades?|months?|mths?)\b"
"""A length that may be a prison term: "12 years", "a year", "four and a half years", "12yrs", "a decade", "18 months",
"eighteen months"; weeks are not (`_WEEKS`): a victim is held for weeks (`_HELD_BY_ABUSER`)."""
_TERM_END = (r"(?:,?\s+(?:and\s+)?" + _NUMBER + r"(?:months?|mths?|weeks?|days?)\b)?(?:\s+each)?(?:\s+suspended)?"
             r"(?=\s*(?:[.;,!?(]|\Z|\s+(?:for|in\s+(?:jail|prison|custody)|behind"
             r"|inside(?!\s+(?:the|a|an|his|her)\b))\b)"
             r"|['\u2019]?\s+(?:jail|prison|gaol|custody|imprisonment|detention)\b)")
"""After a length, what makes it a prison term: its second part ("two years and six months", "2 years 6 months"),
"each", "suspended" (a suspended sentence is a conviction), then the sentence's end or a bracket, what it is for, or
where ("in jail", "behind bars", "inside", "18 months' jail", "12 years' imprisonment"); not "two years to improve",
"12 years in the army", "10 years inside the Met", "12 years of abuse", "six months suspended from school"."""
_TERM = _TERM_WORDS + _TERM_END
"""A prison term: a length (`_TERM_WORDS`) and what makes it one (`_TERM_END`)."""
_WEEKS = _NUMBER + r"weeks?\b" + _TERM_END
"""A prison term in weeks, given or served ("got six weeks", "was handed 12 weeks suspended"): not after a tabloid
word, whose weeks may be a victim's ("locked up for three weeks": `_HELD_BY_ABUSER`)."""
_HMP = r"HM(?:P|YOI|\s+prison|\s+young\s+offenders?\s+institution)\s+[\w-]+"
"""A prison by its name: "HMP Wakefield", "HMYOI Feltham", "HM Prison Belmarsh"."""
_CUSTODY = re.compile(r"prison|\bjail\b|gaol|\bcustody\b|bars|locked|banged|caged|incarcerated|\bHM(?:P|YOI)\b|inmate",
                      re.IGNORECASE)
"""Conviction words that say where a man is held, which may be on remand (`_REMAND`)."""
_REMAND = re.compile(
    r"(?<!\bnot\s)(?<!\bnever\s)(?<!\blonger\s)(?<!\bnot\son\s)(?<!\bnever\son\s)(?<!\blonger\son\s)"
    r"(?:\bremand(?:s|ed|ing)?|\b(?:await\w*|pending|before)\s+(?:(?:his|her|their|the|a)\s+)?(?:re-?)?trial"
    r"|\bon\s+bail|\bcharged)(?![\w-])", re.IGNORECASE)
"""A sentence on custody before a verdict: "held on remand", "remanded in custody", "behind bars awaiting
trial", "in prison since he was charged"; each a word of its own (not "remand-free", "trial-like") and not
negated ("not on remand", "no longer remanded")."""

_VICTIMS = (r"victims?|girls?|boys?|school(?:girls?|boys?)|child|children|kids?|daughters?|sons?|teen(?:ager)?s?|"
            r"pupils?|bab(?:y|ies)|toddlers?|minors?|youngsters?|survivors?|complainants?|"
            r"young\s+(?:women|woman|people|person)")
"""Who is a victim, never a prisoner, as the subject of a tabloid custody word (`_NO_PRISONER`) or the one a headline
term is for (`_HEADLINE`)."""
_TABLOID = r"locked[\s-]+(?:up|away)|banged[\s-]+up|put[\s-]+away|sent[\s-]+down|incarcerated"
"""The tabloid words for custody that need an auxiliary ("he was locked up") or a term ("locked up for 12 years")
to be one: "the man locked up the house" is none."""
_NOT_DOWN = r"(?!\s+(?:from|into|onto|stairs|the|a|an|to\s+(?!(?:prison|jail|gaol)\b)))"
"""After "sent down", not a place it went to: "sent down from Oxford", "sent down to the basement" (but "sent
down to prison" is a conviction)."""
_HEAD = (r"(?:(?<![^\n])|(?<=[:|\u2014\u2013])|(?<=[:|\u2014\u2013][^\S\n])|(?<=\s-\s)|(?<=\n[^\S\n])"
         r"|(?<=[\"'\u2018\u201c])(?<![\w.,;!?][\"'\u2018\u201c])(?<![\w.,;!?]\s[\"'\u2018\u201c]))")
"""Where a headline starts: the start of the text or of a line, or after a headline's colon, dash or bar ("Paedophile
ring: 12 years each", "Abuse trial \u2014 Life for abuser"), or an opening quotation mark there; not after a full
stop (a summary's sentence: "Two years for the review." is none)."""
_HEAD_END = r"\s*(?:[.;,:!?|()\"\u2019\u201d\u2014\u2013]|\Z)"
"""Where a headline's words end: its end, a mark, a closing quotation mark, a bracket ("Life for abuser (alleged, not
proven)", as the dossier words it)."""
_NOT_CONVICTED_PARTY = (r"(?:" + _VICTIMS + r"|famil(?:y|ies)|parents|relatives|communit(?:y|ies)|residents|people|"
                        r"women|everyone|those|us|them|you)\b(?!['\u2019])")
"""Whom a headline's term is not for: a victim or a group ("Life for the survivors after abuse", "Life for the family");
a victim's possessive is the offender's ("Life for the girls' abuser")."""
_HEADLINE = (
    r"\b" + _HEAD + r"(?:(?:jail|prison|life(?:\s+(?:in\s+(?:prison|jail)|behind\s+bars))?|" + _TERM_WORDS + r")"
    r"(?:\s+each)?\s+for\s+(?:(?!" + _NOT_CONVICTED_PARTY + r")[\w'\u2019-]+\s+){0,3}?(?!" + _NOT_CONVICTED_PARTY +
    r")[\w'\u2019-]+(?=" + _HEAD_END + r"|\s+(?:-|(?:who|after|over|as|at|in|from|of)\b))"
    r"|" + _TERM_WORDS + r"\s+each\b(?=" + _HEAD_END + r")"
    r"|(?:caged|behind\s+bars|" + _TABLOID + r")(?=\s*(?:[:|\u2014\u2013]|\s-\s)))")
"""A headline that states a sentence with no verb, as a title or a summary holds it: a term "for" someone who is no
victim ("Jail for gang leader", "Life for abuser", "12 years for groomer", "Life behind bars for ringleader"), a
term "each" ("Paedophile ring: 12 years each"), a tabloid word as a headline's head ("Caged: the groomer"); not
"Life for the survivors after abuse", "a life of abuse", "Life for the family was hard" (a verb follows)."""
_PROBATION_ELSE = (r"(?!\s+(?:period|officers?|services?|workers?|staff|reports?|hostels?|teams?|trusts?|at|as|with)"
                   r"\b)")
"""After "probation", what makes it no sentence: "a six-month probation period", "six months of probation at the
school", "as a teacher" (a job's), "a probation officer"."""
_COURT = r"(?:courts?|magistrates?|judges?|jury|justices?|recorder|sheriff|crown\s+court|[\w-]+\s+(?:crown|magistrates['\u2019]?)\s+court)\b"
"""Who sentences: a fine "by magistrates" is a sentence, one "by the Information Commissioner" a regulator's."""
_AMOUNT = r"(?:[£$€]\s?\d++(?:[,.]\d++)*+(?:k|m|bn)?\b|\d++(?:[,.]\d++)*+\s*(?:pounds|euros|dollars)\b)"
"""A sum of money: "£500", "£2,000", "£1.5m", "500 pounds"; read whole (possessive: "£50,000 by the regulator" is
never read "£50," to slip past `_FINED_BY`)."""
_FINED_BY = r"(?!\s+(?:by|to|from)\s+(?!(?:the\s+)?" + _COURT + r"))"
"""After a fine, that no court gave it: "fined £50,000 by the Information Commissioner", "by Ofsted" (a regulator's)."""
_NON_CUSTODIAL = (
    r"\b(?:community|youth\s+rehabilitation|referral|detention\s+and\s+training)"
    r"(?:\s+(?:rehabilitation|punishment|service))?\s+orders?\b"
    r"|\b(?:conditional|absolute)\s+discharge\b|\b(?:conditionally|absolutely)\s+discharged\b"
    r"|\bprobation\s+orders?\b"
    r"|(?:" + _TERM_WORDS + r"|\b\w+-(?:year|month))(?:['\u2019]s?)?\s+(?:of\s+)?probation\b" + _PROBATION_ELSE +
    r"|\b(?:placed|put)\s+on\s+probation\s+for\s+" + _TERM_WORDS +
    r"|\b" + _TERM_WORDS + r",?\s+suspended\s+for\s+" + _TERM_WORDS +
    r"|\b(?:ordered|given|handed|received|gets?|got)\s+(?:to\s+(?:do|carry\s+out|complete|perform)\s+)?"
    + _NUMBER + r"hours['\u2019]?\s+(?:of\s+)?(?:community\s+service|unpaid\s+work)\b"
    r"|\b(?:sexual\s+(?:harm|offences)\s+prevention|sex\s+offender)\s+orders?\b|\bS[HO]POs?\b"
    r"|\bsex\s+offenders?['\u2019]?\s+(?:register|notification)\b"
    r"|\bsubject\s+to\s+(?:the\s+)?notification\s+requirements\b"
    r"|\bfined\s+(?:(?:a\s+total\s+of|more\s+than|over|nearly|almost|about|around)\s+)?" + _AMOUNT + _FINED_BY +
    r"|\bfined\s+by\s+(?:the\s+)?" + _COURT +
    r"|\b(?:given|handed|received|receives|gets?|got|ordered\s+to\s+pay)\s+(?:a|an)\s+" + _AMOUNT +
    r"\s+fines?\b" + _FINED_BY +
    r"|\b(?:given|handed|received|receives|gets?|got|ordered\s+to\s+pay)\s+(?:a|an)\s+fines?\s+of\s+" + _AMOUNT +
    _FINED_BY)
"""A sentence that is no custody, given only on a conviction: a community order ("a two-year community order", "a
youth rehabilitation order", "a referral order"), a conditional or absolute discharge, probation with a length or
an order ("18 months' probation", "two years of probation", "a two-year probation", "a probation order", "placed
on probation for two years"; not "a six-month probation period", "a probation officer", nor "placed on probation"
alone: a job's), a term suspended ("two years, suspended for 18 months"), unpaid work ordered ("ordered to do 200
hours of unpaid work"), a sexual harm (or offences) prevention order ("an SHPO", "a SOPO") or the sex offenders'
register or notification ("put on the sex offender register", "subject to notification requirements"), a court's fine
with its sum or its court ("fined £500", "given a £200 fine", "ordered to pay a fine of £200", "fined by
magistrates"). Not a supervision order (a family court's, about a child), a curfew (bail's), a sexual risk order (given
without a conviction), a fine with no sum and no court ("a fine was proposed", "fined"), nor one that a regulator gave
("fined £50,000 by the Information Commissioner")."""
CONVICTION = re.compile(
    r"\bconvict\w*"
    r"|\b(?:(?:found|pleaded|pled|pleading|proved|proven)\s+)?guilty\b(?:\s+(?:verdicts?|pleas?))?"
    r"|\bjail(?:ed|ing)\b|\b(?:went|go|goes|gone|going)\s+down\s+for\b"
    r"|(?<!falsely\s)\bimprisoned\b(?!\s+(?:her|him|them|girls?|victims?|children|child|the|a)\b)"
    r"|\bsentenc(?:ed|ing)\b|\bawait\w*\s+sentence\b"
    r"|\b(?:life|prison|jail|custodial|suspended|minimum|indeterminate|indefinite|ipp|extended|"
    r"\w+(?:-|\s+)(?:years?|yrs?|months?|weeks?(?=['\u2019]?\s+(?:(?:jail|prison|custodial)\s+)?sentences?))['\u2019]?)"
    r"\s+(?:(?:jail|prison|custodial)\s+)?(?:sentences?|terms?)\b"
    r"(?!\s+(?:as|of|in\s+office|on\s+the)\b)"
    r"|\b(?:imprisonment|detention)\s+for\s+(?:the\s+)?public\s+protection\b|\bIPPs?\b"
    r"|\b(?:\w+-(?:year|yr)|(?:got|gets|given|handed|serv(?:e|es|ed|ing)|doing|did)\s+(?:a|an|his|her)"
    r"(?:\s+[\w-]+)?)\s+stretch\b(?!\s+(?:of|along|between|on)\b)|\b(?:doing|did|done|does)\s+(?:time|porridge|bird)\b"
    r"|\b(?:jury|jurors|court|judge|magistrates?|sheriff)\b(?:\s+[\w-]+){0,2}?\s+found\s+(?:that\s+)?"
    r"(?:(?!(?:not|never|no|nothing|insufficient)\b)[\w'-]+\s+){0,3}?(?<!was\s)(?<!were\s)(?<!been\s)(?<!being\s)"
    + _OFFENDED + r"\b"
    r"|\bserv(?:e|es|ed|ing)\s+(?:(?:a|an|his|her|their)\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:sentences?|(?:jail|prison)\s+terms?)\b"
    r"|\bserv(?:e|es|ed|ing)\s+(?:time|life|" + _TERM + "|" + _WEEKS + r")\b"
    r"|\b(?:got|gets|get|given|handed|received|receives)\s+(?:life|" + _TERM + "|" + _WEEKS + r")\b"
    r"|\b" + _TERM_WORDS + r"\s+(?:in\s+(?:prison|jail|gaol|custody)|behind\s+bars)\b"
    r"|\bin\s+(?:prison|jail|gaol|custody)\s+for\s+(?:life|" + _TERM + r")\b"
    r"|" + _HEADLINE +
    # custody (not on remand: `_REMAND`), and the tabloid words for a prison term
    r"|\b(?:is|was|are|were|been|being|remains?|remained|still)\s+(?:now\s+|still\s+)?"
    r"(?:in\s+(?:prison|jail|gaol|" + _HMP + r")|behind\s+bars)\b"
    r"|\bspen[dt]\w*\s+(?:[\w-]+\s+){1,4}?(?:in\s+(?:prison|jail|gaol|" + _HMP + r")|behind\s+bars)\b"
    r"|\b(?:held|detained|housed|imprisoned|incarcerated|locked\s+up)\s+(?:at|in)\s+" + _HMP + r"\b"
    r"|\b(?:inmates?|prisoners?)\s+(?:at|of|in)\s+(?:" + _HMP + r"|(?:[\w-]+\s+){0,2}(?:prison|jail|gaol))\b"
    r"|\b(?:(?:put|puts|putting|sent|sends?|sending|thrown|throws?|threw|landed|lands?|ended\s+up|ends?\s+up|"
    r"got|gets?|placed|back)\s+(?:(?:him|her|them|the\s+\w+)\s+)?)?behind\s+bars\b"
    r"|\b(?:sent|sending|send|sends|went|go|goes|gone|going|thrown|throws?|threw|put|puts|putting|taken|took|"
    r"landed|ended\s+up|back|moved|transferred)\s+(?:(?:him|her|them|back)\s+)?(?:in|into|to)\s+"
    r"(?:jail|prison|gaol|" + _HMP + r")\b"
    r"(?!\s+to\s+(?:visit|see|meet)\b)"
    r"|\b(?:" + _TABLOID + r"|caged)\s+for\s+(?:life|good|" + _TERM + r")\b"
    r"|\b(?:was|were|is|are|been|got|gets)\s+(?:(?:\w+ly|now|then|later|soon|also|all|both|still|since|once|again)\s+)"
    r"{0,2}(?:" + _TABLOID + r")\b" + _NOT_DOWN +
    r"(?:\s+for\s+(?:life|good|" + _TERM + r")\b)?"
    r"|\b(?:put|puts|putting)\s+(?:him|her|them)\s+away\b|\b(?:sent|sends?|sending)\s+(?:him|her|them)\s+down\b"
    + _NOT_DOWN +
    r"|\bdetained\s+at\s+(?:his|her)\s+majesty['\u2019]?s\s+pleasure\b"
    r"|\bregistered\s+sex\s+offenders?\b|\bsex\s+offenders['\u2019]?\s+register\b"
    r"|" + _NON_CUSTODIAL +
    r"|\badmit(?:s|ted|ting)?\s+(?:to\s+)?(?:(?:the|a|an|his|her|their|all|both|\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|further|more|\w+-\w+)\s+){0,3}" + _OFFENCE + r"\b",
    re.IGNORECASE)
"""Words that state a conviction (the module docstring lists them)."""

_AUX = (r"(?:was|were|is|are|am|be|been|being|has|have|had|did|does|do|could|can|would|will|may|might|should|"
        r"must|shall|ever|yet|subsequently|later|since|then|formally|actually|ultimately|eventually|finally|also|"
        r"so\s+far|to\s+date|as\s+yet|himself|herself|themselves|a|an|any|his|her|their|its|the|criminally|"
        r"successfully|however|result(?:ed|s)?\s+in|(?:lead|leads|led)\s+to|end(?:ed|s)?\s+(?:in|with)|"
        r"secure[ds]?|obtain(?:ed|s)?|bring|brought|get|got|reach(?:ed)?|given|handed|received|serv(?:ed|ing))")
"""Words that may stand between a negation and the conviction word it binds to: auxiliaries, articles,
adverbs of time, the verbs of an outcome ("did not result in a conviction") and of a sentence given ("not given an
IPP"; not "on": "no comment on his jailing" is no denial)."""
_BRIDGE = rf"(?:,?\s+{_AUX},?|\s+(?:\w+,\s+){{0,2}}\w+,?\s+(?:or|nor))*"
"""Auxiliaries, and the other terms of an "or"/"nor" ("no charge or conviction", "not arrested, charged or
jailed"): not "and", which starts a new statement ("not arrested and was jailed")."""
_PARTITIVE = r"(?:\s+of\s+(?:the|them|these|those|whom|which|his|her|their)(?:\s+\w+){0,2})?"
_NEGATED = re.compile(
    r"(?:\b(?:not|never|nor|without|cannot|(?<!not\s)(?<!never\s)(?<!n't\s)den(?:y|ies|ied|ying)|yet\s+to|"
    r"fail(?:s|ed|ing)?\s+to)|n['\u2019]t"
    r"|\b(?:no(?:\s+(?:single|other|further|more|adult))?(?:\s+\w+)?|none|nobody|no-one|neither(?:\s+\w+)?"
    r"|not\s+(?:one|a\s+single\s+\w+))"
    + _PARTITIVE +
    r")" + _BRIDGE + r"\s*\Z",
    re.IGNORECASE)
"""A negation bound to what follows it (matched against the sentence up to the conviction word): a
negation or a negated subject ("none of the men", "no one"), then only `_BRIDGE` words."""
_UP_TO = (r"(?:\s+(?:up\s+to|a|an|the|his|her|their|him|them|to|be|maximum|max|possible|potential|likely|mandatory|"
          r"minimum|of|at\s+least|as\s+(?:much|many|long)\s+as|more\s+than|sentences?|penalt(?:y|ies)|terms?|"
          r"tariff)\b)*")
"""What stands between a sentence faced, carried or sought and its length: "faces up to", "carries a maximum
sentence of", "will seek a", "want him"."""
_NOT_GIVEN = re.compile(
    r"(?:\b(?:whether|if|unless)(?:\s+\w+){0,4}"
    r"|\b(?:fac(?:e|es|ed|ing)|risk(?:s|ed|ing)?|looking\s+at|carr(?:y|ies|ied|ying)|punishable\s+(?:by|with)"
    r"|(?<!his\s)(?<!her\s)(?<!their\s)max(?:imum)?\s+(?:sentence|penalty|term)(?:\s+(?:for|of)(?:\s+[\w'-]+){1,4}?)?"
    r"\s+(?:is|was|would\s+be)"
    r"|seek(?:s|ing)?|sought|(?:ask|call|push|press|argu)\w*\s+for|demand\w*|urg(?:e|es|ed|ing)|request\w*|"
    r"want(?:s|ed|ing)?|could|may|might)" + _UP_TO + r")" + _BRIDGE + r"\s*\Z",
    re.IGNORECASE)
"""A sentence not given (matched against the sentence up to the conviction word): asked or supposed ("whether
anyone in the group", "if convicted"), faced or risked ("faces up to", "could face a maximum", "risks"), the law's
("the offence carries a maximum of", "punishable by up to", "the maximum sentence is"; not "given the maximum
sentence of"), sought ("the prosecution will seek a", "is expected to ask for", "called for him to be", "want him"),
or possible ("could be", "may get", "might receive"; not "will be sentenced" nor "would be jailed", which say a
verdict came), then only `_BRIDGE` words."""
_IF_CONVICTED = re.compile(
    r"\b(?:if|unless|should|in\s+the\s+event\s+(?:of|that))(?:\s+(?!(?:and|but|then)\b)[\w'-]+){0,3}?\s+"
    r"(?:convicted|found\s+guilty|guilty|(?:a\s+)?conviction)\b"
    r"|\bwere\s+(?:he|she|they)\s+to\s+be\s+(?:convicted|found\s+guilty)\b", re.IGNORECASE)
"""A condition on a verdict: "if convicted", "if he is found guilty", "should they be convicted", "in the event of a
conviction", "were he to be convicted". It makes prospective what its clause says before it ("If convicted, he will
get 14 years") and what comes right before it, with no comma between ("He will be jailed for life if convicted");
not a sentence given before a comma ("Jailed for 12 years in 2019, he faces life if convicted again")."""

_REVERSED = r"(?:quash\w*|overturn\w*|set\s+aside|revers(?:ed|ing|es)|annul\w*|(?:ruled|declared|found)\s+unsafe)"
_REVERSAL = re.compile(
    r"\b(?:convictions?|verdicts?|it|this|that|which)(?:\s+" + _AUX + r")*\s+" + _REVERSED +
    r"|\b" + _REVERSED + r"\s+(?:(?:his|her|their|the|its|this|that|both|all|these|those|of)\s+)*"
    r"(?:[\w-]+\s+)?(?:convictions?|verdicts?)\b"
    r"|\b(?:cleared|acquitted|exonerated|pardoned|found\s+not\s+guilty)"
    r"(?:\s+of\s+(?:it|them|all\s+(?:charges|counts|offences)|everything))?(?:\s+(?!of\b)[\w-]+){0,2}?\s+"
    r"(?:on|at|after|following|by|in)\s+(?:(?:an|a|his|her|their|the)\s+)?"
    r"(?:appeal|retrial|re-trial|court\s+of\s+appeal|criminal\s+cases\s+review)"
    r"|\b(?:won|wins|winning|successful(?:ly)?)\s+(?:(?:an|a|his|her|their|the)\s+)?appeal\w*"
    r"(?:\s+against\s+(?:(?:his|her|their|the|a)\s+)?(?:[\w-]+\s+)?convictions?)?",
    re.IGNORECASE)
"""A conviction reversed: the conviction (or "it", "this") quashed, overturned, set aside or ruled unsafe;
cleared or acquitted ("of it", "of all charges") on appeal or at a retrial; an appeal won. Not "cleared of
one count", even on appeal: that clears a charge, and may leave the conviction standing."""
_OTHERS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|some|several|many|most|a\s+few|few)\s+of\s+"
    r"(?:them|whom|the\s+\w+(?:\s+\w+)?)"
    r"(?P<verb>(?:\s+(?:was|were|had|have|has|been|later|subsequently|also|ultimately))*)\s*\Z",
    re.IGNORECASE)
"""Part of a group as the subject of its conviction: "four of them were", "two of the accused men were",
"four of the accused men" before a conviction word that is a verb (`_FINITE`)."""
_FINITE = re.compile(r"(?:went|goes|go|pleaded|pled|admit|was|were|is|are|been|got|gets|remain|spen[dt])",
                     re.IGNORECASE)
"""Conviction words that are a verb of their own ("went down for", "pleaded guilty"); the others need an
auxiliary to be one ("four of them were convicted"), and without it name somebody ("one of the men
convicted in 2019": he is one of them)."""
_UNTIL = re.compile(r"^(?:\s+[\w-]+){0,3}?\s+(?:until|till)\b"
                    r"|^[^;,]*?\bbut\s+(?:also\s+)?(?:in|of|for|at|after|by|on(?!\s+bail\b))\b", re.IGNORECASE)
"""After a negated conviction word, "until" or a "but" that corrects what was negated: "not jailed until 2015"
says when he was jailed, "not convicted in 2010 but in 2012", "not jailed in Wandsworth but in Belmarsh" that he
was (the contrast after it: `_CONTRAST`); not "not convicted but cleared", "not jailed but on bail"."""
_UNREVERSED = re.compile(
    r"(?:\b(?:not|never|fail\w*|refus\w*|bid|attempt\w*|tr(?:y|ies|ied|ying)|s(?:eek|eeks|ought|eeking)|unable|"
    r"cannot)|n['\u2019]t)\s+(?:to\s+)?(?:(?:be|have|get|see)\s+)?(?:(?:his|her|their|the|its|a|an)\s+)?\Z",
    re.IGNORECASE)
"""Before a reversal, one that did not happen: "failed to overturn his conviction", "a bid to have his
conviction quashed"."""
_CONTRAST = re.compile(
    r"^[^;]*?,\s*(?:but\s+)?not\s+(?:for|of|in|over|in\s+connection\s+with)\s+(?:(?!but\b)[\w'-]+\s+){0,5}?"
    r"(?:this|these|the\s+present|(?:the\s+)?alleged|here)\b(?![^;]*\bbut\b)", re.IGNORECASE)
"""After a conviction word, that it is not for this case: ", not for offences in this case", ", not of the abuse
alleged here". Not a contrast that still asserts the conviction, of what is not this case ("convicted, not in 2010
but in 2012", "jailed, not in Wandsworth but in Belmarsh", "convicted, not of one rape but of ten"), nor one
of this case with a "but" after it ("not in this case but in another")."""
_SPLIT_WORDS = ("convict", "convicts", "convicted", "convicting", "conviction", "convictions", "guilty", "jailed",
                "jailing", "imprisoned", "sentenced", "sentencing", "sentence", "sentences", "imprisonment", "jail",
                "prison", "gaol", "locked", "banged", "caged", "incarcerated", "behind", "bars")
"""The one-word conviction words (each one `CONVICTION` matches whole) and the words of its custody and term phrases
("lock ed up", "a life sen tence", "in pri son", "be hind bars"), read joined when split."""
_SPLIT_SEPARATOR = r"(?:[^\S\n]|-\r?\n[^\S\n]*|[-.*_/\\|+~=^\u00b7\u2022\u2014]){1,3}"
_SPLIT = re.compile(r"(?<![^\W\d_])(?=[" + "".join(sorted({w[0] for w in _SPLIT_WORDS})) + r"])"  # a cheap test first
                    r"(?:" + "|".join(
    f"(?:{_SPLIT_SEPARATOR})?".join(word) for word in sorted(_SPLIT_WORDS, key=len, reverse=True)) +
    r")(?![^\W\d_])", re.IGNORECASE)
"""A word of `_SPLIT_WORDS` with its letters split by spaces, hyphens, dots, asterisks, underscores, slashes, bars
or the like, any mix of one to three of them at each split ("jai led", "con victed", "jai-led", "con*vic ted",
"con.victed", "con--victed", "con. victed"), or by a hyphen at a line break, the next line indented or not
("con-\\nvicted", "con-\\n    victed"). Not a comma, nor a
line break alone (two lines, each a word: a list)."""
_SEPARATOR = re.compile(_SPLIT_SEPARATOR)


def _split_words(text: str) -> set[int]:
    """The indexes of the separators in `text` of each conviction word split apart (`_SPLIT`), whose pieces are
    cased alike: all small, all capitals, or each capitalised ("Con Victed"), the first alone ("Sen tenced");
    not "jail Ed", a word and a name."""
    drop = set()
    for found in _SPLIT.finditer(text):
        pieces = _SEPARATOR.split(found.group())
        joined = "".join(pieces)
        if len(pieces) > 1 and (joined.islower() or joined.isupper() or joined.istitle()
                                or all(piece.istitle() for piece in pieces)):
            for m in _SEPARATOR.finditer(found.group()):
                drop.update(range(found.start() + m.start(), found.start() + m.end()))
    return drop


_SENTENCE_END = re.compile(r"[.!?\n]")
_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:and(?!\s+a\s+half\b)|but|then|later|subsequently|afterwards?|thereafter|eventually|ultimately|finally"
    r"|after\s+(?:which|that)|before\s+(?:being|he|she|they))\b", re.IGNORECASE)
"""Where a remand word stops qualifying custody: a conjunction or a word of what came next ("remanded in custody in
2015 and put behind bars in 2017", "held on remand, then locked up", "on remand until his trial, after which he was
locked up", "on remand, the men were finally locked up") starts a statement of its own, which may be a conviction
(`_REMAND` excuses custody only in its own clause); not the "and" of "four and a half years", nor a comma alone
("held on remand, awaiting trial, in Belmarsh"). "Before being", "before he": "held on remand before being locked up
for 12 years"; not "before trial", a remand word (`_REMAND`)."""
_AFTER = re.compile(r"\bafter\s+(?:[\w'-]+\s+){0,4}?\Z", re.IGNORECASE)
"""Before a remand word, "after" and a few words: a remand that is over ("after a year on remand, he was locked up
for 12 years"), which excuses no custody said after it."""
_HELD = re.compile(r"locked|banged|caged|incarcerated|\bput\s+(?:\w+\s+)?away|\bsent\s+(?:\w+\s+)?down|bars",
                   re.IGNORECASE)
"""The tabloid custody words, which may say what an abuser did to a victim (`_NO_PRISONER`, `_HELD_BY_ABUSER`)."""
_NO_PRISONER = re.compile(
    r"\b(?:" + _VICTIMS +
    # things: "the flat was locked up for the night", "the phones were put away"
    r"|doors?|gates?|house|houses|flats?|homes?|buildings?|premises|shops?|offices?|rooms?|propert(?:y|ies)|sites?|"
    r"cars?|vans?|phones?|laptops?|evidence|files?|records?|documents?|papers|money|cash|drugs|weapons?|knife|"
    r"knives|guns?|items?|belongings|toys)"
    r"(?:,[^,]{0,40},)?(?:\s+(?:who|that|which|had|have|has|was|were|is|are|been|being|\w+ly))*\s*\Z",
    re.IGNORECASE)
"""The subject of a tabloid custody word that is no prisoner: a victim ("the girls were locked up", "a girl, 13,
who was locked up") or a thing ("the flat was locked up"); not "the girl's abuser was locked up" (he is its
subject) nor "he" or "she" (either may be the accused)."""
_HELD_BY_ABUSER = re.compile(
    r"^(?:\s+(?!for\b|by\b|in\b)[\w-]+){0,2}?\s+(?:"
    r"by\s+(?!(?:the\s+|a\s+)?(?:judges?|court|jury|magistrates?|recorder|justice|sheriff|mr\s+justice)\b)"
    r"|for\s+(?:(?:a|an|one|two|three|four|five|six|seven|several|many|some|\d+)\s+)?(?:hours?|days?|nights?|weeks?|"
    r"weekends?)\b"
    r"|(?:in|inside|at)\s+(?:a|an|the|his|her|their|its|one)\s+(?:[\w-]+\s+)?(?:room|bedroom|house|flat|home|cellar|"
    r"basement|cupboard|car|van|shed|attic|loft|garage|toilet|bathroom|hotel|caravan|wardrobe|cage|kitchen|drawer|box|"
    r"bag)s?\b)",
    re.IGNORECASE)
"""After a tabloid custody word, what says an abuser held a victim: who held her ("by her abuser"; not "by the
judge"), for how short a time ("for days", "for three nights": a prison term is months or years), where ("in a
room", "in the flat"), right after it or two words on ("locked up alone in a room")."""


def _forms(pattern: str) -> tuple[str, ...]:
    """The top-level alternatives of a regular expression's text (split at each `|` outside brackets and
    classes): `"|".join` of them is the pattern again."""
    forms, depth, in_class, start, at = [], 0, False, 0, 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2  # an escaped character is never a bracket, a class or a bar
            continue
        if in_class:
            in_class = char != "]" or pattern[at - 1] == "["  # "[]...]": a first "]" is a member
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            forms.append(pattern[start:at])
            start = at + 1
        at += 1
    return (*forms, pattern[start:])


_CONVICTION_FORMS = tuple(re.compile(form, CONVICTION.flags) for form in _forms(CONVICTION.pattern))
"""`CONVICTION`'s alternatives, each compiled apart: `re` finds a form that starts with a word by scanning for that
word, which the forms joined cannot (searched one by one they take 60% of the time of `CONVICTION.search`)."""


def _conviction_hits(text: str):
    """The matches of `CONVICTION.finditer(text)`, found faster: the leftmost place where any of its forms matches
    is where `CONVICTION` next matches, and `CONVICTION.match` there chooses as the whole expression does."""
    nexts = [form.search(text) for form in _CONVICTION_FORMS]  # each form's next match (None: no more)
    at = 0
    while True:
        for index, found in enumerate(nexts):  # a form's match that starts before `at` is looked for again
            if found is not None and found.start() < at:
                nexts[index] = _CONVICTION_FORMS[index].search(text, at)
        starts = [found.start() for found in nexts if found is not None]
        if not starts:
            return
        hit = CONVICTION.match(text, min(starts))
        yield hit
        at = hit.end() if hit.end() > hit.start() else hit.end() + 1


class Wording(NamedTuple):
    """A conviction worded in a text: the words (`"Convicted"`) and their sentence, both as written."""

    words: str
    sentence: str


def conviction_wording(text: str | None, status: str | None) -> Wording | None:
    """The first words of `text` that state a conviction its `status` does not give; None when
    there are none (the status is not in `NOT_CONVICTED`, no conviction word, each one negated,
    reversed, of others or contrasted in its sentence, as the module docstring says).

    >>> conviction_wording("Convicted paedophile John Doe", "alleged").words
    'Convicted'
    >>> conviction_wording("Police did not comment; Fred Bloggs was jailed in 2019.", "alleged").words
    'jailed'
    >>> conviction_wording("No one was convicted", "alleged") is None
    True
    """
    if not text or status not in NOT_CONVICTED:
        return None
    return worded_as_conviction(text)


def worded_as_conviction(text: str) -> Wording | None:
    """The first words of `text` that state a conviction, whatever the record's status: `conviction_wording`
    without its status (`loaders.claim_wording.check_unbacked_convictions` asks it of a `reported` case whose
    outcomes give no conviction). None when there are none.

    >>> worded_as_conviction("Her abuser was convicted and jailed for 9 years.").words
    'convicted'
    """
    folded = fold(text)
    folded = folded.without(_split_words(folded.text))
    words = folded.text
    for hit in _conviction_hits(words):
        start = _sentence_start(words, hit.start())
        end = _SENTENCE_END.search(words, hit.end())
        sentence_end = end.start() if end else len(words)
        before = words[start:hit.start()]
        others = _OTHERS.search(before)
        after = words[hit.end():sentence_end]
        reversals = [r for r in _REVERSAL.finditer(words, start, sentence_end) if r.end() > hit.start()]
        failed = [r for r in reversals if _UNREVERSED.search(words, start, r.start())]
        clause = _clause(words, hit, start, sentence_end)
        if (((_NEGATED.search(before) or _NOT_GIVEN.search(before)) and not _UNTIL.match(after)
             and not failed)  # "failed to have it quashed"
                or _if_convicted(words, hit, *clause)
                or (others and (others["verb"] or _FINITE.match(hit.group())))
                or len(failed) < len(reversals)
                or _CONTRAST.match(after)
                or (_CUSTODY.search(hit.group()) and _on_remand(words, hit, *clause))
                or (_HELD.search(hit.group()) and (_NO_PRISONER.search(before) or _HELD_BY_ABUSER.match(after)))):
            continue
        return Wording(folded.original_span(*hit.span()), folded.original_span(start, sentence_end).strip())
    return None


def _clause(text: str, hit: re.Match, start: int, end: int) -> tuple[int, int]:
    """The (start, end) of the clause holding `hit` within the sentence `text[start:end]` (`_CLAUSE_BREAK`)."""
    breaks = [m for m in _CLAUSE_BREAK.finditer(text, start, end)]
    return (max((m.end() for m in breaks if m.end() <= hit.end()), default=start),  # "were finally locked up"
            min((m.start() for m in breaks if m.start() >= hit.end()), default=end))


def _if_convicted(text: str, hit: re.Match, start: int, end: int) -> bool:
    """Whether a condition on a verdict (`_IF_CONVICTED`) in the clause `text[start:end]` makes `hit` prospective:
    before it or holding it ("Should he be convicted, he will be jailed"), or after it with no comma between."""
    return any(condition.start() <= hit.start() or (condition.start() >= hit.end()
                                                  and "," not in text[hit.end():condition.start()])
               for condition in _IF_CONVICTED.finditer(text, start, end))


def _on_remand(text: str, hit: re.Match, start: int, end: int) -> bool:
    """Whether the clause `text[start:end]` says the custody of `hit` is on remand (`_REMAND`): a remand word in it
    that is no remand over before it ("after a year on remand, he was locked up": `_AFTER`)."""
    return any(remand.start() > hit.start() or not _AFTER.search(text, start, remand.start())
               for remand in _REMAND.finditer(text, start, end))


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `text[at]` starts."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0
