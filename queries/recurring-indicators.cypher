/*
name: recurring-indicators
title: Patterns that recur across boroughs and decades
question: Which indicators recur across the most boroughs and the most decades?
parameters:
  min_boroughs: {type: int, default: 1, description: only indicators seen in at least this many boroughs}
sort_lists: [borough_names, decade_list, statuses]
*/
// A case counts in every decade its period touches (2000-2016: 2000s and 2010s);
// a case whose period is unknown counts in no decade, never in a guessed one.
// `statuses`: the claim statuses of the SHOWS links counted (alleged, acquitted... never hidden).
MATCH (i:Indicator)<-[s:SHOWS]-(c:CaseFile)
OPTIONAL MATCH (c)-[:IN_BOROUGH]->(b:Borough)
WITH i, count(DISTINCT c) AS cases, collect(DISTINCT b.name) AS borough_names, collect(DISTINCT s.status) AS statuses
WHERE size(borough_names) >= $min_boroughs
OPTIONAL MATCH (i)<-[:SHOWS]-(d:CaseFile)
WITH i, cases, borough_names, statuses,
     CASE WHEN d.year_start IS NULL THEN [NULL]
          ELSE range(d.year_start - d.year_start % 10,
                     coalesce(d.year_end, d.year_start) - coalesce(d.year_end, d.year_start) % 10, 10)
     END AS touched
UNWIND touched AS decade
WITH i, cases, borough_names, statuses, collect(DISTINCT decade) AS decade_list
RETURN i.id AS indicator, i.name AS name, size(borough_names) AS boroughs,
       size(decade_list) AS decades, cases, borough_names, decade_list, statuses
ORDER BY boroughs DESC, decades DESC, cases DESC, indicator
