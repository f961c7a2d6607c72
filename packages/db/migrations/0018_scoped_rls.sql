ALTER TABLE "onboarding_imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sla_policies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notification_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_rollups_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_rollups_monthly" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_rollups_yearly" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "rollup_dirty" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "score_weights" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "onboarding_imports_scope" ON "onboarding_imports" AS PERMISSIVE FOR ALL TO public USING (created_by = nullif(current_setting('app.user_id', true), '')::uuid or scope_district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or current_setting('app.system', true) in ('maintenance')) WITH CHECK (created_by = nullif(current_setting('app.user_id', true), '')::uuid or scope_district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or current_setting('app.system', true) in ('maintenance'));--> statement-breakpoint
CREATE POLICY "sla_policies_read" ON "sla_policies" AS PERMISSIVE FOR SELECT TO public USING (org_unit_id = nullif(current_setting('app.tenant_id', true), '')::uuid or org_unit_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))
        or org_unit_id in (select o.district_id from org_units o where o.id = nullif(current_setting('app.tenant_id', true), '')::uuid or o.id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])))
        or org_unit_id in (select o.id from org_units o where o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))
  union select m.unit_id from org_unit_moves m where m.from_street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or m.from_district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))) or current_setting('app.system', true) in ('deadline-sweep', 'maintenance'));--> statement-breakpoint
CREATE POLICY "sla_policies_write" ON "sla_policies" AS PERMISSIVE FOR ALL TO public USING (org_unit_id = nullif(current_setting('app.tenant_id', true), '')::uuid or org_unit_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or current_setting('app.system', true) in ('maintenance')) WITH CHECK (org_unit_id = nullif(current_setting('app.tenant_id', true), '')::uuid or org_unit_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or current_setting('app.system', true) in ('maintenance'));--> statement-breakpoint
CREATE POLICY "notification_settings_read" ON "notification_settings" AS PERMISSIVE FOR SELECT TO public USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid or nullif(current_setting('app.tenant_id', true), '')::uuid is not null or ((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]) is not null or current_setting('app.system', true) in ('outbox-relay', 'maintenance'));--> statement-breakpoint
CREATE POLICY "notification_settings_own" ON "notification_settings" AS PERMISSIVE FOR ALL TO public USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('maintenance')) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('maintenance'));--> statement-breakpoint
CREATE POLICY "case_rollups_daily_read" ON "case_rollups_daily" AS PERMISSIVE FOR SELECT TO public USING (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or community_id in (select o.id from org_units o where o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))
  union select m.unit_id from org_unit_moves m where m.from_street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or m.from_district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))) or current_setting('app.system', true) in ('rollup-refresh', 'maintenance', 'street-aggregate'));--> statement-breakpoint
CREATE POLICY "case_rollups_daily_write" ON "case_rollups_daily" AS PERMISSIVE FOR ALL TO public USING (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('rollup-refresh', 'maintenance')) WITH CHECK (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('rollup-refresh', 'maintenance'));--> statement-breakpoint
CREATE POLICY "case_rollups_monthly_read" ON "case_rollups_monthly" AS PERMISSIVE FOR SELECT TO public USING (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or community_id in (select o.id from org_units o where o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))
  union select m.unit_id from org_unit_moves m where m.from_street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or m.from_district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))) or current_setting('app.system', true) in ('rollup-refresh', 'maintenance', 'street-aggregate'));--> statement-breakpoint
CREATE POLICY "case_rollups_monthly_write" ON "case_rollups_monthly" AS PERMISSIVE FOR ALL TO public USING (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('rollup-refresh', 'maintenance')) WITH CHECK (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('rollup-refresh', 'maintenance'));--> statement-breakpoint
CREATE POLICY "case_rollups_yearly_read" ON "case_rollups_yearly" AS PERMISSIVE FOR SELECT TO public USING (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or community_id in (select o.id from org_units o where o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))
  union select m.unit_id from org_unit_moves m where m.from_street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or m.from_district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))) or current_setting('app.system', true) in ('rollup-refresh', 'maintenance', 'street-aggregate'));--> statement-breakpoint
CREATE POLICY "case_rollups_yearly_write" ON "case_rollups_yearly" AS PERMISSIVE FOR ALL TO public USING (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('rollup-refresh', 'maintenance')) WITH CHECK (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('rollup-refresh', 'maintenance'));--> statement-breakpoint
CREATE POLICY "rollup_dirty_scope" ON "rollup_dirty" AS PERMISSIVE FOR ALL TO public USING (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('rollup-refresh', 'maintenance')) WITH CHECK (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('rollup-refresh', 'maintenance'));--> statement-breakpoint
CREATE POLICY "score_weights_read" ON "score_weights" AS PERMISSIVE FOR SELECT TO public USING (district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or district_id in (select o.district_id from org_units o where o.id = nullif(current_setting('app.tenant_id', true), '')::uuid or o.id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))) or current_setting('app.system', true) in ('maintenance'));--> statement-breakpoint
CREATE POLICY "score_weights_write" ON "score_weights" AS PERMISSIVE FOR ALL TO public USING (district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or current_setting('app.system', true) in ('maintenance')) WITH CHECK (district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or current_setting('app.system', true) in ('maintenance'));--> statement-breakpoint
-- Decision 019: FORCE binds the owner too (migrations, seed); the catalog test fails for a table without it.
ALTER TABLE "onboarding_imports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sla_policies" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notification_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_rollups_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_rollups_monthly" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_rollups_yearly" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "rollup_dirty" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "score_weights" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Decision 019: a community's dashboard compares it with its street's average. The community's own scope reads only
-- its own rollups, so the street's total comes from this function: aggregates only (one row of summed counters and
-- how many communities they cover), for communities of the caller's own street (now, or before a move), whatever
-- ids are asked for. It runs as the owner, which FORCE binds to RLS too, so for its one query it declares the
-- database-side scope 'street-aggregate' (admitted by the rollups' read policy, set by nothing in the apps) and then
-- puts back what the caller had declared (a failure aborts the caller's (sub)transaction, which reverts it too).
CREATE FUNCTION street_rollup_totals(p_ids uuid[], p_from date, p_to date)
RETURNS TABLE (communities int, received int, "acceptedInTime" int, closed int, "closedInTime" int, "overdueOpen" int, due int, "dueClosed" int,
  rated int, satisfied int, reopened int, escalated int, forwarded int, "autoEscalated" int, "acceptMsSum" float8,
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
    coalesce(sum(r.rated), 0)::int, coalesce(sum(r.satisfied), 0)::int, coalesce(sum(r.reopened), 0)::int,
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
