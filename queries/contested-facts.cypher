/*
name: contested-facts
title: Contested facts
question: Which facts do their sources disagree on, with each competing value and the sources that give it?
parameters:
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
  reliability: {type: string, default: "", description: "only facts with a citation of this 3x5x2 source evaluation (1, 2 or 3)"}
  credibility: {type: string, default: "", description: "only facts with a citation of this 3x5x2 information assessment (A-E)"}
page: {limit: 50}
competing_values: true
*/
// Every node label and relationship type of the schema, named: an unlabelled scan would reach both
// profiles' graphs in one Neo4j database (casegraph.graph.neo4j_profiles).
// Which facts qualify is decided first (nodes, then relationships, as [kind, id] pairs);
// the page is ordered, cut, and only then are its facts' values and citations read.
MATCH (n:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator) WHERE size(n.contested_fields) > 0 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
WITH collect([labels(n)[0], n.id]) AS nodes
OPTIONAL MATCH (a:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)-[r:IN_BOROUGH|AT_PLACE|PLACE_IN|NEIGHBOURS|SHOWS|INVOLVES|ACTIVE_IN|BASED_IN|MEMBER_OF|ASSOCIATED_WITH|EXAMINED|CONDUCTED_BY|COMMISSIONED_BY|RECOMMENDS|RESPONDS_TO|MADE_BY|ABOUT]->(b) WHERE size(r.contested_fields) > 0
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
WITH nodes, collect(CASE WHEN r IS NULL THEN NULL ELSE [type(r), r.id] END) AS rels
WITH nodes + rels AS facts
UNWIND facts AS f
WITH size(facts) AS total, f ORDER BY f[0], f[1] SKIP $offset LIMIT $limit
OPTIONAL MATCH (x:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator) WHERE x.id = f[1]
OPTIONAL MATCH (a:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)-[y:IN_BOROUGH|AT_PLACE|PLACE_IN|NEIGHBOURS|SHOWS|INVOLVES|ACTIVE_IN|BASED_IN|MEMBER_OF|ASSOCIATED_WITH|EXAMINED|CONDUCTED_BY|COMMISSIONED_BY|RECOMMENDS|RESPONDS_TO|MADE_BY|ABOUT]->(b) WHERE y.id = f[1]
RETURN f[0] AS fact, f[1] AS id, coalesce(x.name, x.title, x.summary, a.id + ' -> ' + b.id) AS name,
       coalesce(x.contested_fields, y.contested_fields) AS fields,
       coalesce(x.contested_values, y.contested_values) AS `values`,
       coalesce(x.contested_sources, y.contested_sources) AS value_sources,
       coalesce(x.citation_sources, y.citation_sources) AS sources,
       coalesce(x.citation_paragraphs, y.citation_paragraphs) AS paragraphs,
       coalesce(x.citation_locators, y.citation_locators) AS locators,
       coalesce(x.citation_statuses, y.citation_statuses) AS statuses,
       coalesce(x.citation_as_of, y.citation_as_of) AS as_of, total
ORDER BY fact, id
