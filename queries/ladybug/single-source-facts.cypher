MATCH (n)
WHERE n.independent_sources = 1 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
RETURN label(n) AS fact, n.id AS id, coalesce(n.name, n.title, n.summary) AS name, n.status AS status,
       n.citation_sources AS sources, size(n.citation_sources) AS citations
ORDER BY fact, id LIMIT $limit
UNION ALL
MATCH (a)-[r]->(b)
WHERE r.independent_sources = 1
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
RETURN label(r) AS fact, r.id AS id, a.id + ' -> ' + b.id AS name, r.status AS status,
       r.citation_sources AS sources, size(r.citation_sources) AS citations
ORDER BY fact, id LIMIT $limit
