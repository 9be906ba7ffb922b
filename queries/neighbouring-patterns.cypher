/*
name: neighbouring-patterns
title: Patterns shared by neighbouring boroughs
question: Which neighbouring boroughs have cases that show the same indicators?
parameters: {}
page: {limit: 50}
sort_lists: [shared_indicators]
*/
// Aggregate first, then join: each borough's indicators once (at most boroughs x
// indicators rows), then each (borough, indicator) meets its neighbours; a pair of
// neighbours shares an indicator when it is reached from both sides.
MATCH (b:Borough)<-[:IN_BOROUGH]-(:CaseFile)-[:SHOWS]->(i:Indicator)
WITH DISTINCT b, i
MATCH (b)-[:NEIGHBOURS]-(n:Borough)
WITH i, CASE WHEN b.id < n.id THEN b.id ELSE n.id END AS first,
     CASE WHEN b.id < n.id THEN n.id ELSE b.id END AS second, count(DISTINCT b) AS sides
WHERE sides = 2
WITH first, second, count(i) AS indicator_count, collect(i.name) AS shared_indicators
WITH collect({first: first, second: second, indicator_count: indicator_count,
              shared_indicators: shared_indicators}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.indicator_count DESC, row.first, row.second
     SKIP $offset LIMIT $limit
MATCH (b1:Borough {id: row.first}), (b2:Borough {id: row.second})
RETURN total, b1.id AS borough_id, b1.name AS borough, b2.id AS neighbour_id, b2.name AS neighbour,
       row.indicator_count AS indicator_count, row.shared_indicators AS shared_indicators
ORDER BY indicator_count DESC, borough_id, neighbour_id
