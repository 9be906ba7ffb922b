// The common text in LadybugDB's syntax: (n:Person:Place) is either label, label() names it.
MATCH (n:Person:Place)
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
WITH collect({kind: lower(label(n)), id: n.id, name: n.name, ids: ids}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY size(row.ids) DESC, row.kind, row.id SKIP $offset LIMIT $limit
UNWIND row.ids AS borough_id
MATCH (b:Borough)
WHERE b.id = borough_id
RETURN total, row.kind AS kind, row.id AS id, row.name AS name, size(row.ids) AS borough_count,
       collect(b.name) AS boroughs, row.ids AS borough_ids
ORDER BY borough_count DESC, kind, id
