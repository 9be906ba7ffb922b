// The common text in LadybugDB's syntax: ALL SHORTEST with the node filter in the
// pattern (intermediate nodes), list_transform for list comprehensions, label().
MATCH (a:CaseFile {id: $from}), (b:CaseFile {id: $to})
OPTIONAL MATCH p = (a)-[* ALL SHORTEST 1..5 (r, n | WHERE label(n) IN ['CaseFile', 'Person', 'Place', 'Institution',
                                                      'Investigation', 'Review', 'Statement', 'Recommendation']
                                                    AND ($include_restricted OR n.sensitivity = 'public')
                                                    AND coalesce(n.case_links, 0) <= $hub_cases)]-(b)
WITH a, b, collect(CASE WHEN length(p) <= $max_hops THEN p END) AS connections
OPTIONAL MATCH q = (a)-[* 2..2 (r, n | WHERE (label(n) IN ['Indicator', 'Borough'] OR n.case_links > $hub_cases)
                                     AND ($include_restricted OR n.sensitivity = 'public'))]-(b)  // same path type as p
WITH connections, collect(q) AS contexts
WITH size(connections) AS connected, connections + contexts AS found
UNWIND range(1, size(found)) AS k
WITH size(found) AS total, CASE WHEN k <= connected THEN 'connection' ELSE 'context' END AS kind, found[k] AS path
WITH total, kind, path, list_to_string(' ', list_transform(nodes(path), n -> n.id)) AS node_ids,
     list_transform(rels(path), r -> r.id) AS rels_on_path
WITH total, kind, path, node_ids, list_to_string(' ', rels_on_path) AS rel_ids, size(rels_on_path) AS hops
ORDER BY kind, hops, node_ids, rel_ids SKIP $offset LIMIT $limit
RETURN total, kind, hops,
       list_transform(list_slice(nodes(path), 2, hops + 1),
                      n -> {id: n.id, label: label(n), name: coalesce(n.name, n.title, n.summary)}) AS via,
       path
ORDER BY kind, hops, node_ids, rel_ids
