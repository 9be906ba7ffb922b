"""Word pools for the synthetic benchmark data: names, phrases, quotes.

Invariant: no word of `PSEUDONYMS` (the restricted names given to synthetic
victims and story characters) appears in any public pool here, nor in a
generated place or authority name (`geography.coin_name` refuses them), so a
generated dataset passes the loader's "no pseudonym in public text" check.
"""

from __future__ import annotations

__all__ = [
    "PSEUDONYMS", "FIRST_NAMES", "SURNAMES", "INDICATOR_WEIGHTS", "INDICATOR_QUOTES",
    "HEADLINES", "SUMMARY_OPENINGS", "SUMMARY_MIDDLES", "SUMMARY_ENDINGS", "PLACE_KINDS",
    "PERPETRATOR_GROUPS", "PERPETRATOR_INDIVIDUALS", "VICTIM_GROUPS", "NUMBER_WORDS",
    "NOTES", "FINDINGS", "RECOMMENDATIONS", "STATEMENT_SUMMARIES", "OUTCOME_SETS",
    "NAME_STEMS", "NAME_ENDINGS", "MEDIA_NAMES", "CHARITY_NAMES", "REVIEW_KINDS",
]

# Restricted names: victims' pseudonyms and story names (as in the London data:
# "Chloe", "Olivia", "Jamie", "Sylvia", "Tom"). Never used in public text.
PSEUDONYMS = (
    "Chloe", "Olivia", "Jamie", "Sylvia", "Amber", "Bethany", "Ruby", "Holly", "Kayleigh",
    "Tia", "Leah", "Shannon", "Demi", "Courtney", "Megan", "Jodie", "Paige", "Tegan",
    "Lacey", "Kirsty", "Nadia", "Aisha", "Zara", "Layla", "Maisie", "Ellie", "Keira",
    "Tom", "Callum", "Kyle", "Reece", "Jordan", "Liam", "Connor", "Ashton", "Brandon",
)

# Public people: officials, reviewers, journalists.
FIRST_NAMES = (
    "Margaret", "David", "Susan", "Peter", "Helen", "Richard", "Anne", "Michael", "Janet",
    "Andrew", "Patricia", "Stephen", "Gillian", "Robert", "Catherine", "Ian", "Elaine",
    "Graham", "Joanna", "Martin", "Fiona", "Simon", "Rachel", "Nigel", "Alison", "Kevin",
    "Priya", "Tariq", "Yasmin", "Imran", "Grace", "Samuel", "Naomi", "Oluwaseun", "Ifeoma",
)
SURNAMES = (
    "Hale", "Okafor", "Whitfield", "Ahmed", "Brennan", "Lockwood", "Patel", "Morrison",
    "Fairbairn", "Chowdhury", "Pemberton", "Nwosu", "Ashworth", "Kowalski", "Drummond",
    "Hargreaves", "Begum", "Sinclair", "Thornton", "Adeyemi", "Gallagher", "Rowntree",
    "Iqbal", "McAllister", "Penrose", "Oyelaran", "Blackwood", "Hussain", "Treharne", "Llewellyn",
)

