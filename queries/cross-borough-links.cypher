/*
name: cross-borough-links
title: People and places linked to more than one borough
question: Which people and places are linked to more than one borough, through cases, activity or location?
parameters:
  include_restricted: {type: bool, default: false, description: include restricted people (victims)}
page: {limit: 50}
sort_lists: [boroughs, borough_ids]
*/
// Boroughs are counted by id and named for reading. A person's or a place's boroughs are
// collected at build time (`linked_borough_ids`: through its cases, the boroughs and places
// it is active in, the borough it lies in), and counted only when there are several.
MATCH (n:Person|Place)
WHERE n.linked_boroughs > 1 AND (n.sensitivity = 'public' OR $include_restricted)
WITH collect({kind: toLower(labels(n)[0]), id: n.id, name: n.name, ids: n.linked_borough_ids}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY size(row.ids) DESC, row.kind, row.id SKIP $offset LIMIT $limit
UNWIND row.ids AS borough_id
MATCH (b:Borough)
WHERE b.id = borough_id
RETURN total, row.kind AS kind, row.id AS id, row.name AS name, size(row.ids) AS borough_count,
       collect(b.name) AS boroughs, row.ids AS borough_ids
ORDER BY borough_count DESC, kind, id
