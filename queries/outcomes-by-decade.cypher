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
// `contested` counts the row's case records whose period, number of cases or outcomes sources disagree
// on (a case whose sources give different outcomes is counted under the outcomes shown).
// `case_ids` names at most the first 20 case records of a row (by id): `case_records` counts them all.
// The rows are counted at build time (`casegraph.schemas.aggregates.OutcomeRows`), each stored on the
// case that heads it (the first of the row, by id): the few heads are found by a range index seek
// and their rows listed, never every case grouped on every call. Each head's `outcome_row_case_ids`
// holds its rows' ids one row after the other (at most 20 each).
// (LadybugDB, which has no index to seek, scans for the heads: ladybug/outcomes-by-decade.cypher.)
MATCH (c:CaseFile)
WHERE c.outcome_rows > 0
WITH c, c.outcome_row_case_records AS records
UNWIND range(0, c.outcome_rows - 1) AS i
WITH c, records, i, reduce(first = 0, j IN range(0, i - 1) | first + CASE WHEN records[j] < 20 THEN records[j] ELSE 20 END)
     AS first
WITH c.year_start IS NOT NULL AS known, c.year_start - c.year_start % 10 AS decade, c.outcome_row_outcomes[i] AS outcome,
     records[i] AS case_records, c.outcome_row_cases[i] AS cases,
     c.outcome_row_case_ids[first..first + CASE WHEN records[i] < 20 THEN records[i] ELSE 20 END] AS case_ids,
     c.outcome_row_contested[i] AS contested
WITH collect({known: known, decade: decade, outcome: outcome, case_records: case_records, cases: cases,
              case_ids: case_ids, contested: contested}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.known DESC, row.decade, row.outcome SKIP $offset LIMIT $limit
RETURN total, row.known AS known, row.decade AS decade, row.outcome AS outcome, row.case_records AS case_records,
       row.cases AS cases, row.case_ids AS case_ids, row.contested AS contested
ORDER BY known DESC, decade, outcome
