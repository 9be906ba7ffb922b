/*
name: cases-by-borough
title: Cases by borough
question: How many cases does each borough have, in which periods, and is any attribution inferred?
parameters: {}
sort_lists: [periods]
*/
MATCH (c:CaseFile)-[r:IN_BOROUGH]->(b:Borough)
RETURN b.id AS borough, b.name AS name, b.inner_outer AS inner_outer,
       count(c) AS case_records, sum(c.cases_represented) AS cases,
       collect(DISTINCT c.period) AS periods,
       sum(CASE WHEN r.status = 'inferred' THEN 1 ELSE 0 END) AS inferred
ORDER BY cases DESC, borough
