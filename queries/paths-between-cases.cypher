/*
name: paths-between-cases
title: Every connection between two cases
question: How are these two cases connected — every path between them, up to a length?
parameters:
  from: {type: string, node: CaseFile, required: true, description: id of the first case}
  to: {type: string, node: CaseFile, required: true, description: id of the second case}
  max_hops: {type: int, default: 4, description: longest path to report (at most 5)}
  include_restricted: {type: bool, default: false, description: allow paths through restricted nodes (victims)}
*/
// Paths never repeat a relationship (Neo4j's default; LadybugDB says TRAIL).
MATCH p = (a:CaseFile {id: $from})-[*1..5]-(b:CaseFile {id: $to})
WHERE length(p) <= $max_hops
  AND ($include_restricted OR all(n IN nodes(p) WHERE n.sensitivity = 'public'))
RETURN length(p) AS hops, p AS path
ORDER BY hops
