/*
name: uncertain-facts
title: Cases with unknown or inferred facts
question: Which cases have an unknown period, facts casegraph inferred, or no individual detail in the source?
parameters: {}
page: {limit: 50}
sort_lists: [inferred]
*/
// Which cases qualify is decided first, on the case alone: its own fields, and its inferred
// links counted at build time (`inferred_links`); what was inferred is spelled out for the page only.
MATCH (c:CaseFile)
WHERE c.year_start IS NULL OR c.status = 'inferred' OR NOT c.described_individually OR c.inferred_links > 0
WITH collect(c.id) AS found
UNWIND found AS case_id
WITH size(found) AS total, case_id ORDER BY case_id SKIP $offset LIMIT $limit
MATCH (c:CaseFile)
WHERE c.id = case_id
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
