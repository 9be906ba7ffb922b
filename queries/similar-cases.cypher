/*
name: similar-cases
title: Cases similar to a given case
question: Which cases share the most telling indicators, places, people or institutions with this case, and what do they share?
parameters:
  case_id: {type: string, required: true, description: id of the case}
  include_restricted: {type: bool, default: false, description: compare on restricted people (victims) too and name them}
page: {limit: 20}
sort_lists: [indicators, places, people, institutions]
*/
// Ranked by rarity: each shared indicator, place, person or institution weighs
// log10(cases / cases linked to it) (inverse document frequency), so a person two
// cases share says more than an indicator 20,000 cases show. `score` is the sum of
// the weights, `shared` the number of shared records (ids, not names). Scores are
// aggregated first; what a case shares is gathered for the page only.
MATCH (every:CaseFile)
WITH count(every) AS case_total
MATCH (c:CaseFile {id: $case_id})-[:SHOWS|AT_PLACE|INVOLVES]->(f)
WHERE f.sensitivity = 'public' OR $include_restricted
WITH DISTINCT case_total, c, f
WITH case_total, c, f, COUNT { MATCH (f)<-[:SHOWS|AT_PLACE|INVOLVES]-(:CaseFile) } AS linked
MATCH (f)<-[:SHOWS|AT_PLACE|INVOLVES]-(o:CaseFile)
WHERE o.id <> c.id
WITH DISTINCT c, f, log10(case_total * 1.0 / linked) AS weight, o.id AS other
WITH c, other, round(sum(weight), 6) AS score, count(*) AS shared
WITH c, collect({other: other, score: score, shared: shared}) AS found
UNWIND found AS row
WITH c, size(found) AS total, row ORDER BY row.score DESC, row.other SKIP $offset LIMIT $limit
MATCH (o:CaseFile {id: row.other})
OPTIONAL MATCH (c)-[:SHOWS]->(i:Indicator)<-[:SHOWS]-(o)
WHERE i.sensitivity = 'public' OR $include_restricted
WITH c, o, total, row, collect(DISTINCT CASE WHEN i IS NULL THEN NULL ELSE {id: i.id, name: i.name} END) AS indicators
OPTIONAL MATCH (c)-[:AT_PLACE]->(pl:Place)<-[:AT_PLACE]-(o)
WHERE pl.sensitivity = 'public' OR $include_restricted
WITH c, o, total, row, indicators, collect(DISTINCT CASE WHEN pl IS NULL THEN NULL ELSE {id: pl.id, name: pl.name} END) AS places
OPTIONAL MATCH (c)-[:INVOLVES]->(p:Person)<-[:INVOLVES]-(o)
WHERE p.sensitivity = 'public' OR $include_restricted
WITH c, o, total, row, indicators, places, collect(DISTINCT CASE WHEN p IS NULL THEN NULL ELSE {id: p.id, name: p.name} END) AS people
OPTIONAL MATCH (c)-[:INVOLVES]->(inst:Institution)<-[:INVOLVES]-(o)
WHERE inst.sensitivity = 'public' OR $include_restricted
WITH o, total, row, indicators, places, people, collect(DISTINCT CASE WHEN inst IS NULL THEN NULL ELSE {id: inst.id, name: inst.name} END) AS institutions
RETURN total, o.id AS case_id, o.title AS title, o.period AS period, round(row.score, 3) AS score,
       row.shared AS shared, indicators, places, people, institutions
ORDER BY score DESC, case_id
