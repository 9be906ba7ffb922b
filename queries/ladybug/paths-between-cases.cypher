// The common text in LadybugDB's syntax: ALL SHORTEST with the node filter in the
// pattern (intermediate nodes), list_transform for list comprehensions, label().
MATCH (a:CaseFile {id: $from}), (b:CaseFile {id: $to})
OPTIONAL MATCH p = (a)-[* ALL SHORTEST 1..5 (r, n | WHERE label(n) IN ['CaseFile', 'Person', 'Place', 'Institution',
                                                      'Investigation', 'Review', 'Statement', 'Recommendation']
                                                    AND ($include_restricted OR n.sensitivity = 'public')
                                                    AND coalesce(n.case_links, 0) <= $hub_cases)]-(b)
WITH a, b, collect(CASE WHEN length(p) <= $max_hops THEN p END) AS connections
// Context: the shortest paths through one hub, all of two hops (no relationship joins two cases), as a
// recursive pattern for p's path type. ALL SHORTEST stops at b's depth, where `* 2..2` walked every path
// from a through each hub (an indicator thousands of cases show); its node filter also holds for the last
// node, so b is let through by id.
OPTIONAL MATCH q = (a)-[* ALL SHORTEST 1..2 (r, n | WHERE n.id = $to
                                                  OR ((label(n) IN ['Indicator', 'Borough'] OR n.case_links > $hub_cases)
                                                      AND ($include_restricted OR n.sensitivity = 'public')))]-(b)
WITH connections, collect(CASE WHEN length(q) = 2 THEN q END) AS contexts,  // no path found: a path of no length, not null
     collect(q)[1] AS spare
WITH size(connections) AS connected, size(connections + contexts) AS total, connections + contexts + [spare] AS found
// A page past the last row gets rows of no path (sorted last) up to its first row: it holds one, whose
// negative total says the total (queries/run.py), and the search is not run again to count. (LadybugDB
// evaluates both sides of a CASE: `spare` keeps `found[k]` in range.)
UNWIND range(1, CASE WHEN total > $offset THEN total ELSE $offset + 1 END) AS k
WITH CASE WHEN k <= total THEN total ELSE -1 - total END AS total,
     CASE WHEN k <= connected THEN 'connection' WHEN k <= total THEN 'context' END AS kind,
     CASE WHEN k <= total THEN found[CASE WHEN k <= total THEN k ELSE total + 1 END] END AS path
WITH total, kind, path, list_to_string(' ', list_transform(nodes(path), n -> n.id)) AS node_ids,
     list_transform(rels(path), r -> r.id) AS rels_on_path
WITH total, kind, path, node_ids, list_to_string(' ', rels_on_path) AS rel_ids, size(rels_on_path) AS hops
ORDER BY kind, hops, node_ids, rel_ids SKIP $offset LIMIT $limit
RETURN total, kind, hops,
       list_transform(list_slice(nodes(path), 2, hops + 1),
                      n -> {id: n.id, label: label(n), name: coalesce(n.name, n.title, n.summary)}) AS via,
       path
ORDER BY kind, hops, node_ids, rel_ids
