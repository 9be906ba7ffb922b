/*
name: institution-responses
title: How institutions responded
question: For each institution or person who responded, what did they say, did they decline to comment, and which reviews did they commission?
parameters:
  include_restricted: {type: bool, default: false, description: include restricted statements}
sort_lists: [statement_types, commissioned, statements]
*/
MATCH (s:Statement)-[:MADE_BY]->(x)
WHERE s.sensitivity = 'public' OR $include_restricted
WITH x, collect(DISTINCT s.statement_type) AS statement_types, collect(DISTINCT s.summary) AS statements
OPTIONAL MATCH (r:Review)-[:COMMISSIONED_BY]->(x)
WITH x, statement_types, statements, collect(DISTINCT r.name) AS commissioned
RETURN x.id AS id, x.name AS responder,
       'declined-to-comment' IN statement_types AS declined_to_comment,
       size(statements) AS statement_count, statement_types, commissioned, statements
ORDER BY responder
