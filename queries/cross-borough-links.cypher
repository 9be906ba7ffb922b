/*
name: cross-borough-links
title: People and places linked to more than one borough
question: Which people and places are linked to more than one borough, through cases, activity or location?
parameters:
  include_restricted: {type: bool, default: false, description: include restricted people (victims)}
page: {limit: 50}
sort_lists: [boroughs, borough_ids]
*/
// Boroughs are counted by id and named for reading. People and places in one pass
// (no list of one kind carried through the other's rows): a person through its
// cases, the boroughs and places it is active in; a place through the borough it
// lies in and its cases.
MATCH (n:Person|Place)
WHERE n.sensitivity = 'public' OR $include_restricted
OPTIONAL MATCH (n)<-[:INVOLVES|AT_PLACE]-(:CaseFile)-[:IN_BOROUGH]->(b:Borough)
WITH n, collect(DISTINCT b.id) AS via_cases
OPTIONAL MATCH (n)-[:ACTIVE_IN|PLACE_IN]->(b:Borough)
WITH n, via_cases, collect(DISTINCT b.id) AS direct
OPTIONAL MATCH (n)-[:ACTIVE_IN]->(:Place)-[:PLACE_IN]->(b:Borough)
WITH n, via_cases, direct, collect(DISTINCT b.id) AS via_places
WHERE size(via_cases) + size(direct) + size(via_places) > 1
UNWIND via_cases + direct + via_places AS borough_id
WITH n, collect(DISTINCT borough_id) AS ids
WHERE size(ids) > 1
WITH collect({kind: toLower(labels(n)[0]), id: n.id, name: n.name, ids: ids}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY size(row.ids) DESC, row.kind, row.id SKIP $offset LIMIT $limit
UNWIND row.ids AS borough_id
MATCH (b:Borough)
WHERE b.id = borough_id
RETURN total, row.kind AS kind, row.id AS id, row.name AS name, size(row.ids) AS borough_count,
       collect(b.name) AS boroughs, row.ids AS borough_ids
ORDER BY borough_count DESC, kind, id
