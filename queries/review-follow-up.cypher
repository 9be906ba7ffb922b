/*
name: review-follow-up
title: Reviews, their recommendations, and what was said to be done
question: Which reviews were commissioned, by whom, what did they recommend, and what does each institution say it has done about it (each response's statement, its paragraphs and the 3x5x2 handling code of each of the statement's citations)?
parameters: {}
page: {limit: 50}
sort_lists: [commissioned_by, responses]
*/
// One row per recommendation (a review without any has one row), with every
// response to it: what was said, by whom (id and name), in which paragraphs.
// Recommendations are paged first; responses are gathered for the page only.
// The rows' order (review id, recommendation summary, recommendation id) is stored at build time
// (`follow_up_rank` on each RECOMMENDS link, and on a review that recommends nothing, with the
// rows' `follow_up_total`: `casegraph.schemas.aggregates.FollowUpOrder`), so a page is a range of
// ranks found by a range index seek, never a sort of every review's recommendations.
// (LadybugDB, which has no index to seek, reads the ranks the build filed: ladybug/review-follow-up.cypher.)
CALL {
  MATCH (r:Review)
  WHERE r.follow_up_rank >= $offset AND r.follow_up_rank < $offset + $limit
  RETURN r, NULL AS rec, r.follow_up_rank AS rank, r.follow_up_total AS total
  UNION ALL
  MATCH (r:Review)-[k:RECOMMENDS]->(rec:Recommendation)
  WHERE k.follow_up_rank >= $offset AND k.follow_up_rank < $offset + $limit
  RETURN r, rec, k.follow_up_rank AS rank, k.follow_up_total AS total
}
WITH total, r, rec ORDER BY rank
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
