/*
name: cross-borough-links
title: People and places linked to more than one borough
question: Which people and places are linked to more than one borough, through cases, activity or location?
parameters:
  include_restricted: {type: bool, default: false, description: include restricted people (victims)}
sort_lists: [boroughs]
*/
MATCH (p:Person)
WHERE p.sensitivity = 'public' OR $include_restricted
OPTIONAL MATCH (p)<-[:INVOLVES]-(:CaseFile)-[:IN_BOROUGH]->(b:Borough)
WITH p, collect(DISTINCT b.name) AS via_cases
OPTIONAL MATCH (p)-[:ACTIVE_IN]->(b:Borough)
WITH p, via_cases, collect(DISTINCT b.name) AS direct
OPTIONAL MATCH (p)-[:ACTIVE_IN]->(:Place)-[:PLACE_IN]->(b:Borough)
WITH p, via_cases, direct, collect(DISTINCT b.name) AS via_places
WITH p, via_cases + direct + via_places AS names
UNWIND names AS borough
WITH p, collect(DISTINCT borough) AS boroughs
WHERE size(boroughs) > 1
RETURN 'person' AS kind, p.id AS id, p.name AS name, size(boroughs) AS borough_count, boroughs
UNION ALL
MATCH (pl:Place)
OPTIONAL MATCH (pl)-[:PLACE_IN]->(b:Borough)
WITH pl, collect(DISTINCT b.name) AS located
OPTIONAL MATCH (pl)<-[:AT_PLACE]-(:CaseFile)-[:IN_BOROUGH]->(b:Borough)
WITH pl, located, collect(DISTINCT b.name) AS via_cases
WITH pl, located + via_cases AS names
UNWIND names AS borough
WITH pl, collect(DISTINCT borough) AS boroughs
WHERE size(boroughs) > 1
RETURN 'place' AS kind, pl.id AS id, pl.name AS name, size(boroughs) AS borough_count, boroughs
