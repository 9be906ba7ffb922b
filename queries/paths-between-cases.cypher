/*
name: paths-between-cases
title: How two cases are connected
question: How are these two cases connected — the shortest paths through people, places, institutions, investigations and reviews, then the context they share?
parameters:
  from: {type: string, node: CaseFile, required: true, description: id of the first case}
  to: {type: string, node: CaseFile, required: true, differs_from: from, description: id of the second case}
  max_hops: {type: int, default: 4, minimum: 1, maximum: 5, path_bound: true, description: "longest connection to report, in steps (a context row, an indicator, borough or hub both cases link to, is two steps and is reported whatever this is: it is not a path searched for)"}
  include_restricted: {type: bool, default: false, description: allow paths through restricted nodes (victims)}
  hub_cases: {type: int, default: 100, minimum: 1, description: "a person, place or institution linked to more cases than this (a police force thousands of cases involve) is context, like an indicator, not a connection"}
page: {limit: 10, max: 100}  # at most 100, not the catalog's 1,000: a row is a path, its every step named, and this is the slowest query to answer (BENCHMARKS.md)
*/
// Two kinds of answer, the telling ones first:
// - `connection`: every shortest path (up to max_hops) whose every step is a case,
//   person, place, institution, investigation, review, statement or recommendation,
//   none of them a hub (linked to more than $hub_cases cases: `case_links`, counted at build time)
//   nor a journalistic investigation (the reporters who examined both cases are the source, not
//   a link between them: the rule of the explorer's connections and of the analytics);
// - `context`: an indicator, a borough, a hub or a journalistic investigation both cases link to
//   (thousands of cases show the same indicator, so a longer path through one explains nothing;
//   and searching through hubs would reach most of a national graph).
// `via` explains a path: each node after the first case, with its label and name.
// Paths never repeat a relationship; LadybugDB's variant says the same in its syntax.
MATCH (a:CaseFile {id: $from}), (b:CaseFile {id: $to})
OPTIONAL MATCH p = allShortestPaths((a)-[*..$max_hops]-(b))
WHERE a <> b  // Neo4j's shortest path refuses one node at both ends; a case has no path to itself
  AND all(n IN nodes(p) WHERE (n:CaseFile OR n:Person OR n:Place OR n:Institution OR n:Investigation
                               OR n:Review OR n:Statement OR n:Recommendation)
                              AND ($include_restricted OR n.sensitivity = 'public')
                              AND coalesce(n.case_links, 0) <= $hub_cases
                              AND coalesce(n.investigation_type, '') <> 'journalistic')
  AND all(r IN relationships(p) WHERE $include_restricted OR r.sensitivity = 'public')
WITH a, b, collect(p) AS connections
OPTIONAL MATCH q = (a)-[r1:SHOWS|IN_BOROUGH|INVOLVES|AT_PLACE|EXAMINED|ABOUT]-(hub)-[r2:SHOWS|IN_BOROUGH|INVOLVES|AT_PLACE|EXAMINED|ABOUT]-(b)
WHERE (hub:Indicator OR hub:Borough OR hub.case_links > $hub_cases OR hub.investigation_type = 'journalistic')
  AND ($include_restricted OR (hub.sensitivity = 'public' AND r1.sensitivity = 'public' AND r2.sensitivity = 'public'))
WITH connections, collect(q) AS contexts
WITH [x IN connections | {kind: 'connection', path: x}] + [x IN contexts | {kind: 'context', path: x}] AS found
UNWIND found AS row
WITH size(found) AS total, row.kind AS kind, row.path AS path
WITH total, kind, path, reduce(text = '', n IN nodes(path) | text + ' ' + n.id) AS node_ids,
     reduce(text = '', r IN relationships(path) | text + ' ' + r.id) AS rel_ids
ORDER BY kind, length(path), node_ids, rel_ids SKIP $offset LIMIT $limit
// `path`: the path as its steps (ids, labels, names, relationship types), not whole records: a path
// through an indicator would carry its every aggregate.
WITH total, kind, path, node_ids, rel_ids,
     [n IN nodes(path) | {id: n.id, label: labels(n)[0], name: coalesce(n.name, n.title, n.summary)}] AS steps
RETURN total, kind, length(path) AS hops, steps[1..] AS via,
       {nodes: steps, relationships: [r IN relationships(path) | {id: r.id, type: type(r)}]} AS path
ORDER BY kind, hops, node_ids, rel_ids
