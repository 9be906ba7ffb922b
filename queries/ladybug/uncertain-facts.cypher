// The rule of the common text, read as the build filed it: each qualifying case under `uncertain:<rank>`
// (`FiledFact`; LadybugDB has no index to seek a range of ranks), then the case by its primary key,
// so a page is two lookups per row, never a scan of every case.
// (`CAST`: LadybugDB types a small parameter as INT8, so `$offset + $limit` could overflow.)
UNWIND range(CAST($offset AS INT64), CAST($offset AS INT64) + $limit - 1) AS rank
MATCH (f:FiledFact {key: 'uncertain:' + CAST(rank AS STRING)})
MATCH (c:CaseFile {id: f.id})
RETURN f.total AS total, c.id AS case_id, c.title AS title, c.period AS period,
       c.described_individually AS described_individually, c.inferred_link_texts AS inferred,
       list_concat(c.citation_handling, c.inferred_link_handling) AS citation_handling
ORDER BY case_id
