ALTER TYPE "public"."notification_kind" ADD VALUE 'case_merged';--> statement-breakpoint
ALTER TABLE "case_rollups_daily" ADD COLUMN "rateable" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_rollups_monthly" ADD COLUMN "rateable" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_rollups_yearly" ADD COLUMN "rateable" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_tenant_merged_into_idx" ON "cases" USING btree ("tenant_id","merged_into_id") WHERE "cases"."merged_into_id" is not null;
--> statement-breakpoint
-- 评价率 counts every reporter who could rate (issue 15: reporters of merged wishes follow the case they were merged
-- into and rate it). Until the worker recomputes them, existing rows get the old denominator (one per closed case),
-- which is exact wherever nothing was merged. Rollups are under FORCE RLS (0018): this migration declares the
-- maintenance scope for its own transaction.
SELECT set_config('app.system', 'maintenance', true);--> statement-breakpoint
UPDATE "case_rollups_daily" SET "rateable" = "closed";--> statement-breakpoint
UPDATE "case_rollups_monthly" SET "rateable" = "closed";--> statement-breakpoint
UPDATE "case_rollups_yearly" SET "rateable" = "closed";--> statement-breakpoint
DROP INDEX IF EXISTS "case_rollups_monthly_totals_idx";--> statement-breakpoint
CREATE INDEX "case_rollups_monthly_totals_idx" ON "case_rollups_monthly" USING btree ("month","community_id")
  INCLUDE ("received","accepted_in_time","closed","closed_in_time","overdue_open","due","due_closed","rated","satisfied","rateable","reopened","escalated","forwarded","auto_escalated","accept_ms_sum","accept_count","close_ms_sum","close_count")
  WHERE "case_rollups_monthly"."category_name" = '*';--> statement-breakpoint
DROP INDEX IF EXISTS "case_rollups_yearly_totals_idx";--> statement-breakpoint
CREATE INDEX "case_rollups_yearly_totals_idx" ON "case_rollups_yearly" USING btree ("year","community_id")
  INCLUDE ("received","accepted_in_time","closed","closed_in_time","overdue_open","due","due_closed","rated","satisfied","rateable","reopened","escalated","forwarded","auto_escalated","accept_ms_sum","accept_count","close_ms_sum","close_count")
  WHERE "case_rollups_yearly"."category_name" = '*';--> statement-breakpoint
-- Every rolled-up day is recomputed from the raw cases by the worker (merged wishes' ratings now count).
INSERT INTO "rollup_dirty" ("community_id", "day") SELECT DISTINCT "community_id", "day" FROM "case_rollups_daily" ON CONFLICT DO NOTHING;--> statement-breakpoint
SELECT set_config('app.system', '', true);--> statement-breakpoint
-- The street average (street_rollup_totals, 0018) carries the new counter too; its row type changes, so it is
-- dropped and created again, as before with only its own street's aggregate and no rights for public.
DROP FUNCTION IF EXISTS street_rollup_totals(uuid[], date, date);--> statement-breakpoint
CREATE FUNCTION street_rollup_totals(p_ids uuid[], p_from date, p_to date)
RETURNS TABLE (communities int, received int, "acceptedInTime" int, closed int, "closedInTime" int, "overdueOpen" int, due int, "dueClosed" int,
  rated int, satisfied int, rateable int, reopened int, escalated int, forwarded int, "autoEscalated" int, "acceptMsSum" float8,
  "acceptCount" int, "closeMsSum" float8, "closeCount" int, "acceptHist" int[], "closeHist" int[])
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  previous text := coalesce(current_setting('app.system', true), '');
BEGIN
  PERFORM set_config('app.system', 'street-aggregate', true);
  RETURN QUERY
  with me as (
    select o.street_id from org_units o where o.id = nullif(current_setting('app.tenant_id', true), '')::uuid and o.kind = 'community'
  ), peers as (
    select o.id from org_units o join me on o.street_id = me.street_id where o.kind = 'community'
    union select m.unit_id from org_unit_moves m join me on me.street_id in (m.from_street_id, m.to_street_id)
  ), chosen as (
    select distinct ids.id from unnest(p_ids) as ids(id) where ids.id in (select peers.id from peers)
  ), r as (
    select d.* from case_rollups_daily d where d.community_id in (select chosen.id from chosen) and d.day >= p_from and d.day < p_to
  )
  select (select count(*)::int from chosen),
    coalesce(sum(r.received), 0)::int, coalesce(sum(r.accepted_in_time), 0)::int, coalesce(sum(r.closed), 0)::int,
    coalesce(sum(r.closed_in_time), 0)::int, coalesce(sum(r.overdue_open), 0)::int, coalesce(sum(r.due), 0)::int, coalesce(sum(r.due_closed), 0)::int,
    coalesce(sum(r.rated), 0)::int, coalesce(sum(r.satisfied), 0)::int, coalesce(sum(r.rateable), 0)::int, coalesce(sum(r.reopened), 0)::int,
    coalesce(sum(r.escalated), 0)::int, coalesce(sum(r.forwarded), 0)::int, coalesce(sum(r.auto_escalated), 0)::int,
    coalesce(sum(r.accept_ms_sum::float8), 0), coalesce(sum(r.accept_count), 0)::int,
    coalesce(sum(r.close_ms_sum::float8), 0), coalesce(sum(r.close_count), 0)::int,
    (select coalesce(array_agg(h.s order by h.i), '{}') from (select u.i, sum(u.v)::int as s from r r2, unnest(r2.accept_hist) with ordinality u(v, i) group by u.i) h),
    (select coalesce(array_agg(h.s order by h.i), '{}') from (select u.i, sum(u.v)::int as s from r r2, unnest(r2.close_hist) with ordinality u(v, i) group by u.i) h)
  from r;
  PERFORM set_config('app.system', previous, true);
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION street_rollup_totals(uuid[], date, date) FROM public;
