/*
name: neighbouring-patterns
title: Patterns shared by neighbouring boroughs
question: Which neighbouring boroughs have cases that show the same indicators?
parameters: {}
sort_lists: [shared_indicators]
*/
MATCH (b1:Borough)-[:NEIGHBOURS]-(b2:Borough)
WHERE b1.id < b2.id
MATCH (b1)<-[:IN_BOROUGH]-(c1:CaseFile)-[:SHOWS]->(i:Indicator)<-[:SHOWS]-(c2:CaseFile)-[:IN_BOROUGH]->(b2)
RETURN b1.name AS borough, b2.name AS neighbour, count(DISTINCT i) AS indicator_count,
       collect(DISTINCT i.name) AS shared_indicators
ORDER BY indicator_count DESC, borough, neighbour
