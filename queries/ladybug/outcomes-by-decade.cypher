// The common text with LadybugDB's list functions (lists count from 1, slices are inclusive): the rows
// the build filed on the cases heading them (`OutcomeRows`), found by a scan of one column of the
// cases (LadybugDB has no index to seek), never every case grouped on every call.
MATCH (c:CaseFile)
WHERE c.outcome_rows > 0
UNWIND range(1, c.outcome_rows) AS i
WITH c, i, c.outcome_row_case_records AS records,
     coalesce(list_sum(list_transform(list_slice(c.outcome_row_case_records, 1, i - 1),
                                      n -> CASE WHEN n < 20 THEN n ELSE 20 END)), 0) AS first
WITH c.year_start IS NOT NULL AS known, c.year_start - c.year_start % 10 AS decade, c.outcome_row_outcomes[i] AS outcome,
     records[i] AS case_records, c.outcome_row_cases[i] AS cases,
     list_slice(c.outcome_row_case_ids, first + 1, first + CASE WHEN records[i] < 20 THEN records[i] ELSE 20 END) AS case_ids,
     c.outcome_row_contested[i] AS contested
WITH collect({known: known, decade: decade, outcome: outcome, case_records: case_records, cases: cases,
              case_ids: case_ids, contested: contested}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.known DESC, row.decade, row.outcome SKIP $offset LIMIT $limit
RETURN total, row.known AS known, row.decade AS decade, row.outcome AS outcome, row.case_records AS case_records,
       row.cases AS cases, row.case_ids AS case_ids, row.contested AS contested
ORDER BY known DESC, decade, outcome
