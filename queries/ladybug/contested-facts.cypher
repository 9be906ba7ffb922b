MATCH (n)
WHERE size(n.contested_fields) > 0 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
RETURN label(n) AS fact, n.id AS id, coalesce(n.name, n.title, n.summary) AS name,
       n.contested_fields AS fields, n.contested_values AS `values`, n.contested_sources AS value_sources,
       n.citation_sources AS sources, n.citation_paragraphs AS paragraphs, n.citation_locators AS locators,
       n.citation_statuses AS statuses, n.citation_as_of AS as_of
ORDER BY fact, id LIMIT $limit
UNION ALL
MATCH (a)-[r]->(b)
WHERE size(r.contested_fields) > 0
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
RETURN label(r) AS fact, r.id AS id, a.id + ' -> ' + b.id AS name,
       r.contested_fields AS fields, r.contested_values AS `values`, r.contested_sources AS value_sources,
       r.citation_sources AS sources, r.citation_paragraphs AS paragraphs, r.citation_locators AS locators,
       r.citation_statuses AS statuses, r.citation_as_of AS as_of
ORDER BY fact, id LIMIT $limit
