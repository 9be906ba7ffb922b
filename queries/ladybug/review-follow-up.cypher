// The common text's answer, the order computed here (the common, Neo4j, text seeks the ranks the build stored,
// `FollowUpOrder`; LadybugDB has no index): recommendations are sorted and paged on their ids and
// summaries alone (carrying nodes through the sort is several times slower there).
MATCH (r:Review)
OPTIONAL MATCH (r)-[:RECOMMENDS]->(rec:Recommendation)
WITH r.id AS review, rec.summary AS summary, rec.id AS rec_id
WITH count(*) AS total, collect({review: review, summary: summary, rec_id: rec_id}) AS found
UNWIND found AS row
WITH total, row ORDER BY row.review, row.summary, row.rec_id SKIP $offset LIMIT $limit
MATCH (r:Review)
WHERE r.id = row.review
OPTIONAL MATCH (r)-[:RECOMMENDS]->(rec:Recommendation)
WHERE rec.id = row.rec_id
OPTIONAL MATCH (r)-[:COMMISSIONED_BY]->(by)
WITH total, r, rec, collect(DISTINCT by.name) AS commissioned_by
OPTIONAL MATCH (s:Statement)-[resp:RESPONDS_TO]->(rec)
OPTIONAL MATCH (s)-[:MADE_BY]->(speaker)
WITH total, r, rec, commissioned_by,
     collect(CASE WHEN s IS NULL THEN NULL
                  ELSE {response: resp.response, said_by: speaker.name, said_by_id: speaker.id,
                        statement: s.id, paragraphs: s.paragraphs} END) AS responses
RETURN total, r.id AS review, r.name AS name, r.period AS period, commissioned_by,
       rec.id AS recommendation_id, rec.summary AS recommendation, responses
ORDER BY review, recommendation, recommendation_id
