// One row per fact (the node itself, then each relationship of it), with its citations'
// dates, statuses, sources and grades side by side, and its current status, read as the
// facts are listed (a second lookup of a page's relationships by id scans every table).
// Run for the label the id was found under (`by_label`): the node found by its table's
// primary key. (A node pattern naming every label makes LadybugDB plan every relationship
// table from every label, ten times slower at 100,000 cases; a UNION ALL of one part per label
// is planned whole: its ten parts took 333-607 ms at 100,000 cases, one part 42 ms.)
MATCH (x:<label> {id: $id})
WHERE $include_restricted OR x.sensitivity = 'public'
OPTIONAL MATCH (x)-[r]-(y)
WHERE $include_restricted OR (r.sensitivity = 'public' AND y.sensitivity = 'public')
WITH x, collect(CASE WHEN r IS NULL THEN NULL ELSE {fact: label(r), about: y.id, key: r.id, role: r.role,
     as_of: r.citation_as_of, statuses: r.citation_statuses, sources: r.citation_sources,
     reliability: r.citation_reliability, credibility: r.citation_credibility,
     handling: r.citation_handling, status: r.status,
     status_as_of: r.status_as_of, status_source: r.status_source} END) AS rels
WITH list_concat([{fact: label(x), about: x.id, key: x.id, role: CAST(NULL AS STRING),
     as_of: x.citation_as_of, statuses: x.citation_statuses, sources: x.citation_sources,
     reliability: x.citation_reliability, credibility: x.citation_credibility,
     handling: x.citation_handling, status: x.status,
     status_as_of: x.status_as_of, status_source: x.status_source}], rels) AS facts
UNWIND facts AS f
WITH size(facts) AS total, f ORDER BY f.fact, f.about, f.key SKIP $offset LIMIT $limit
RETURN f.fact AS fact, f.about AS about, f.role AS role, f.as_of AS as_of, f.statuses AS statuses, f.sources AS sources,
       f.reliability AS reliability, f.credibility AS credibility, f.handling AS citation_handling,
       f.status AS current_status,
       f.status_as_of AS current_as_of, f.status_source AS current_source, total
ORDER BY fact, about, role
