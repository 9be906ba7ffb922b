// The public answer without a grade filter (the common call) is read by the order the build stored:
// each public fact on one source has its place in (kind, id) order (`single_source_rank`) and the
// answer's length (`single_source_total`), so a page is a range of ranks, never a sort of the graph
// (`rank - $offset`: LadybugDB types a small parameter as INT8, so `$offset + $limit` can overflow).
MATCH (n:Borough:Place:Institution:Person:CaseFile:Investigation:Review:Recommendation:Statement:Indicator)
WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
  AND n.single_source_rank >= $offset AND n.single_source_rank - $offset < $limit
WITH collect({rank: n.single_source_rank, fact: label(n), id: n.id,
     name: coalesce(n.name, n.title, n.summary), status: n.status, sources: n.citation_sources,
     total: n.single_source_total}) AS nodes
OPTIONAL MATCH (a)-[r]->(b)
WHERE NOT $include_restricted AND $reliability = '' AND $credibility = ''
  AND r.single_source_rank >= $offset AND r.single_source_rank - $offset < $limit
WITH nodes, collect({rank: r.single_source_rank, fact: label(r), id: r.id,
     name: a.id + ' -> ' + b.id, status: r.status, sources: r.citation_sources,
     total: r.single_source_total}) AS rels
UNWIND list_concat(nodes, list_filter(rels, f -> f.id IS NOT NULL)) AS f  // no match: one null record
RETURN f.fact AS fact, f.id AS id, f.name AS name, f.status AS status, f.sources AS sources, f.total AS total
ORDER BY fact, id
UNION ALL
// Otherwise (restricted facts asked for, or a grade filter): which facts qualify is decided first
// (nodes, then relationships, as [kind, id, start] triples); the page is ordered, cut, and only then
// are its facts' details read, by id (a relationship from its start node).
MATCH (n:Borough:Place:Institution:Person:CaseFile:Investigation:Review:Recommendation:Statement:Indicator)
WHERE ($include_restricted OR $reliability <> '' OR $credibility <> '')
  AND n.independent_sources = 1 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
WITH collect([label(n), n.id, '']) AS nodes
OPTIONAL MATCH (a)-[r]->(b)
WHERE ($include_restricted OR $reliability <> '' OR $credibility <> '') AND r.independent_sources = 1
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
       coalesce(x.status, y.status) AS status, coalesce(x.citation_sources, y.citation_sources) AS sources,
       total
ORDER BY fact, id
