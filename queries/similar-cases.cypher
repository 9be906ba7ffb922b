/*
name: similar-cases
title: Cases similar to a given case
question: Which cases share the most telling indicators, places, people or institutions with this case, and what do they share?
parameters:
  case_id: {type: string, node: CaseFile, required: true, description: id of the case}
  include_restricted: {type: bool, default: false, description: compare on restricted people (victims) too and name them}
  hub_cases: {type: int, default: 100, minimum: 1, description: "a record linked to more cases than this (an indicator 20,000 cases show) proposes no similar case by itself; it still adds its weight"}
page: {limit: 20}
sort_lists: [indicators, places, people, institutions]
*/
// Ranked by rarity: each shared indicator, place, person or institution weighs
// log10(cases / cases linked to it) (inverse document frequency; the links are counted at
// build time, `case_links`), so a person two cases share says more than an indicator 20,000
// cases show. `score` is the sum of the weights, `shared` the number of shared records (ids,
// not names). Candidates are the cases that share a record linked to at most $hub_cases
// cases (analysis.similarity's HUB_CASES: the same approximation, exact on smaller graphs);
// every record a candidate shares counts in its score.
MATCH (every:CaseFile)
WITH count(every) AS case_total
MATCH (c:CaseFile {id: $case_id})-[r0:SHOWS|AT_PLACE|INVOLVES]->(f)
WHERE (f.sensitivity = 'public' AND r0.sensitivity = 'public') OR $include_restricted
WITH case_total, c, collect(DISTINCT f.id) AS features
// Candidates through any link (a restricted one proposes, never counts: what follows reads only the
// case's public links, `features`, and the candidate's public links to them); the links' sensitivity is
// read after the join, in a WITH: in the join's WHERE, LadybugDB 0.22 scanned every case's links (5-15 s at
// 100,000 cases against 20-30 ms; BENCHMARKS.md). A restricted candidate is left out once scored.
MATCH (c)-[:SHOWS|AT_PLACE|INVOLVES]->(f)<-[:SHOWS|AT_PLACE|INVOLVES]-(o:CaseFile)
WHERE f.case_links <= $hub_cases AND (f.sensitivity = 'public' OR $include_restricted) AND o.id <> c.id
WITH DISTINCT case_total, features, o
MATCH (o)-[r3:SHOWS|AT_PLACE|INVOLVES]->(g)
WHERE g.id IN features
WITH DISTINCT case_total, o, g, r3.sensitivity AS linked
WHERE linked = 'public' OR $include_restricted
WITH DISTINCT case_total, o, g
WITH o, round(sum(log10(case_total * 1.0 / g.case_links)), 6) AS score, count(*) AS shared,
     collect(CASE WHEN g:Indicator THEN {id: g.id, name: g.name} END) AS indicators,
     collect(CASE WHEN g:Place THEN {id: g.id, name: g.name} END) AS places,
     collect(CASE WHEN g:Person THEN {id: g.id, name: g.name} END) AS people,
     collect(CASE WHEN g:Institution THEN {id: g.id, name: g.name} END) AS institutions
WHERE o.sensitivity = 'public' OR $include_restricted
WITH collect({case_id: o.id, title: o.title, period: o.period, score: score, shared: shared,
              indicators: indicators, places: places, people: people, institutions: institutions}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.score DESC, row.case_id SKIP $offset LIMIT $limit
RETURN total, row.case_id AS case_id, row.title AS title, row.period AS period, round(row.score, 3) AS score,
       row.shared AS shared, row.indicators AS indicators, row.places AS places, row.people AS people,
       row.institutions AS institutions
ORDER BY score DESC, case_id
