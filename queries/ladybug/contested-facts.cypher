// LadybugDB: one database per profile, so every table may be scanned; label() names it.
MATCH (n)
WHERE size(n.contested_fields) > 0 AND ($include_restricted OR n.sensitivity = 'public')
  AND ($reliability = '' OR $reliability IN n.citation_reliability)
  AND ($credibility = '' OR $credibility IN n.citation_credibility)
WITH collect({fact: label(n), id: n.id, name: coalesce(n.name, n.title, n.summary),
              fields: n.contested_fields, `values`: n.contested_values, value_sources: n.contested_sources,
              sources: n.citation_sources, paragraphs: n.citation_paragraphs, locators: n.citation_locators,
              statuses: n.citation_statuses, as_of: n.citation_as_of}) AS nodes
OPTIONAL MATCH (a)-[r]->(b)
WHERE size(r.contested_fields) > 0
  AND ($include_restricted OR (r.sensitivity = 'public' AND a.sensitivity = 'public' AND b.sensitivity = 'public'))
  AND ($reliability = '' OR $reliability IN r.citation_reliability)
  AND ($credibility = '' OR $credibility IN r.citation_credibility)
WITH nodes, collect({fact: label(r), id: r.id, name: a.id + ' -> ' + b.id,
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
