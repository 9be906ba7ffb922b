/*
name: case-count
title: Cases claimed, represented and described
question: How many cases does each investigation claim, how many do its case records stand for, and how many are described individually?
parameters: {}
page: {limit: 50}
*/
// Page the investigations first, then count each one's cases (aggregate the page, not the whole graph).
MATCH (inv:Investigation)
WHERE inv.cases_claimed IS NOT NULL
WITH collect(inv.id) AS found
UNWIND found AS investigation_id
WITH size(found) AS total, investigation_id ORDER BY investigation_id SKIP $offset LIMIT $limit
MATCH (inv:Investigation)
WHERE inv.id = investigation_id
OPTIONAL MATCH (inv)-[:EXAMINED]->(c:CaseFile)
RETURN total, inv.id AS investigation, inv.name AS name, inv.cases_claimed AS claimed,
       count(c) AS case_records, sum(c.cases_represented) AS represented,
       sum(CASE WHEN c.described_individually THEN 1 ELSE 0 END) AS described_individually
ORDER BY investigation
