// Restricted facts asked for, or a grade filter (the public call reads what the build filed:
// `contested-facts.stored.cypher`): which facts qualify is decided first
// (nodes, then relationships, as [kind, id, start] triples); the page is ordered, cut, and only then
// are its facts' details read, by id (a relationship from its start node).
MATCH (n:Borough:Place:Institution:Person:CaseFile:Investigation:Review:Recommendation:Statement:Indicator)
WHERE size(n.contested_fields) > 0 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
WITH collect([label(n), n.id, '']) AS nodes
OPTIONAL MATCH (a)-[r]->(b)
WHERE size(r.contested_fields) > 0
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
WITH nodes, collect([label(r), r.id, a.id]) AS rels
WITH list_concat(nodes, list_filter(rels, f -> list_extract(f, 2) IS NOT NULL)) AS facts
UNWIND facts AS f
WITH size(facts) AS total, f ORDER BY f[1], f[2] SKIP $offset LIMIT $limit
OPTIONAL MATCH (x:Borough:Place:Institution:Person:CaseFile:Investigation:Review:Recommendation:Statement:Indicator {id: f[2]}) WHERE f[3] = ''
OPTIONAL MATCH (a:Borough:Place:Institution:Person:CaseFile:Investigation:Review:Recommendation:Statement:Indicator {id: f[3]})-[y]->(b) WHERE y.id = f[2]
RETURN f[1] AS fact, f[2] AS id, coalesce(x.name, x.title, x.summary, a.id + ' -> ' + b.id) AS name,
       coalesce(x.contested_fields, y.contested_fields) AS fields,
       coalesce(x.contested_values, y.contested_values) AS `values`,
       coalesce(x.contested_sources, y.contested_sources) AS value_sources,
       coalesce(x.citation_sources, y.citation_sources) AS sources,
       coalesce(x.citation_paragraphs, y.citation_paragraphs) AS paragraphs,
       coalesce(x.citation_locators, y.citation_locators) AS locators,
       coalesce(x.citation_statuses, y.citation_statuses) AS statuses,
       coalesce(x.citation_as_of, y.citation_as_of) AS as_of,
       coalesce(x.citation_handling, y.citation_handling) AS citation_handling, total
ORDER BY fact, id
