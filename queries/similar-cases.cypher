/*
name: similar-cases
title: Cases similar to a given case
question: Which cases share indicators, places, people or institutions with this case, and how many?
parameters:
  case_id: {type: string, node: CaseFile, required: true, description: id of the case}
  include_restricted: {type: bool, default: false, description: name restricted people (victims) in the answer}
sort_lists: [indicators, places, people, institutions]
*/
MATCH (c:CaseFile {id: $case_id}), (o:CaseFile)
WHERE o.id <> c.id
OPTIONAL MATCH (c)-[:SHOWS]->(i:Indicator)<-[:SHOWS]-(o)
WITH c, o, collect(DISTINCT i.name) AS indicators
OPTIONAL MATCH (c)-[:AT_PLACE]->(pl:Place)<-[:AT_PLACE]-(o)
WITH c, o, indicators, collect(DISTINCT pl.name) AS places
OPTIONAL MATCH (c)-[:INVOLVES]->(p:Person)<-[:INVOLVES]-(o)
WHERE p.sensitivity = 'public' OR $include_restricted
WITH c, o, indicators, places, collect(DISTINCT p.name) AS people
OPTIONAL MATCH (c)-[:INVOLVES]->(inst:Institution)<-[:INVOLVES]-(o)
WITH o, indicators, places, people, collect(DISTINCT inst.name) AS institutions
WITH o, indicators, places, people, institutions,
     size(indicators) + size(places) + size(people) + size(institutions) AS shared
WHERE shared > 0
RETURN o.id AS case_id, o.title AS title, o.period AS period, shared,
       indicators, places, people, institutions
ORDER BY shared DESC, case_id
