// One row per fact (the node itself, then each relationship of it), with its citations'
// dates, statuses, sources and grades side by side, and its current status. The node is found
// by its id in each label's primary key, and a page's relationships again from it (never by a scan).
MATCH (x:Borough:Place:Institution:Person:CaseFile:Investigation:Review:Recommendation:Statement:Indicator {id: $id})
WHERE $include_restricted OR x.sensitivity = 'public'
OPTIONAL MATCH (x)-[r]-(y)
WHERE $include_restricted OR (r.sensitivity = 'public' AND y.sensitivity = 'public')
WITH x, collect(CASE WHEN r IS NULL THEN NULL ELSE [label(r), y.id, r.id] END) AS rels
WITH x, list_concat([[label(x), x.id, x.id]], rels) AS facts
UNWIND facts AS f
WITH x, size(facts) AS total, f ORDER BY f[1], f[2], f[3] SKIP $offset LIMIT $limit
OPTIONAL MATCH (x)-[e]-(y) WHERE e.id = f[3] AND y.id = f[2]
WITH total, f, CASE WHEN e IS NULL THEN x ELSE NULL END AS n, e
RETURN f[1] AS fact, f[2] AS about, coalesce(e.role, '') AS role,
       coalesce(n.citation_as_of, e.citation_as_of) AS as_of, coalesce(n.citation_statuses, e.citation_statuses) AS statuses,
       coalesce(n.citation_sources, e.citation_sources) AS sources,
       coalesce(n.citation_reliability, e.citation_reliability) AS reliability,
       coalesce(n.citation_credibility, e.citation_credibility) AS credibility,
       coalesce(n.status, e.status) AS current_status, coalesce(n.status_as_of, e.status_as_of) AS current_as_of,
       coalesce(n.status_source, e.status_source) AS current_source, total
ORDER BY fact, about, role
