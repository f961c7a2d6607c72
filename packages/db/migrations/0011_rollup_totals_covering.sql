-- The monthly totals index covers the counters, so a district's month-by-month sums are an index-only scan.
DROP INDEX IF EXISTS "case_rollups_monthly_totals_idx";--> statement-breakpoint
CREATE INDEX "case_rollups_monthly_totals_idx" ON "case_rollups_monthly" USING btree ("month","community_id")
  INCLUDE ("received","accepted_in_time","closed","closed_in_time","due","due_closed","rated","satisfied","reopened","escalated","forwarded","auto_escalated","accept_ms_sum","accept_count","close_ms_sum","close_count")
  WHERE "case_rollups_monthly"."category_name" = '*';
--> statement-breakpoint
-- The same for yearly totals.
CREATE INDEX "case_rollups_yearly_totals_idx" ON "case_rollups_yearly" USING btree ("year","community_id")
  INCLUDE ("received","accepted_in_time","closed","closed_in_time","due","due_closed","rated","satisfied","reopened","escalated","forwarded","auto_escalated","accept_ms_sum","accept_count","close_ms_sum","close_count")
  WHERE "case_rollups_yearly"."category_name" = '*';--> statement-breakpoint
-- A list of community ids passed as one JSON parameter. Declared as returning about a thousand rows (a district),
-- so the planner hashes it instead of probing an index once per id.
CREATE OR REPLACE FUNCTION uuid_list(ids jsonb) RETURNS SETOF uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 1000
  AS $$ select value::uuid from jsonb_array_elements_text(ids) $$;
