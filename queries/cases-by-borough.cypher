/*
name: cases-by-borough
title: Cases by borough
question: How many cases does each borough have, in which periods, and is any attribution inferred?
parameters: {}
page: {limit: 50}
sort_lists: [periods]
*/
MATCH (c:CaseFile)-[r:IN_BOROUGH]->(b:Borough)
WITH b, count(c) AS case_records, sum(c.cases_represented) AS cases,
     collect(DISTINCT c.period) AS periods,
     sum(CASE WHEN r.status = 'inferred' THEN 1 ELSE 0 END) AS inferred
WITH collect({borough: b.id, name: b.name, inner_outer: b.inner_outer, case_records: case_records,
              cases: cases, periods: periods, inferred: inferred}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.cases DESC, row.borough SKIP $offset LIMIT $limit
RETURN total, row.borough AS borough, row.name AS name, row.inner_outer AS inner_outer,
       row.case_records AS case_records, row.cases AS cases, row.periods AS periods, row.inferred AS inferred
ORDER BY cases DESC, borough
