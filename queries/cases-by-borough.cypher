/*
name: cases-by-borough
title: Cases by borough
question: How many cases does each borough have, in which periods, and is any attribution inferred or contested?
parameters: {}
page: {limit: 50}
sort_lists: [periods]
*/
// Counted at build time (`casegraph.graph.aggregates`: the borough's IN_BOROUGH links from
// cases, the cases they stand for, their periods, the inferred links, the case records whose link, period
// or number of cases sources disagree on), so no case is read here.
MATCH (b:Borough)
WHERE b.case_records > 0
WITH collect({borough: b.id, name: b.name, inner_outer: b.inner_outer, case_records: b.case_records,
              cases: b.case_count, periods: b.case_periods, inferred: b.inferred_case_links,
              contested: b.contested_case_records}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.cases DESC, row.borough SKIP $offset LIMIT $limit
RETURN total, row.borough AS borough, row.name AS name, row.inner_outer AS inner_outer,
       row.case_records AS case_records, row.cases AS cases, row.periods AS periods, row.inferred AS inferred,
       row.contested AS contested
ORDER BY cases DESC, borough
