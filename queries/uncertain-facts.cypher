/*
name: uncertain-facts
title: Cases with unknown or inferred facts
question: Which cases have an unknown period, facts casegraph inferred, or no individual detail in the source (and the 3x5x2 handling code of each citation of the case and of those inferred links, which give what its row says)?
parameters: {}
page: {limit: 50}
sort_lists: [inferred]
*/
// Which cases qualify is decided at build time, on the case alone: its own fields and its
// inferred links (`inferred_links`, and what they say: `inferred_link_texts`); each qualifying case
// has its place by id (`uncertain_rank`) and the answer's length (`uncertain_total`), so a page is a
// range of ranks (a range index seek in Neo4j), never a scan of every case or of its links.
MATCH (c:CaseFile)
WHERE c.uncertain_rank >= $offset AND c.uncertain_rank < $offset + $limit
RETURN c.uncertain_total AS total, c.id AS case_id, c.title AS title, c.period AS period,
       c.described_individually AS described_individually, c.inferred_link_texts AS inferred,
       c.citation_handling + coalesce(c.inferred_link_handling, []) AS citation_handling
ORDER BY case_id
