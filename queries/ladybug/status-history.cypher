MATCH (x {id: $id})
WHERE $include_restricted OR x.sensitivity = 'public'
UNWIND range(1, size(x.citation_statuses)) AS i
RETURN label(x) AS fact, x.id AS about, '' AS role, x.citation_as_of[i] AS as_of,
       x.citation_statuses[i] AS status, x.citation_sources[i] AS source,
       x.citation_reliability[i] + x.citation_credibility[i] AS grade,
       x.status AS current_status, x.status_as_of AS current_as_of, x.status_source AS current_source
ORDER BY fact, about, role, as_of, source
UNION ALL
MATCH (x {id: $id})-[r]-(y)
WHERE $include_restricted OR (x.sensitivity = 'public' AND r.sensitivity = 'public' AND y.sensitivity = 'public')
UNWIND range(1, size(r.citation_statuses)) AS i
RETURN label(r) AS fact, y.id AS about, coalesce(r.role, '') AS role, r.citation_as_of[i] AS as_of,
       r.citation_statuses[i] AS status, r.citation_sources[i] AS source,
       r.citation_reliability[i] + r.citation_credibility[i] AS grade,
       r.status AS current_status, r.status_as_of AS current_as_of, r.status_source AS current_source
ORDER BY fact, about, role, as_of, source
