/*
name: outcomes-by-decade
title: Outcomes by decade
question: How did cases end (charged, convicted, cleared, no action...) in each decade, and do sources disagree on any?
parameters: {}
page: {limit: 100}
sort_lists: [case_ids]
*/
// The decade of a case is the decade of its first year; a case whose period is
// unknown is counted under `known: false`, never placed in a guessed decade.
// `contested` counts the row's case records whose period or number of cases sources disagree on
// (outcomes from several sources are their union, never contested).
// `case_ids` names at most the first 20 case records of a row (by id): `case_records` counts them all.
MATCH (c:CaseFile)
WITH c ORDER BY c.id
WITH c, CASE WHEN size(c.outcomes) = 0 THEN ['unknown'] ELSE c.outcomes END AS outcomes
UNWIND outcomes AS outcome
WITH c.year_start IS NOT NULL AS known, c.year_start - c.year_start % 10 AS decade, outcome,
     count(c) AS case_records, sum(c.cases_represented) AS cases, collect(c.id)[0..20] AS case_ids,
     sum(CASE WHEN 'period' IN c.contested_fields OR 'cases_represented' IN c.contested_fields THEN 1 ELSE 0 END)
       AS contested
WITH collect({known: known, decade: decade, outcome: outcome, case_records: case_records, cases: cases,
              case_ids: case_ids, contested: contested}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.known DESC, row.decade, row.outcome SKIP $offset LIMIT $limit
RETURN total, row.known AS known, row.decade AS decade, row.outcome AS outcome, row.case_records AS case_records,
       row.cases AS cases, row.case_ids AS case_ids, row.contested AS contested
ORDER BY known DESC, decade, outcome
