// The common text with LadybugDB's multi-label pattern: responders found by the counts the build
// stored on them (`Responder`; a column scan of people and institutions, LadybugDB having no index
// to seek), grouped and paged on ids, then the page's statements and reviews read from each
// responder (joining the page back on ids, or counting 40,000 statements, is several times slower there).
MATCH (x:Institution:Person)
WHERE x.statements_made > 0
WITH x.id AS id, x.name AS name,
     CASE WHEN $include_restricted THEN x.statements_made ELSE x.public_statements_made END AS statement_count
WHERE statement_count > 0
WITH collect({id: id, name: name, statement_count: statement_count}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.name, row.id SKIP $offset LIMIT $limit
WITH total, row.id AS id, row.name AS name, row.statement_count AS statement_count
MATCH (x:Institution:Person {id: id})<-[m:MADE_BY]-(s:Statement)
WHERE (s.sensitivity = 'public' AND m.sensitivity = 'public') OR $include_restricted
WITH total, x, id, name, statement_count, collect(DISTINCT s.statement_type) AS statement_types,
     collect(DISTINCT s.summary) AS statements
OPTIONAL MATCH (x)<-[c:COMMISSIONED_BY]-(r:Review)
WHERE (r.sensitivity = 'public' AND c.sensitivity = 'public') OR $include_restricted
WITH total, id, name, statement_count, statement_types, statements, collect(DISTINCT r.name) AS commissioned
RETURN total, id, name AS responder,
       'declined-to-comment' IN statement_types AS declined_to_comment,
       statement_count, statement_types, commissioned, statements
ORDER BY responder, id
