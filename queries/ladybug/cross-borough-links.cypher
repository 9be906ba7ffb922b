// The common text in LadybugDB's syntax: (n:Person:Place) is either label, label() names it.
// Boroughs are counted by id and named for reading. A person's or a place's boroughs are
// collected at build time (`linked_borough_ids`: through its cases, the boroughs and places
// it is active in, the borough it lies in), and counted only when there are several.
MATCH (n:Person:Place)
WHERE n.linked_boroughs > 1 AND (n.sensitivity = 'public' OR $include_restricted)
WITH collect({kind: lower(label(n)), id: n.id, name: n.name, ids: n.linked_borough_ids}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY size(row.ids) DESC, row.kind, row.id SKIP $offset LIMIT $limit
UNWIND row.ids AS borough_id
MATCH (b:Borough)
WHERE b.id = borough_id
RETURN total, row.kind AS kind, row.id AS id, row.name AS name, size(row.ids) AS borough_count,
       collect(b.name) AS boroughs, row.ids AS borough_ids
ORDER BY borough_count DESC, kind, id
