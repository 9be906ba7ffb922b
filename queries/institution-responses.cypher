/*
name: institution-responses
title: How institutions responded
question: For each institution or person who responded, what did they say, did they decline to comment, and which reviews did they commission?
parameters:
  include_restricted: {type: bool, default: false, description: include restricted statements}
page: {limit: 50}
sort_lists: [statement_types, commissioned, statements]
*/
// statement_count counts statement records (not their summaries, which repeat);
// `statements` lists the distinct summaries. Responders are found by the counts the build
// stored on them (`statements_made`, `public_statements_made`: `casegraph.schemas.aggregates.Responder`),
// by a range index seek per label (MADE_BY ends at a person or an institution), and paged
// before the page's statements and reviews are gathered: never every statement expanded.
// (LadybugDB, which has no index to seek, scans the counts: ladybug/institution-responses.cypher.)
CALL {
  MATCH (x:Institution) WHERE x.statements_made > 0 RETURN x
  UNION ALL
  MATCH (x:Person) WHERE x.statements_made > 0 RETURN x
}
WITH x, CASE WHEN $include_restricted THEN x.statements_made ELSE x.public_statements_made END AS statement_count
WHERE statement_count > 0
WITH collect({x: x, name: x.name, id: x.id, statement_count: statement_count}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.name, row.id SKIP $offset LIMIT $limit
WITH total, row.x AS x, row.statement_count AS statement_count
MATCH (s:Statement)-[m:MADE_BY]->(x)
WHERE (s.sensitivity = 'public' AND m.sensitivity = 'public') OR $include_restricted
WITH total, x, statement_count, collect(DISTINCT s.statement_type) AS statement_types,
     collect(DISTINCT s.summary) AS statements
OPTIONAL MATCH (r:Review)-[c:COMMISSIONED_BY]->(x)
WHERE (r.sensitivity = 'public' AND c.sensitivity = 'public') OR $include_restricted
WITH total, x, statement_count, statement_types, statements, collect(DISTINCT r.name) AS commissioned
RETURN total, x.id AS id, x.name AS responder,
       'declined-to-comment' IN statement_types AS declined_to_comment,
       statement_count, statement_types, commissioned, statements
ORDER BY responder, id
