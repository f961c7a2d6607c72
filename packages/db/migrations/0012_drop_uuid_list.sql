-- Lists of ids now travel as one uuid[] parameter (uuidArray in src/uuid-array.ts): the planner knows its size, so a
-- district's sums stay index-only scans; through uuid_list it guessed 200 ids and probed an index a thousand times.
DROP FUNCTION IF EXISTS uuid_list(jsonb);
