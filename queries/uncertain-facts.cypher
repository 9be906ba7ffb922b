/*
name: uncertain-facts
title: Cases with unknown or inferred facts
question: Which cases have an unknown period, facts casegraph inferred, or no individual detail in the source?
parameters: {}
page: {limit: 50}
sort_lists: [inferred]
*/
// Which cases qualify is decided at build time, on the case alone: its own fields and its
// inferred links (`inferred_links`); each qualifying case has its place by id (`uncertain_rank`)
// and the answer's length (`uncertain_total`), so a page is a range of ranks (a range index
// seek in Neo4j), never a scan of every case. What was inferred is spelled out for the page only.
MATCH (c:CaseFile)
WHERE c.uncertain_rank >= $offset AND c.uncertain_rank < $offset + $limit
WITH c.uncertain_total AS total, c
OPTIONAL MATCH (c)-[r]->(x)
WHERE r.status = 'inferred' AND x.sensitivity = 'public'
WITH total, c, collect(DISTINCT CASE WHEN r IS NULL THEN NULL ELSE x.name + ': ' + r.basis END) AS direct
OPTIONAL MATCH (c)-[:AT_PLACE]->(pl:Place)-[r2:PLACE_IN]->(b:Borough)
WHERE r2.status = 'inferred'
WITH total, c, direct,
     collect(DISTINCT CASE WHEN r2 IS NULL THEN NULL ELSE pl.name + ' in ' + b.name + ': ' + r2.basis END) AS via_places
RETURN total, c.id AS case_id, c.title AS title, c.period AS period,
       c.described_individually AS described_individually, direct + via_places AS inferred
ORDER BY case_id
