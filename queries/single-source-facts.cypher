/*
name: single-source-facts
title: Facts on a single independent source
question: Which facts rest on one independent source only, however many sources repeat it?
parameters:
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
  reliability: {type: string, default: "", description: "only facts with a citation of this 3x5x2 source evaluation (1, 2 or 3)"}
  credibility: {type: string, default: "", description: "only facts with a citation of this 3x5x2 information assessment (A-E)"}
  limit: {type: int, default: 1000, description: at most this many nodes and this many relationships}
*/
MATCH (n)
WHERE n.independent_sources = 1 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
RETURN labels(n)[0] AS fact, n.id AS id, coalesce(n.name, n.title, n.summary) AS name, n.status AS status,
       n.citation_sources AS sources, size(n.citation_sources) AS citations
ORDER BY fact, id LIMIT $limit
UNION ALL
MATCH (a)-[r]->(b)
WHERE r.independent_sources = 1
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
RETURN type(r) AS fact, r.id AS id, a.id + ' -> ' + b.id AS name, r.status AS status,
       r.citation_sources AS sources, size(r.citation_sources) AS citations
ORDER BY fact, id LIMIT $limit
