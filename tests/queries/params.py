"""Sample parameters for every catalog query, on the London data (used by the parity tests)."""

SAMPLE_PARAMS: dict[str, list[dict]] = {
    "similar-cases": [
        {"case_id": "lambeth-2022-hotel-room"},
        {"case_id": "lewisham-2000-martin-malone", "include_restricted": True},
    ],
    "paths-between-cases": [
        {"from": "lewisham-2000-martin-malone", "to": "lewisham-2002-imperial-research", "max_hops": 3},
        {"from": "hillingdon-2000-2016-bellfield-group", "to": "hillingdon-2014-operation-baker", "max_hops": 2},
        {"from": "lewisham-2000-martin-malone", "to": "lewisham-2002-imperial-research", "hub_cases": 2},
        {"from": "lambeth-2022-hotel-room", "to": "lewisham-2000-martin-malone"},  # the newspaper's two cases: context
    ],
    "case-detail": [
        {"case_id": "newham-stratford-mcdonalds"},
        {"case_id": "croydon-2020-child-in-care", "include_restricted": True},
    ],
    "recurring-indicators": [{}, {"min_boroughs": 3}],
    "cross-borough-links": [{}, {"include_restricted": True}],
    "institution-responses": [{}],
    "status-history": [
        {"id": "redbridge-2011-child-sex-ring"},
        {"id": "hillingdon-2000-2016-bellfield-group", "include_restricted": True},
        {"id": "martin-malone"},
    ],
    "single-source-facts": [{}, {"include_restricted": True, "limit": 25}, {"reliability": "2"}],
    "contested-facts": [{}, {"include_restricted": True}],
}
