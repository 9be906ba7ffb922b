/*
name: neighbouring-patterns
title: Patterns shared by neighbouring boroughs
question: Which neighbouring boroughs have cases that show the same indicators?
parameters: {}
page: {limit: 50}
sort_lists: [shared_indicators]
*/
// Each borough's indicators are collected at build time (`case_indicator_ids`, from its cases'
// SHOWS links); a pair of neighbours shares the indicators both lists hold. Names are read
// for the page only.
MATCH (b:Borough)-[:NEIGHBOURS]-(n:Borough)
WHERE b.id < n.id
WITH DISTINCT b.id AS first, n.id AS second, b.case_indicator_ids AS mine, n.case_indicator_ids AS theirs
UNWIND mine AS indicator_id
WITH first, second, indicator_id, theirs
WHERE indicator_id IN theirs
WITH first, second, collect(indicator_id) AS shared
WITH collect({first: first, second: second, shared: shared}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY size(row.shared) DESC, row.first, row.second
     SKIP $offset LIMIT $limit
UNWIND row.shared AS indicator_id
MATCH (i:Indicator {id: indicator_id})
WITH total, row, collect(i.name) AS shared_indicators
MATCH (b1:Borough {id: row.first}), (b2:Borough {id: row.second})
RETURN total, b1.id AS borough_id, b1.name AS borough, b2.id AS neighbour_id, b2.name AS neighbour,
       size(row.shared) AS indicator_count, shared_indicators
ORDER BY indicator_count DESC, borough_id, neighbour_id