# How often each indicator of data/reference/indicators.yaml shows, roughly
# as in the curated London cases (multiple perpetrators and alcohol or drugs
# most often; drugging or recruitment of other children rarely).
INDICATOR_WEIGHTS = {
    "missing-episodes": 9, "child-in-care": 7, "alcohol-or-drugs": 12, "drugging": 2,
    "older-men": 10, "multiple-perpetrators": 14, "group-based-offending": 6,
    "hotels-or-parties": 6, "filming-or-blackmail": 5, "pregnancy-or-sti": 6,
    "violence-or-threats": 6, "coercive-control": 6, "money-or-gifts": 5, "sold-for-sex": 3,
    "recruitment-of-other-children": 2, "school-approach": 4, "professionals-blamed-victim": 4,
    "disclosure-not-acted-on": 5, "concerns-dismissed": 3, "no-prosecution": 6, "death-of-child": 4,
}
INDICATOR_QUOTES = {
    "missing-episodes": ("went missing at least 20 times", "repeated missing episodes", "ran away from the home"),
    # in the sources' category wording, as London's public SHOWS: an individual's care history ("living in a
    # children's home", "died while in care") is refused by schemas/publication-safety.yaml's in-care rule
    "child-in-care": ("a child in care", "looked after by the council", "placed in supported accommodation"),
    "alcohol-or-drugs": ("given alcohol and drugs", "plied with vodka", "drug use"),
    "drugging": ("her drink was spiked", "drugged at a party"),
    "older-men": ("men in their 20s", "an older boyfriend", "relationships with older men"),
    "multiple-perpetrators": ("abused by several men", "passed between men", "raped by multiple men"),
    "group-based-offending": ("a gang of men", "an organised group", "a network of abusers"),
    "hotels-or-parties": ("taken to hotels", "parties at a flat", "found in a hotel room"),
    "filming-or-blackmail": ("the abuse was filmed", "threatened to share images", "used to blackmail her"),
    "pregnancy-or-sti": ("became pregnant", "diagnosed with an infection", "a miscarriage"),
    "violence-or-threats": ("threatened with a knife", "beaten and raped", "threats to her family"),
    "coercive-control": ("coercive control", "coerced into sex", "initiation tests"),
    "money-or-gifts": ("given cigarettes and money", "gifts and phone credit", "bought her clothes"),
    "sold-for-sex": ("sold to other men", "offered to men for money"),
    "recruitment-of-other-children": ("made to bring friends", "asked to introduce other girls"),
    "school-approach": ("approached outside school", "while truanting from school"),
    "professionals-blamed-victim": ("putting herself at risk", "making lifestyle choices", "difficult and defiant"),
    "disclosure-not-acted-on": ("no action was taken", "the disclosure was not recorded", "told police twice"),
    "concerns-dismissed": ("concerns were dismissed", "denied there was a problem"),
    "no-prosecution": ("no one was charged", "no further action", "never prosecuted"),
    "death-of-child": ("found dead", "the death of a child in care", "the review into her death"),
}

