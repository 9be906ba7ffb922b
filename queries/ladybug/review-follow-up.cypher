// The rows' order as the build filed it (`FollowUpOrder`: each row under `follow_up:<rank>`, with a
// RECOMMENDS row's review and recommendation ids; `FiledFact`: LadybugDB has no index to seek a range
// of ranks), so a page is one primary-key lookup per row, then its review by its primary key: never
// a sort of every review's recommendations.
// (`CAST`: LadybugDB types a small parameter as INT8, so `$offset + $limit` could overflow.)
UNWIND range(CAST($offset AS INT64), CAST($offset AS INT64) + $limit - 1) AS rank
MATCH (f:FiledFact {key: 'follow_up:' + CAST(rank AS STRING)})
WITH f.total AS total, coalesce(f.from_id, f.id) AS review, f.to_id AS rec_id
MATCH (r:Review {id: review})
// (the recommendation reached from its review: a separate lookup fails LadybugDB's later expansion from it)
OPTIONAL MATCH (r)-[:RECOMMENDS]->(rec:Recommendation)
WHERE rec.id = rec_id
OPTIONAL MATCH (r)-[:COMMISSIONED_BY]->(by)
WITH total, r, rec, collect(DISTINCT by.name) AS commissioned_by
OPTIONAL MATCH (s:Statement)-[resp:RESPONDS_TO]->(rec)
OPTIONAL MATCH (s)-[:MADE_BY]->(speaker)
WITH total, r, rec, commissioned_by,
     collect(CASE WHEN s IS NULL THEN NULL
                  ELSE {response: resp.response, said_by: speaker.name, said_by_id: speaker.id,
                        statement: s.id, paragraphs: s.paragraphs,
                        citation_handling: s.citation_handling} END) AS responses
RETURN total, r.id AS review, r.name AS name, r.period AS period, commissioned_by,
       rec.id AS recommendation_id, rec.summary AS recommendation, responses
ORDER BY review, recommendation, recommendation_id
