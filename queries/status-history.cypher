/*
name: status-history
title: Claim status history of a person or a case
question: What status has each source given each fact about this person or case, as of when, and which status is current?
parameters:
  id: {type: string, node: cited, required: true, description: id of the person or case (or any node but a source)}
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
page: {limit: 50}
by_label: id
*/
// Every node label and relationship type of the schema, named: an unlabelled scan would reach both
// profiles' graphs in one Neo4j database (casegraph.graph.neo4j_profiles).
// One row per fact (the node itself, then each relationship of it), with its citations'
// dates, statuses, sources and grades side by side, and its current status.
MATCH (x:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator {id: $id})
WHERE $include_restricted OR x.sensitivity = 'public'
OPTIONAL MATCH (x)-[r:IN_BOROUGH|AT_PLACE|PLACE_IN|NEIGHBOURS|SHOWS|INVOLVES|ACTIVE_IN|BASED_IN|MEMBER_OF|ASSOCIATED_WITH|EXAMINED|CONDUCTED_BY|COMMISSIONED_BY|RECOMMENDS|RESPONDS_TO|MADE_BY|ABOUT]-(y)
WHERE $include_restricted OR (r.sensitivity = 'public' AND y.sensitivity = 'public')
WITH x, collect(CASE WHEN r IS NULL THEN NULL ELSE [type(r), y.id, r.id] END) AS rels
WITH [[labels(x)[0], x.id, x.id]] + rels AS facts
UNWIND facts AS f
WITH size(facts) AS total, f ORDER BY f[0], f[1], f[2] SKIP $offset LIMIT $limit
OPTIONAL MATCH (n:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator) WHERE n.id = f[2]
OPTIONAL MATCH (:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)-[e:IN_BOROUGH|AT_PLACE|PLACE_IN|NEIGHBOURS|SHOWS|INVOLVES|ACTIVE_IN|BASED_IN|MEMBER_OF|ASSOCIATED_WITH|EXAMINED|CONDUCTED_BY|COMMISSIONED_BY|RECOMMENDS|RESPONDS_TO|MADE_BY|ABOUT]->() WHERE e.id = f[2]
RETURN f[0] AS fact, f[1] AS about, e.role AS role,
       coalesce(n.citation_as_of, e.citation_as_of) AS as_of, coalesce(n.citation_statuses, e.citation_statuses) AS statuses,
       coalesce(n.citation_sources, e.citation_sources) AS sources,
       coalesce(n.citation_reliability, e.citation_reliability) AS reliability,
       coalesce(n.citation_credibility, e.citation_credibility) AS credibility,
       coalesce(n.citation_handling, e.citation_handling) AS citation_handling,
       coalesce(n.status, e.status) AS current_status, coalesce(n.status_as_of, e.status_as_of) AS current_as_of,
       coalesce(n.status_source, e.status_source) AS current_source, total
ORDER BY fact, about, role
