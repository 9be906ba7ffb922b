/*
name: recurring-indicators
title: Patterns that recur across boroughs and decades
question: Which indicators recur across the most boroughs and the most decades?
parameters:
  min_boroughs: {type: int, default: 1, description: only indicators seen in at least this many boroughs}
page: {limit: 50}
sort_lists: [borough_names, borough_ids, decade_list]
*/
// A case counts in every decade its period touches (2000-2016: 2000s and 2010s);
// a case whose period is unknown counts in no decade, never in a guessed one.
// Aggregate first: for each indicator and each borough (then each decade the
// data spans) ask whether one case links them, instead of expanding every case.
MATCH (c:CaseFile)
WHERE c.year_start IS NOT NULL
WITH min(c.year_start) AS earliest, max(coalesce(c.year_end, c.year_start)) AS latest
MATCH (i:Indicator)
WITH earliest, latest, i, COUNT { MATCH (i)<-[:SHOWS]-(:CaseFile) } AS cases
WHERE cases > 0
OPTIONAL MATCH (b:Borough)
WHERE EXISTS { MATCH (i)<-[:SHOWS]-(:CaseFile)-[:IN_BOROUGH]->(b) }
WITH earliest, latest, i, cases, collect(b.id) AS borough_ids, collect(b.name) AS borough_names
WHERE size(borough_ids) >= $min_boroughs
// NULL stands in for "no decade", so an indicator whose cases all have unknown periods stays.
UNWIND CASE WHEN earliest IS NULL THEN [NULL]
            ELSE range(earliest - earliest % 10, latest - latest % 10, 10) + [NULL] END AS decade
WITH i, cases, borough_ids, borough_names, decade
WHERE decade IS NULL
   OR EXISTS { MATCH (i)<-[:SHOWS]-(d:CaseFile)
               WHERE d.year_start < decade + 10 AND coalesce(d.year_end, d.year_start) >= decade }
WITH i, cases, borough_ids, borough_names, collect(decade) AS decade_list
WITH collect({indicator: i.id, name: i.name, boroughs: size(borough_ids), decades: size(decade_list), cases: cases,
              borough_ids: borough_ids, borough_names: borough_names, decade_list: decade_list}) AS found
UNWIND found AS row
WITH size(found) AS total, row ORDER BY row.boroughs DESC, row.decades DESC, row.cases DESC, row.indicator
     SKIP $offset LIMIT $limit
RETURN total, row.indicator AS indicator, row.name AS name, row.boroughs AS boroughs, row.decades AS decades,
       row.cases AS cases, row.borough_names AS borough_names, row.borough_ids AS borough_ids,
       row.decade_list AS decade_list
ORDER BY boroughs DESC, decades DESC, cases DESC, indicator
