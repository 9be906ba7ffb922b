// The rows the common (Neo4j) text reads from the cases heading them (`OutcomeRows`), computed here
// from every case (LadybugDB has no index to seek the heads by), with LadybugDB's list functions: it keeps no order through
// collect (so the ids are sorted after), and its list ranges count from 1, inclusive.
MATCH (c:CaseFile)
WITH c, CASE WHEN size(c.outcomes) = 0 THEN ['unknown'] ELSE c.outcomes END AS outcomes
UNWIND outcomes AS outcome
WITH c.year_start IS NOT NULL AS known, c.year_start - c.year_start % 10 AS decade, outcome,
     count(c) AS case_records, sum(c.cases_represented) AS cases, list_sort(collect(c.id))[1..20] AS case_ids,
     sum(CASE WHEN list_contains(c.contested_fields, 'period') OR list_contains(c.contested_fields, 'cases_represented')
              THEN 1 ELSE 0 END) AS contested
WITH collect({known: known, decade: decade, outcome: outcome, case_records: case_records, cases: cases,
              case_ids: case_ids, contested: contested}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.known DESC, row.decade, row.outcome SKIP $offset LIMIT $limit
RETURN total, row.known AS known, row.decade AS decade, row.outcome AS outcome, row.case_records AS case_records,
       row.cases AS cases, row.case_ids AS case_ids, row.contested AS contested
ORDER BY known DESC, decade, outcome
