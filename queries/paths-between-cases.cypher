/*
name: paths-between-cases
title: How two cases are connected
question: How are these two cases connected — the shortest paths through people, places, institutions, investigations and reviews, then the context they share?
parameters:
  from: {type: string, node: CaseFile, required: true, description: id of the first case}
  to: {type: string, node: CaseFile, required: true, description: id of the second case}
  max_hops: {type: int, default: 4, minimum: 1, maximum: 5, description: longest connecting path to report}
  include_restricted: {type: bool, default: false, description: allow paths through restricted nodes (victims)}
page: {limit: 10, max: 100}
*/
// Two kinds of answer, the telling ones first:
// - `connection`: every shortest path (up to max_hops) whose every step is a case,
//   person, place, institution, investigation, review, statement or recommendation;
// - `context`: an indicator or a borough both cases share (hubs: thousands of cases
//   show the same indicator, so a longer path through one explains nothing).
// `via` explains a path: each node after the first case, with its label and name.
// Paths never repeat a relationship; LadybugDB's variant says the same in its syntax.
MATCH (a:CaseFile {id: $from}), (b:CaseFile {id: $to})
OPTIONAL MATCH p = allShortestPaths((a)-[*..5]-(b))
WHERE a <> b  // Neo4j's shortest path refuses one node at both ends; a case has no path to itself
  AND all(n IN nodes(p) WHERE (n:CaseFile OR n:Person OR n:Place OR n:Institution OR n:Investigation
                               OR n:Review OR n:Statement OR n:Recommendation)
                              AND ($include_restricted OR n.sensitivity = 'public'))
WITH a, b, collect(CASE WHEN length(p) <= $max_hops THEN p END) AS connections
OPTIONAL MATCH q = (a)-[:SHOWS|IN_BOROUGH]->(hub)<-[:SHOWS|IN_BOROUGH]-(b)
WITH connections, collect(q) AS contexts
WITH [x IN connections | {kind: 'connection', path: x}] + [x IN contexts | {kind: 'context', path: x}] AS found
UNWIND found AS row
WITH size(found) AS total, row.kind AS kind, row.path AS path
WITH total, kind, path, reduce(text = '', n IN nodes(path) | text + ' ' + n.id) AS node_ids,
     reduce(text = '', r IN relationships(path) | text + ' ' + r.id) AS rel_ids
ORDER BY kind, length(path), node_ids, rel_ids SKIP $offset LIMIT $limit
RETURN total, kind, length(path) AS hops,
       [n IN nodes(path)[1..] | {id: n.id, label: labels(n)[0], name: coalesce(n.name, n.title, n.summary)}] AS via,
       path
ORDER BY kind, hops, node_ids, rel_ids
