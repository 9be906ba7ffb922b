/*
name: case-detail
title: Everything linked to one case
question: What does the graph hold about this case, where does each fact come from (each link's current status with its date, the source that gives it and that citation's paragraphs and quote, its citation count and each citation's 3x5x2 handling code, its contested fields)?
parameters:
  case_id: {type: string, node: CaseFile, required: true, description: id of the case}
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
page: {limit: 100}
*/
MATCH (c:CaseFile {id: $case_id})-[r]-(x)
WHERE (x.sensitivity = 'public' AND r.sensitivity = 'public') OR $include_restricted
// r.source/paragraphs/quote are the citation that gives r.status (casegraph.loaders.lineage)
WITH collect({id: x.id, name: coalesce(x.name, x.title, x.summary), status: r.status, role: r.role,
              as_of: r.status_as_of, source: r.source, paragraphs: r.paragraphs, quote: r.quote, rel: r.id,
              citations: size(r.citation_sources), handling: r.citation_handling, contested: r.contested_fields}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.id, row.role, row.rel SKIP $offset LIMIT $limit
RETURN total, row.id AS id, row.name AS name, row.status AS status, row.as_of AS status_as_of,
       row.source AS status_source, row.role AS role, row.paragraphs AS status_paragraphs,
       row.quote AS status_quote, row.citations AS citations, row.handling AS citation_handling,
       row.contested AS contested_fields
ORDER BY id, role
