// LadybugDB: lists count from 1; one database per profile, so every table may be scanned.
MATCH (x {id: $id})
WHERE $include_restricted OR x.sensitivity = 'public'
UNWIND range(1, size(x.citation_statuses)) AS i
WITH x, collect({fact: label(x), about: x.id, role: '', as_of: x.citation_as_of[i],
                  status: x.citation_statuses[i], source: x.citation_sources[i],
                  grade: x.citation_reliability[i] + x.citation_credibility[i],
                  current_status: x.status, current_as_of: x.status_as_of, current_source: x.status_source}) AS own
OPTIONAL MATCH (x)-[r]-(y)
WHERE $include_restricted OR (r.sensitivity = 'public' AND y.sensitivity = 'public')
UNWIND CASE WHEN r IS NULL THEN [1] ELSE range(1, size(r.citation_statuses)) END AS i
WITH own, collect({fact: label(r), about: y.id, role: coalesce(r.role, ''), as_of: r.citation_as_of[i],
                   status: r.citation_statuses[i], source: r.citation_sources[i],
                   grade: r.citation_reliability[i] + r.citation_credibility[i],
                   current_status: r.status, current_as_of: r.status_as_of, current_source: r.status_source}) AS linked
UNWIND own + linked AS row
WITH row WHERE row.about IS NOT NULL  // an OPTIONAL MATCH that found no relationship
WITH collect(row) AS found
UNWIND found AS row
WITH size(found) AS total, row
ORDER BY row.fact, row.about, row.role, row.as_of, row.source SKIP $offset LIMIT $limit
RETURN total, row.fact AS fact, row.about AS about, row.role AS role, row.as_of AS as_of, row.status AS status,
       row.source AS source, row.grade AS grade, row.current_status AS current_status,
       row.current_as_of AS current_as_of, row.current_source AS current_source
ORDER BY fact, about, role, as_of, source
