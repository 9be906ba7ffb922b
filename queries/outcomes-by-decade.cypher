/*
name: outcomes-by-decade
title: Outcomes by decade
question: How did cases end (charged, convicted, cleared, no action...) in each decade?
parameters: {}
sort_lists: [case_ids]
*/
// The decade of a case is the decade of its first year; a case whose period is
// unknown is counted under `known: false`, never placed in a guessed decade.
MATCH (c:CaseFile)
WITH c, CASE WHEN size(c.outcomes) = 0 THEN ['unknown'] ELSE c.outcomes END AS outcomes
UNWIND outcomes AS outcome
RETURN c.year_start IS NOT NULL AS known,
       c.year_start - c.year_start % 10 AS decade,
       outcome, count(c) AS case_records, sum(c.cases_represented) AS cases,
       collect(c.id) AS case_ids
ORDER BY known DESC, decade, outcome
