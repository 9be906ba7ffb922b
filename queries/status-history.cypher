/*
name: status-history
title: Claim status history of a person or a case
question: How has the status of each fact about this person or case changed over time, per source, and which status is current?
page: {limit: 100}
parameters:
  id: {type: string, required: true, description: id of the person or case (or any node)}
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
*/
// Every node label and relationship type of the schema, named: an unlabelled scan would reach both
// profiles' graphs in one Neo4j database (casegraph.graph.neo4j_profiles).
MATCH (x:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator {id: $id})
WHERE $include_restricted OR x.sensitivity = 'public'
UNWIND range(0, size(x.citation_statuses) - 1) AS i
WITH x, collect({fact: labels(x)[0], about: x.id, role: '', as_of: x.citation_as_of[i],
                  status: x.citation_statuses[i], source: x.citation_sources[i],
                  grade: x.citation_reliability[i] + x.citation_credibility[i],
                  current_status: x.status, current_as_of: x.status_as_of, current_source: x.status_source}) AS own
OPTIONAL MATCH (x)-[r:IN_BOROUGH|AT_PLACE|PLACE_IN|NEIGHBOURS|SHOWS|INVOLVES|ACTIVE_IN|BASED_IN|MEMBER_OF|ASSOCIATED_WITH|EXAMINED|CONDUCTED_BY|COMMISSIONED_BY|RECOMMENDS|RESPONDS_TO|MADE_BY|ABOUT]-(y)
WHERE $include_restricted OR (r.sensitivity = 'public' AND y.sensitivity = 'public')
UNWIND CASE WHEN r IS NULL THEN [0] ELSE range(0, size(r.citation_statuses) - 1) END AS i
WITH own, collect({fact: type(r), about: y.id, role: coalesce(r.role, ''), as_of: r.citation_as_of[i],
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
