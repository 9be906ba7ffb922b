/*
name: contested-facts
title: Contested facts
question: Which facts do their sources disagree on, with each competing value and the sources that give it?
page: {limit: 100}
parameters:
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
  reliability: {type: string, default: "", description: "only facts with a citation of this 3x5x2 source evaluation (1, 2 or 3)"}
  credibility: {type: string, default: "", description: "only facts with a citation of this 3x5x2 information assessment (A-E)"}
*/
// Every node label and relationship type of the schema, named: an unlabelled scan would reach both
// profiles' graphs in one Neo4j database (casegraph.graph.neo4j_profiles).
MATCH (n:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)
WHERE size(n.contested_fields) > 0 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
WITH collect({fact: labels(n)[0], id: n.id, name: coalesce(n.name, n.title, n.summary),
              fields: n.contested_fields, `values`: n.contested_values, value_sources: n.contested_sources,
              sources: n.citation_sources, paragraphs: n.citation_paragraphs, locators: n.citation_locators,
              statuses: n.citation_statuses, as_of: n.citation_as_of}) AS nodes
OPTIONAL MATCH (a:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)-[r:IN_BOROUGH|AT_PLACE|PLACE_IN|NEIGHBOURS|SHOWS|INVOLVES|ACTIVE_IN|BASED_IN|MEMBER_OF|ASSOCIATED_WITH|EXAMINED|CONDUCTED_BY|COMMISSIONED_BY|RECOMMENDS|RESPONDS_TO|MADE_BY|ABOUT]->(b)
WHERE size(r.contested_fields) > 0
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
WITH nodes, collect({fact: type(r), id: r.id, name: a.id + ' -> ' + b.id,
              fields: r.contested_fields, `values`: r.contested_values, value_sources: r.contested_sources,
              sources: r.citation_sources, paragraphs: r.citation_paragraphs, locators: r.citation_locators,
              statuses: r.citation_statuses, as_of: r.citation_as_of}) AS rels
UNWIND nodes + rels AS row
WITH row WHERE row.id IS NOT NULL  // an OPTIONAL MATCH that found no relationship
WITH collect(row) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.fact, row.id SKIP $offset LIMIT $limit
RETURN total, row.fact AS fact, row.id AS id, row.name AS name,
       row.fields AS fields, row.`values` AS `values`, row.value_sources AS value_sources,
       row.sources AS sources, row.paragraphs AS paragraphs, row.locators AS locators,
       row.statuses AS statuses, row.as_of AS as_of
ORDER BY fact, id