HEADLINES = (
    "girl groomed by older men", "children exploited by a gang", "girl missing repeatedly from care",
    "teenagers taken to parties", "girl abused after school", "child in care exploited",
    "girls plied with drugs and alcohol", "review after a child's death", "abuse reported, no prosecution",
    "girl found in a hotel room with men", "group of men targeted pupils", "council report on exploitation",
)
SUMMARY_OPENINGS = (
    "A girl was groomed by men who gave her alcohol and drugs and took her to flats and parties.",
    "Several children were targeted near a town centre by a group of men who offered lifts and gifts.",
    "A child in care went missing repeatedly and was found with adult men on several occasions.",
    "Pupils were approached near their school by men in cars who offered cigarettes and money.",
    "A teenager reported that she had been raped by several men she had met through an older boyfriend.",
    "A girl told a support worker that men had filmed the abuse and threatened to share the images.",
    "Children living in residential care were reported to have been taken to hotels by adult men.",
)
SUMMARY_MIDDLES = (
    "Professionals recorded concerns over several years but described her as making choices.",
    "Police were told on more than one occasion; the source reports that evidence was not kept.",
    "A council report later found that agencies had not shared what they knew.",
    "Agencies later recorded further harm in the restricted file.",
    "Other children were encouraged to come to the same address.",
    "The men were known to the police for offences against other children.",
    "A safeguarding review was commissioned after her death.",
)
SUMMARY_ENDINGS = (
    "No one was charged with sexual offences.",
    "Two men were later charged; the outcome is not reported.",
    "Several men were convicted at a crown court trial.",
    "The source does not report any outcome.",
    "The council says it has since changed how it responds to missing episodes.",
    "The investigation found the case in council documents.",
)
PLACE_KINDS = (
    ("park", "Park", 14), ("restaurant", "takeaway", 10), ("school", "School", 10),
    ("town-centre", "town centre", 12), ("district", "district", 10), ("home", "flat", 8),
    ("hotel", "Hotel", 10), ("transport", "bus station", 8), ("care-home", "children's home", 9),
    ("area", "estate", 7), ("other", "shopping centre", 2),
)
PERPETRATOR_GROUPS = (
    "Men based around {place}", "Gang of men in {area}", "Group of older men, {area}",
    "Men who ran parties in {area}", "Network of men, {area}", "Men in cars outside {place}",
)
PERPETRATOR_INDIVIDUALS = (
    "Man in his 20s", "Older boyfriend", "Taxi driver", "Man who ran a takeaway",
    "Man in his 30s", "Adult friend of the family",
)
VICTIM_GROUPS = (
    "{n} girls who reported abuse", "{n} children identified as victims",
    "{n} girls from a children's home", "{n} pupils targeted by the men",
)
NUMBER_WORDS = ("Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Twelve", "Fifteen")
NOTES = (
    "The year is the one in the source's heading; it does not say which event it dates.",
    "The source gives no year and no borough heading for this case.",
    "The outcome for the men is not reported.",
    "The source qualifies this with \"as far as we know\".",
)
FINDINGS = (
    "Agencies did not recognise the exploitation.", "Missing episodes were not followed up.",
    "Language used by professionals blamed the child.", "Information was not shared between agencies.",
    "The child's disclosures were not acted on.",
)
RECOMMENDATIONS = (
    "Train staff to recognise child sexual exploitation.", "Review how return interviews are done after missing episodes.",
    "Share intelligence on hotels with the police.", "Audit the language used in case records.",
    "Set up a multi-agency exploitation panel.", "Check placements of children in care out of area.",
)
STATEMENT_SUMMARIES = {
    "statement": "The {org} said it had accepted the review's findings and changed its practice.",
    "declined-to-comment": "The {org} declined to comment on the case.",
    "claim": "The {org} said it had no record of reports of group-based exploitation.",
    "criticism": "A campaigner criticised the {org}'s response to the case.",
    "publication": "The {org} published a report on exploitation in the area.",
}
OUTCOME_SETS = (
    (["no-action"], 10), (["not-prosecuted"], 8), (["charged"], 5), (["convicted"], 12),
    (["charged", "not-prosecuted"], 4), (["died"], 5), (["no-action", "died"], 3),
    (["unknown"], 20), (["under-investigation"], 5), (["cleared"], 2), (["not-applicable"], 3),
)
REVIEW_KINDS = (
    ("safeguarding-practice-review", "Child safeguarding practice review", 10),
    ("safeguarding-adult-review", "Safeguarding adult review", 2),
    ("council-report", "Council report on exploitation", 3),
    ("inspection", "Joint targeted area inspection", 1),
)

# Coined place and authority names: stems and endings (checked against PSEUDONYMS).
NAME_STEMS = (
    "Ash", "Brad", "Carl", "Dun", "Elm", "Fen", "Gran", "Hal", "Ips", "Kes", "Lang", "Mar",
    "Nor", "Old", "Pen", "Ro", "Sal", "Tan", "Ux", "Wen", "Yar", "Bex", "Cray", "Dal",
    "Ever", "Fal", "Glen", "Hart", "Ink", "Kil", "Lud", "Mel", "Nant", "Ock", "Pol", "Quen",
    "Rad", "Sten", "Thorn", "Ul", "Ver", "Wal", "Ab", "Brom", "Chad", "Derw", "Esk", "Frod",
    "Gos", "Hen", "Kirk", "Lyd", "Mon", "Nethe", "Ost", "Pres", "Rush", "Sef", "Tod", "Wym",
)
NAME_ENDINGS = (
    "ford", "ham", "ley", "ton", "wick", "by", "field", "bury", "mouth", "stead", "worth",
    "minster", "bridge", "dale", "moor", "hurst", "combe", "thorpe", "well", "caster",
)
MEDIA_NAMES = (
    "Northern Courier", "Evening Chronicle", "Western Herald", "Valley Gazette", "Daily Observer",
    "County Post", "Midland Echo", "Coastal Times", "Metro Record", "Borders Press",
)
CHARITY_NAMES = (
    "Safe Futures", "Young Voices Trust", "Children First Network", "Harbour Project",
    "Open Door Youth", "Lighthouse Support", "Compass Children's Charity", "Haven Trust",
)
