/*
name: uncertain-facts
title: Cases with unknown or inferred facts
question: Which cases have an unknown period, facts casegraph inferred, or no individual detail in the source?
parameters: {}
sort_lists: [inferred]
*/
MATCH (c:CaseFile)
OPTIONAL MATCH (c)-[r]->(x)
WHERE r.status = 'inferred' AND x.sensitivity = 'public'
WITH c, collect(DISTINCT CASE WHEN r IS NULL THEN NULL ELSE x.name + ': ' + r.basis END) AS direct
OPTIONAL MATCH (c)-[:AT_PLACE]->(pl:Place)-[r2:PLACE_IN]->(b:Borough)
WHERE r2.status = 'inferred'
WITH c, direct, collect(DISTINCT CASE WHEN r2 IS NULL THEN NULL ELSE pl.name + ' in ' + b.name + ': ' + r2.basis END) AS via_places
WITH c, direct + via_places AS inferred
WHERE c.year_start IS NULL OR c.status = 'inferred' OR size(inferred) > 0
   OR NOT c.described_individually
RETURN c.id AS case_id, c.title AS title, c.period AS period,
       c.described_individually AS described_individually, inferred
ORDER BY case_id
