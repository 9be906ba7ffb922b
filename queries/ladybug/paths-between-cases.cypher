// The common text in LadybugDB's syntax: ALL SHORTEST with the node filter in the
// pattern (intermediate nodes), list_transform for list comprehensions, label().
MATCH (a:CaseFile {id: $from}), (b:CaseFile {id: $to})
OPTIONAL MATCH p = (a)-[* ALL SHORTEST 1..$max_hops (r, n | WHERE label(n) IN ['CaseFile', 'Person', 'Place', 'Institution',
                                                      'Investigation', 'Review', 'Statement', 'Recommendation']
                                                    AND ($include_restricted OR n.sensitivity = 'public')
                                                    AND coalesce(n.case_links, 0) <= $hub_cases
                                                    AND coalesce(n.investigation_type, '') <> 'journalistic'
                                                    AND ($include_restricted OR r.sensitivity = 'public'))]-(b)
WITH a, b, collect(CASE WHEN length(p) > 0 THEN p END) AS found  // no path: a path of no length, not null
// Each path as its steps (`path`: ids, labels, names, relationship types), the shape both kinds share.
WITH a, b, list_transform(found, x -> {
       nodes: list_transform(nodes(x), n -> {id: n.id, label: label(n), name: coalesce(n.name, n.title, n.summary)}),
       relationships: list_transform(rels(x), r -> {id: r.id, type: label(r)})}) AS connections
// Context: the hubs both cases link to, found from both ends at once (a recursive search from one end
// walked every case of each indicator: 200 ms at 100,000 cases for 2 ms).
OPTIONAL MATCH (a)-[r1:SHOWS|IN_BOROUGH|INVOLVES|AT_PLACE|EXAMINED|ABOUT]-(hub)-[r2:SHOWS|IN_BOROUGH|INVOLVES|AT_PLACE|EXAMINED|ABOUT]-(b)
WHERE (label(hub) IN ['Indicator', 'Borough'] OR hub.case_links > $hub_cases OR hub.investigation_type = 'journalistic')
  AND ($include_restricted OR (hub.sensitivity = 'public' AND r1.sensitivity = 'public' AND r2.sensitivity = 'public'))
WITH a, connections, collect(CASE WHEN hub IS NOT NULL THEN {
       nodes: [{id: a.id, label: label(a), name: coalesce(a.title, a.summary)},
               {id: hub.id, label: label(hub), name: coalesce(hub.name, hub.title, hub.summary)},
               {id: b.id, label: label(b), name: coalesce(b.title, b.summary)}],
       relationships: [{id: r1.id, type: label(r1)}, {id: r2.id, type: label(r2)}]} END) AS contexts
WITH size(connections) AS connected, size(connections + contexts) AS total,
     connections + contexts + [{nodes: [{id: a.id, label: label(a), name: a.title}], relationships: [{id: a.id, type: ''}]}]
     AS found
// A page past the last row gets rows of no path (sorted last) up to its first row: it holds one, whose
// negative total says the total (queries/run.py), and the search is not run again to count. (LadybugDB
// evaluates both sides of a CASE: the spare last item, never a row, keeps `found[k]` in range.)
UNWIND range(1, CASE WHEN total > $offset THEN total ELSE $offset + 1 END) AS k
WITH CASE WHEN k <= total THEN total ELSE -1 - total END AS total,
     CASE WHEN k <= connected THEN 'connection' WHEN k <= total THEN 'context' END AS kind,
     CASE WHEN k <= total THEN found[CASE WHEN k <= total THEN k ELSE total + 1 END] END AS path
WITH total, kind, path, list_to_string(' ', list_transform(path.nodes, n -> n.id)) AS node_ids,
     list_transform(path.relationships, r -> r.id) AS rels_on_path
WITH total, kind, path, node_ids, list_to_string(' ', rels_on_path) AS rel_ids, size(rels_on_path) AS hops
ORDER BY kind, hops, node_ids, rel_ids SKIP $offset LIMIT $limit
RETURN total, kind, hops, list_slice(path.nodes, 2, hops + 1) AS via, path
ORDER BY kind, hops, node_ids, rel_ids
