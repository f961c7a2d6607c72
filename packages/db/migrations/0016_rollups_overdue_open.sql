ALTER TABLE "case_rollups_daily" ADD COLUMN "overdue_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_rollups_monthly" ADD COLUMN "overdue_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_rollups_yearly" ADD COLUMN "overdue_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- 按期办结率 now counts open cases past a time limit (issue 15): the covering indexes of the '*' totals carry the
-- new counter too, so comparisons stay index-only scans.
DROP INDEX IF EXISTS "case_rollups_monthly_totals_idx";--> statement-breakpoint
CREATE INDEX "case_rollups_monthly_totals_idx" ON "case_rollups_monthly" USING btree ("month","community_id")
  INCLUDE ("received","accepted_in_time","closed","closed_in_time","overdue_open","due","due_closed","rated","satisfied","reopened","escalated","forwarded","auto_escalated","accept_ms_sum","accept_count","close_ms_sum","close_count")
  WHERE "case_rollups_monthly"."category_name" = '*';--> statement-breakpoint
DROP INDEX IF EXISTS "case_rollups_yearly_totals_idx";--> statement-breakpoint
CREATE INDEX "case_rollups_yearly_totals_idx" ON "case_rollups_yearly" USING btree ("year","community_id")
  INCLUDE ("received","accepted_in_time","closed","closed_in_time","overdue_open","due","due_closed","rated","satisfied","reopened","escalated","forwarded","auto_escalated","accept_ms_sum","accept_count","close_ms_sum","close_count")
  WHERE "case_rollups_yearly"."category_name" = '*';--> statement-breakpoint
-- Existing rows were counted under the old definition: every day with a rollup is recomputed by the worker.
INSERT INTO "rollup_dirty" ("community_id", "day") SELECT DISTINCT "community_id", "day" FROM "case_rollups_daily" ON CONFLICT DO NOTHING;
