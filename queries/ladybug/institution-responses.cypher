// The common text's answer, the statements counted here (the common, Neo4j, text reads the counts the build
// stored, `Responder`, by index; LadybugDB has none), grouped and joined on ids (grouping on nodes, or count(DISTINCT)
// of 40,000 statements, is several times slower there).
MATCH (s:Statement)-[:MADE_BY]->(x)
WHERE s.sensitivity = 'public' OR $include_restricted
WITH DISTINCT s, x  // a statement counts once, whatever roles it names its maker in
WITH x.id AS id, x.name AS name, count(*) AS statement_count
WITH collect({id: id, name: name, statement_count: statement_count}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.name, row.id SKIP $offset LIMIT $limit
WITH total, row.id AS id, row.name AS name, row.statement_count AS statement_count
MATCH (s:Statement)-[:MADE_BY]->(x)
WHERE x.id = id AND (s.sensitivity = 'public' OR $include_restricted)
WITH total, id, name, statement_count, collect(DISTINCT s.statement_type) AS statement_types,
     collect(DISTINCT s.summary) AS statements
OPTIONAL MATCH (r:Review)-[:COMMISSIONED_BY]->(x)
WHERE x.id = id
WITH total, id, name, statement_count, statement_types, statements, collect(DISTINCT r.name) AS commissioned
RETURN total, id, name AS responder,
       'declined-to-comment' IN statement_types AS declined_to_comment,
       statement_count, statement_types, commissioned, statements
ORDER BY responder, id
