// LadybugDB: one database per profile, so every table may be scanned; label() names it.
MATCH (n)
WHERE n.independent_sources = 1 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
WITH collect({fact: label(n), id: n.id, name: coalesce(n.name, n.title, n.summary),
              status: n.status, sources: n.citation_sources, citations: size(n.citation_sources)}) AS nodes
OPTIONAL MATCH (a)-[r]->(b)
WHERE r.independent_sources = 1
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
WITH nodes, collect({fact: label(r), id: r.id, name: a.id + ' -> ' + b.id,
              status: r.status, sources: r.citation_sources, citations: size(r.citation_sources)}) AS rels
UNWIND nodes + rels AS row
WITH row WHERE row.id IS NOT NULL  // an OPTIONAL MATCH that found no relationship
WITH collect(row) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.fact, row.id SKIP $offset LIMIT $limit
RETURN total, row.fact AS fact, row.id AS id, row.name AS name,
       row.status AS status, row.sources AS sources, row.citations AS citations
ORDER BY fact, id
