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
// `statements` lists the distinct summaries. Responders are counted and paged in one
// pass over the statements, before the page's statements and reviews are gathered.
MATCH (s:Statement)-[:MADE_BY]->(x)
WHERE s.sensitivity = 'public' OR $include_restricted
WITH x, count(DISTINCT s) AS statement_count
WITH collect({x: x, name: x.name, id: x.id, statement_count: statement_count}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.name, row.id SKIP $offset LIMIT $limit
WITH total, row.x AS x, row.statement_count AS statement_count
MATCH (s:Statement)-[:MADE_BY]->(x)
WHERE s.sensitivity = 'public' OR $include_restricted
WITH total, x, statement_count, collect(DISTINCT s.statement_type) AS statement_types,
     collect(DISTINCT s.summary) AS statements
OPTIONAL MATCH (r:Review)-[:COMMISSIONED_BY]->(x)
WITH total, x, statement_count, statement_types, statements, collect(DISTINCT r.name) AS commissioned
RETURN total, x.id AS id, x.name AS responder,
       'declined-to-comment' IN statement_types AS declined_to_comment,
       statement_count, statement_types, commissioned, statements
ORDER BY responder, id
