/*
name: case-detail
title: Everything linked to one case
question: What does the graph hold about this case, and where does each fact come from?
parameters:
  case_id: {type: string, node: CaseFile, required: true, description: id of the case}
  include_restricted: {type: bool, default: false, description: include restricted people and facts}
*/
MATCH (c:CaseFile {id: $case_id})-[r]-(x)
WHERE (x.sensitivity = 'public' AND r.sensitivity = 'public') OR $include_restricted
RETURN x.id AS id, coalesce(x.name, x.title, x.summary) AS name, r.status AS status,
       r.role AS role, r.source AS source, r.paragraphs AS paragraphs, r.quote AS quote
ORDER BY id, role
