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
// Counted at build time (`casegraph.graph.aggregates`: the cases that show the
// indicator, their boroughs and decades), so no case is read here.
// `statuses`: the claim statuses of the SHOWS links counted (alleged, acquitted... never hidden).
MATCH (i:Indicator)
WHERE i.case_records > 0 AND size(i.case_borough_ids) >= $min_boroughs
WITH collect({indicator: i.id, name: i.name, boroughs: size(i.case_borough_ids), decades: size(i.case_decades),
              cases: i.case_records, borough_ids: i.case_borough_ids, borough_names: i.case_borough_names,
              decade_list: i.case_decades, statuses: i.case_statuses}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.boroughs DESC, row.decades DESC, row.cases DESC, row.indicator
     SKIP $offset LIMIT $limit
RETURN total, row.indicator AS indicator, row.name AS name, row.boroughs AS boroughs, row.decades AS decades,
       row.cases AS cases, row.borough_names AS borough_names, row.borough_ids AS borough_ids,
       row.decade_list AS decade_list, row.statuses AS statuses
ORDER BY boroughs DESC, decades DESC, cases DESC, indicator
