/*
name: case-count
title: Cases claimed, represented and described
question: How many cases does each investigation claim, how many do its case records stand for, and how many are described individually?
parameters: {}
*/
MATCH (inv:Investigation)
WHERE inv.cases_claimed IS NOT NULL
OPTIONAL MATCH (inv)-[:EXAMINED]->(c:CaseFile)
RETURN inv.id AS investigation, inv.name AS name, inv.cases_claimed AS claimed,
       count(c) AS case_records, sum(c.cases_represented) AS represented,
       sum(CASE WHEN c.described_individually THEN 1 ELSE 0 END) AS described_individually
ORDER BY investigation
