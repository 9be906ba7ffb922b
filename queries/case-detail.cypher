/*
name: case-detail
title: Everything linked to one case
question: What does the graph hold about this case, and where does each fact come from?
parameters:
  case_id: {type: string, required: true, description: id of the case}
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
page: {limit: 100}
*/
MATCH (c:CaseFile {id: $case_id})-[r]-(x)
WHERE (x.sensitivity = 'public' AND r.sensitivity = 'public') OR $include_restricted
WITH collect({id: x.id, name: coalesce(x.name, x.title, x.summary), status: r.status, role: r.role,
              source: r.source, paragraphs: r.paragraphs, quote: r.quote, rel: r.id}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.id, row.role, row.rel SKIP $offset LIMIT $limit
RETURN total, row.id AS id, row.name AS name, row.status AS status, row.role AS role,
       row.source AS source, row.paragraphs AS paragraphs, row.quote AS quote
ORDER BY id, role
