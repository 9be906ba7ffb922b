// Which facts qualify is decided first (nodes, then relationships, as [kind, id] pairs);
// the page is ordered, cut, and only then are its facts' details read.
MATCH (n) WHERE n.independent_sources = 1 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
WITH collect([label(n), n.id]) AS nodes
OPTIONAL MATCH (a)-[r]->(b) WHERE r.independent_sources = 1
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
WITH nodes, collect(CASE WHEN r IS NULL THEN NULL ELSE [label(r), r.id] END) AS rels
WITH list_concat(nodes, rels) AS facts
UNWIND facts AS f
WITH size(facts) AS total, f ORDER BY f[1], f[2] SKIP $offset LIMIT $limit
OPTIONAL MATCH (x) WHERE x.id = f[2]
OPTIONAL MATCH (a)-[y]->(b) WHERE y.id = f[2]
RETURN f[1] AS fact, f[2] AS id, coalesce(x.name, x.title, x.summary, a.id + ' -> ' + b.id) AS name,
       coalesce(x.status, y.status) AS status, coalesce(x.citation_sources, y.citation_sources) AS sources, total
ORDER BY fact, id
