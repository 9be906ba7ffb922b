/*
name: review-follow-up
title: Reviews, their recommendations, and what was said to be done
question: Which reviews were commissioned, by whom, what did they recommend, and what does each institution say it has done about it?
parameters: {}
sort_lists: [commissioned_by]
*/
MATCH (r:Review)
OPTIONAL MATCH (r)-[:COMMISSIONED_BY]->(by)
WITH r, collect(DISTINCT by.name) AS commissioned_by
OPTIONAL MATCH (r)-[:RECOMMENDS]->(rec:Recommendation)
OPTIONAL MATCH (s:Statement)-[resp:RESPONDS_TO]->(rec)
OPTIONAL MATCH (s)-[:MADE_BY]->(speaker)
RETURN r.id AS review, r.name AS name, r.period AS period, commissioned_by,
       rec.summary AS recommendation, resp.response AS response,
       speaker.name AS said_by, s.paragraphs AS paragraphs
ORDER BY review, recommendation, said_by
