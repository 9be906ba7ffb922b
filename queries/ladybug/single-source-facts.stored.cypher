// The public answer without a grade filter (the common call), as the build filed it: each row at its
// rank under `single_source:<rank>` (`FiledFact`; LadybugDB has no index to seek a range of ranks on the
// facts themselves), so a page is one primary-key lookup per row, never a scan of the graph.
// (`CAST`: LadybugDB types a small parameter as INT8, so `$offset + $limit` could overflow.)
// The parameters the stored order is for are checked again here, so this text alone never answers another call.
UNWIND range(CAST($offset AS INT64), CAST($offset AS INT64) + $limit - 1) AS rank
MATCH (f:FiledFact {key: 'single_source:' + CAST(rank AS STRING)})
WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
RETURN f.fact AS fact, f.id AS id, f.name AS name, f.status AS status, f.sources AS sources,
       f.citation_handling AS citation_handling, f.total AS total
ORDER BY fact, id
