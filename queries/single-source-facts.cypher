/*
name: single-source-facts
title: Facts on a single independent source
question: Which facts rest on one independent source only, however many sources repeat it (each fact's cited sources and each citation's 3x5x2 handling code)?
parameters:
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
  reliability: {type: string, default: "", values_of: Citation.reliability, description: "only facts with a citation of this 3x5x2 source evaluation (1, 2 or 3)"}
  credibility: {type: string, default: "", values_of: Citation.credibility, description: "only facts with a citation of this 3x5x2 information assessment (A-E)"}
stored: {include_restricted: false, reliability: "", credibility: ""}
page: {limit: 100}
*/
// Every node label and relationship type of the schema, named: an unlabelled scan would reach both
// profiles' graphs in one Neo4j database (casegraph.graph.neo4j_profiles).
// The public answer without a grade filter (the common call) is read by the order the build stored:
// each public fact on one source has its place in (kind, id) order (`single_source_rank`) and the
// answer's length (`single_source_total`), so a page is a range of ranks, never a sort of the
// graph (a range index seek per label and type: `casegraph.schemas.ddl`).
OPTIONAL MATCH (n:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)
WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
  AND n.single_source_rank >= $offset AND n.single_source_rank < $offset + $limit
WITH collect(CASE WHEN n IS NULL THEN NULL ELSE {rank: n.single_source_rank, fact: labels(n)[0], id: n.id,
     name: coalesce(n.name, n.title, n.summary), status: n.status, sources: n.citation_sources,
     handling: n.citation_handling, total: n.single_source_total} END) AS nodes
// Relationships: one index seek per type (Neo4j seeks no index for a disjunction of types).
CALL {
  OPTIONAL MATCH (a)-[r:IN_BOROUGH]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:AT_PLACE]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:PLACE_IN]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:NEIGHBOURS]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:SHOWS]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:INVOLVES]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:ACTIVE_IN]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:BASED_IN]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:MEMBER_OF]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:ASSOCIATED_WITH]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:EXAMINED]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:CONDUCTED_BY]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:COMMISSIONED_BY]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:RECOMMENDS]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:RESPONDS_TO]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:MADE_BY]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
  UNION ALL
  OPTIONAL MATCH (a)-[r:ABOUT]->(b)
  WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
    AND r.single_source_rank >= $offset AND r.single_source_rank < $offset + $limit
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE {rank: r.single_source_rank, fact: type(r), id: r.id,  name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources, handling: r.citation_handling,  total: r.single_source_total} END) AS found
}
WITH nodes, collect(found) AS found
WITH nodes, reduce(all = [], page IN found | all + page) AS rels
UNWIND nodes + rels AS f
RETURN f.fact AS fact, f.id AS id, f.name AS name, f.status AS status, f.sources AS sources,
       f.handling AS citation_handling, f.total AS total
ORDER BY fact, id
UNION ALL
// Otherwise (restricted facts asked for, or a grade filter): which facts qualify is decided first
// (the UNWIND skips this part, and its scans, for a call the stored order answers)
// (nodes, then relationships, as [kind, id] pairs);
// the page is ordered, cut, and only then are its facts' details read.
UNWIND CASE WHEN $include_restricted OR $reliability <> '' OR $credibility <> '' THEN [1] ELSE [] END AS computed
MATCH (n:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)
WHERE ($include_restricted OR $reliability <> '' OR $credibility <> '') AND n.independent_sources = 1 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
WITH collect([labels(n)[0], n.id]) AS nodes
// (a collect gives one row even from none: the same test again, so the relationships' scan is skipped too)
WHERE $include_restricted OR $reliability <> '' OR $credibility <> ''
OPTIONAL MATCH (a:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)-[r:IN_BOROUGH|AT_PLACE|PLACE_IN|NEIGHBOURS|SHOWS|INVOLVES|ACTIVE_IN|BASED_IN|MEMBER_OF|ASSOCIATED_WITH|EXAMINED|CONDUCTED_BY|COMMISSIONED_BY|RECOMMENDS|RESPONDS_TO|MADE_BY|ABOUT]->(b:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)
WHERE ($include_restricted OR $reliability <> '' OR $credibility <> '') AND r.independent_sources = 1
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
WITH nodes, collect(CASE WHEN r IS NULL THEN NULL ELSE [type(r), r.id] END) AS rels
WITH nodes + rels AS facts
UNWIND facts AS f
WITH size(facts) AS total, f ORDER BY f[0], f[1] SKIP $offset LIMIT $limit
OPTIONAL MATCH (x:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator) WHERE x.id = f[1]
OPTIONAL MATCH (a:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator)-[y:IN_BOROUGH|AT_PLACE|PLACE_IN|NEIGHBOURS|SHOWS|INVOLVES|ACTIVE_IN|BASED_IN|MEMBER_OF|ASSOCIATED_WITH|EXAMINED|CONDUCTED_BY|COMMISSIONED_BY|RECOMMENDS|RESPONDS_TO|MADE_BY|ABOUT]->(b:Borough|Place|Institution|Person|CaseFile|Investigation|Review|Recommendation|Statement|Indicator) WHERE y.id = f[1]
RETURN f[0] AS fact, f[1] AS id, coalesce(x.name, x.title, x.summary, a.id + ' -> ' + b.id) AS name,
       coalesce(x.status, y.status) AS status, coalesce(x.citation_sources, y.citation_sources) AS sources,
       coalesce(x.citation_handling, y.citation_handling) AS citation_handling, total
ORDER BY fact, id
