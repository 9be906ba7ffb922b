/*
name: status-history
title: Claim status history of a person or a case
question: How has the status of each fact about this person or case changed over time, per source, and which status is current?
parameters:
  id: {type: string, required: true, description: id of the person or case (or any node)}
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
*/
MATCH (x {id: $id})
WHERE $include_restricted OR x.sensitivity = 'public'
UNWIND range(0, size(x.citation_statuses) - 1) AS i
RETURN labels(x)[0] AS fact, x.id AS about, '' AS role, x.citation_as_of[i] AS as_of,
       x.citation_statuses[i] AS status, x.citation_sources[i] AS source,
       x.citation_reliability[i] + x.citation_credibility[i] AS grade,
       x.status AS current_status, x.status_as_of AS current_as_of, x.status_source AS current_source
ORDER BY fact, about, role, as_of, source
UNION ALL
MATCH (x {id: $id})-[r]-(y)
WHERE $include_restricted OR (x.sensitivity = 'public' AND r.sensitivity = 'public' AND y.sensitivity = 'public')
UNWIND range(0, size(r.citation_statuses) - 1) AS i
RETURN type(r) AS fact, y.id AS about, coalesce(r.role, '') AS role, r.citation_as_of[i] AS as_of,
       r.citation_statuses[i] AS status, r.citation_sources[i] AS source,
       r.citation_reliability[i] + r.citation_credibility[i] AS grade,
       r.status AS current_status, r.status_as_of AS current_as_of, r.status_source AS current_source
ORDER BY fact, about, role, as_of, source
