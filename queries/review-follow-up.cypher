/*
name: review-follow-up
title: Reviews, their recommendations, and what was said to be done
question: Which reviews were commissioned, by whom, what did they recommend, and what does each institution say it has done about it?
parameters: {}
page: {limit: 50}
sort_lists: [commissioned_by, responses]
*/
// One row per recommendation (a review without any has one row), with every
// response to it: what was said, by whom (id and name), in which paragraphs.
// Recommendations are paged first; responses are gathered for the page only.
MATCH (r:Review)
OPTIONAL MATCH (r)-[:RECOMMENDS]->(rec:Recommendation)
WITH count(*) AS total
MATCH (r:Review)
OPTIONAL MATCH (r)-[:RECOMMENDS]->(rec:Recommendation)
WITH total, r, rec ORDER BY r.id, rec.summary, rec.id SKIP $offset LIMIT $limit
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
