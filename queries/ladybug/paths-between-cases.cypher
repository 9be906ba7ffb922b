MATCH p = (a:CaseFile {id: $from})-[* TRAIL 1..5]-(b:CaseFile {id: $to})
WHERE length(p) <= $max_hops
  AND ($include_restricted OR all(n IN nodes(p) WHERE n.sensitivity = 'public'))
RETURN length(p) AS hops, p AS path
ORDER BY hops
