/*
name: recurring-indicators
title: Patterns that recur across boroughs and decades
question: Which indicators recur across the most boroughs and the most decades?
parameters:
  min_boroughs: {type: int, default: 1, description: only indicators seen in at least this many boroughs}
page: {limit: 50}
sort_lists: [borough_names, borough_ids, decade_list, statuses]
*/
// A case counts in every decade its period touches (2000-2016: 2000s and 2010s);
// a case whose period is unknown counts in no decade, never in a guessed one.
// Aggregate first: (indicator, borough) pairs and (indicator, first decade, last
// decade) spans, a few thousand rows, before any list is built.
// `statuses`: the claim statuses of the SHOWS links counted (alleged, acquitted... never hidden).
MATCH (i:Indicator)<-[:SHOWS]-(d:CaseFile)
WITH i, d.year_start - d.year_start % 10 AS first,
     coalesce(d.year_end, d.year_start) - coalesce(d.year_end, d.year_start) % 10 AS last, count(DISTINCT d) AS spanned
WITH i, sum(spanned) AS cases, collect(CASE WHEN first IS NULL THEN NULL ELSE {first: first, last: last} END) AS spans
UNWIND spans + [{first: -1, last: -1}] AS span  // -1 keeps an indicator none of whose cases has a known period
UNWIND range(span.first, span.last, 10) AS decade
WITH i, cases, collect(DISTINCT CASE WHEN decade < 0 THEN NULL ELSE decade END) AS decade_list
OPTIONAL MATCH (i)<-[:SHOWS]-(:CaseFile)-[:IN_BOROUGH]->(b:Borough)
WITH i, cases, decade_list, b.id AS borough_id, b.name AS borough_name, count(*) AS links
WITH i, cases, decade_list, collect(borough_id) AS borough_ids, collect(borough_name) AS borough_names
WHERE size(borough_ids) >= $min_boroughs
MATCH (i)<-[s:SHOWS]-(:CaseFile)
WITH i, cases, decade_list, borough_ids, borough_names, collect(DISTINCT s.status) AS statuses
WITH collect({indicator: i.id, name: i.name, boroughs: size(borough_ids), decades: size(decade_list), cases: cases,
              borough_ids: borough_ids, borough_names: borough_names, decade_list: decade_list,
              statuses: statuses}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.boroughs DESC, row.decades DESC, row.cases DESC, row.indicator
     SKIP $offset LIMIT $limit
RETURN total, row.indicator AS indicator, row.name AS name, row.boroughs AS boroughs, row.decades AS decades,
       row.cases AS cases, row.borough_names AS borough_names, row.borough_ids AS borough_ids,
       row.decade_list AS decade_list, row.statuses AS statuses
ORDER BY boroughs DESC, decades DESC, cases DESC, indicator
