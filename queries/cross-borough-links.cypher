/*
name: cross-borough-links
title: People and places linked to more than one borough
question: Which people and places are linked to more than one borough, through cases, activity or location?
parameters:
  include_restricted: {type: bool, default: false, description: include restricted people (victims)}
page: {limit: 50}
sort_lists: [boroughs, borough_ids]
*/
// Boroughs are counted by id and named for reading. A person in one case and active
// nowhere reaches two boroughs only through that case: the others are expanded.
MATCH (p:Person)
WHERE (p.sensitivity = 'public' OR $include_restricted)
  AND (COUNT { MATCH (p)-[:INVOLVES|ACTIVE_IN]-() } > 1
       OR COUNT { MATCH (p)<-[:INVOLVES]-(:CaseFile)-[:IN_BOROUGH]->(:Borough) } > 1)
OPTIONAL MATCH (p)<-[:INVOLVES]-(:CaseFile)-[:IN_BOROUGH]->(b:Borough)
WITH p, collect(DISTINCT b) AS via_cases
OPTIONAL MATCH (p)-[:ACTIVE_IN]->(b:Borough)
WITH p, via_cases, collect(DISTINCT b) AS direct
OPTIONAL MATCH (p)-[:ACTIVE_IN]->(:Place)-[:PLACE_IN]->(b:Borough)
WITH p, via_cases, direct, collect(DISTINCT b) AS via_places
UNWIND via_cases + direct + via_places AS b
WITH p, collect(DISTINCT b.id) AS ids, collect(DISTINCT b.name) AS names
WHERE size(ids) > 1
WITH collect({kind: 'person', id: p.id, name: p.name, borough_count: size(ids), boroughs: names, borough_ids: ids}) AS people
OPTIONAL MATCH (pl:Place)
OPTIONAL MATCH (pl)-[:PLACE_IN]->(b:Borough)
WITH people, pl, collect(DISTINCT b.id) AS located
OPTIONAL MATCH (pl)<-[:AT_PLACE]-(:CaseFile)-[:IN_BOROUGH]->(b:Borough)
WITH people, pl, located, collect(DISTINCT b.id) AS via_cases
UNWIND located + via_cases + [''] AS borough_id  // '' keeps a place linked to no borough in the pipeline
OPTIONAL MATCH (b:Borough {id: borough_id})
WITH people, pl, collect(DISTINCT b.id) AS ids, collect(DISTINCT b.name) AS names
WITH people, collect(CASE WHEN size(ids) > 1 THEN {kind: 'place', id: pl.id, name: pl.name, borough_count: size(ids),
                                                  boroughs: names, borough_ids: ids} END) AS places
WITH people + places AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.borough_count DESC, row.kind, row.id SKIP $offset LIMIT $limit
RETURN total, row.kind AS kind, row.id AS id, row.name AS name, row.borough_count AS borough_count,
       row.boroughs AS boroughs, row.borough_ids AS borough_ids
ORDER BY borough_count DESC, kind, id
