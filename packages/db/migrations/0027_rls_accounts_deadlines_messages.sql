ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_holdings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deadlines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "memberships_read" ON "memberships" AS PERMISSIVE FOR SELECT TO public USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid or org_unit_id = nullif(current_setting('app.tenant_id', true), '')::uuid or org_unit_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))
        or org_unit_id in (select o.id from org_units o where o.kind <> 'community' and (
    o.id in (select c.district_id from org_units c where c.id = nullif(current_setting('app.tenant_id', true), '')::uuid) or o.district_id in (select c.district_id from org_units c where c.id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    or o.id in (select coalesce(u.district_id, u.id) from org_units u where u.id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))) or o.district_id in (select coalesce(u.district_id, u.id) from org_units u where u.id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))))) or org_unit_id in (select o.id from org_units o where o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))
  union select m.unit_id from org_unit_moves m where m.from_street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or m.from_district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])))
        or current_setting('app.system', true) in ('authentication', 'maintenance', 'account-lookup'));--> statement-breakpoint
CREATE POLICY "memberships_write" ON "memberships" AS PERMISSIVE FOR ALL TO public USING (org_unit_id = nullif(current_setting('app.tenant_id', true), '')::uuid or org_unit_id in (select o.id from org_units o where o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.parent_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))) or current_setting('app.system', true) in ('authentication', 'maintenance')) WITH CHECK (org_unit_id = nullif(current_setting('app.tenant_id', true), '')::uuid or org_unit_id in (select o.id from org_units o where o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.parent_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))) or current_setting('app.system', true) in ('authentication', 'maintenance'));--> statement-breakpoint
CREATE POLICY "users_read" ON "users" AS PERMISSIVE FOR SELECT TO public USING (id = nullif(current_setting('app.user_id', true), '')::uuid or id in (select m.user_id from memberships m) or id in (select i.user_id from invitations i)
        or current_setting('app.system', true) in ('authentication', 'maintenance', 'account-lookup'));--> statement-breakpoint
CREATE POLICY "users_create" ON "users" AS PERMISSIVE FOR INSERT TO public WITH CHECK (nullif(current_setting('app.tenant_id', true), '')::uuid is not null or ((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]) is not null or current_setting('app.system', true) in ('authentication', 'maintenance'));--> statement-breakpoint
CREATE POLICY "users_write" ON "users" AS PERMISSIVE FOR UPDATE TO public USING (id = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('authentication', 'maintenance')) WITH CHECK (id = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('authentication', 'maintenance'));--> statement-breakpoint
CREATE POLICY "users_delete" ON "users" AS PERMISSIVE FOR DELETE TO public USING (current_setting('app.system', true) in ('maintenance'));--> statement-breakpoint
CREATE POLICY "case_holdings_community" ON "case_holdings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('maintenance')) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('maintenance'));--> statement-breakpoint
CREATE POLICY "case_holdings_officers" ON "case_holdings" AS PERMISSIVE FOR SELECT TO public USING (street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or holder_org_unit_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or co_holder_ids && ((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]));--> statement-breakpoint
CREATE POLICY "deadlines_community" ON "deadlines" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('maintenance')) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('maintenance'));--> statement-breakpoint
CREATE POLICY "deadlines_read" ON "deadlines" AS PERMISSIVE FOR SELECT TO public USING (current_setting('app.system', true) in ('deadline-sweep') or holder_org_unit_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or tenant_id in (select o.id from org_units o where o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))
  union select m.unit_id from org_unit_moves m where m.from_street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or m.from_district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))));--> statement-breakpoint
CREATE POLICY "notifications_own" ON "notifications" AS PERMISSIVE FOR ALL TO public USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('maintenance')) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('maintenance'));--> statement-breakpoint
CREATE POLICY "notifications_send" ON "notifications" AS PERMISSIVE FOR INSERT TO public WITH CHECK (community_id = nullif(current_setting('app.tenant_id', true), '')::uuid or community_id in (select o.id from org_units o where o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))
  union select m.unit_id from org_unit_moves m where m.from_street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or m.from_district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[]))));--> statement-breakpoint
CREATE POLICY "outbox_scope" ON "outbox" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('outbox-relay', 'maintenance')) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or current_setting('app.system', true) in ('outbox-relay', 'maintenance'));--> statement-breakpoint
CREATE POLICY "outbox_reset_code" ON "outbox" AS PERMISSIVE FOR INSERT TO public WITH CHECK (current_setting('app.system', true) in ('authentication') and kind = 'password_reset_code');--> statement-breakpoint
-- Decision 019: FORCE binds the owner too (migrations, seed); the catalog test fails for a table without it.
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deadlines" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_holdings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The account rules (decision 029: an admin acts only on accounts whose every membership lies within their reach)
-- need every membership of the target account, which the caller's scope does not see. This function answers ids,
-- roles and units only (no names, no contacts), for any scope that declared something (no setting = no rows). It
-- runs as the owner, which FORCE binds to RLS too, so for its one query it declares the database-side scope
-- 'account-lookup' (admitted by the memberships and users read policies, set by nothing in the apps), then puts
-- back what the caller had declared.
CREATE FUNCTION account_places(p_users uuid[])
RETURNS TABLE (user_id uuid, role role, org_unit_id uuid, unit_kind org_kind, district_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  previous text := coalesce(current_setting('app.system', true), '');
BEGIN
  IF coalesce(current_setting('app.tenant_id', true), '') = '' AND coalesce(current_setting('app.unit_ids', true), '') = ''
     AND coalesce(current_setting('app.user_id', true), '') = '' AND previous = '' THEN
    RETURN;
  END IF;
  PERFORM set_config('app.system', 'account-lookup', true);
  RETURN QUERY
    select m.user_id, m.role, m.org_unit_id, o.kind, case when o.kind = 'district' then o.id else o.district_id end
    from memberships m left join org_units o on o.id = m.org_unit_id
    where m.user_id = any(p_users)
    order by m.user_id, m.created_at;
  PERFORM set_config('app.system', previous, true);
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION account_places(uuid[]) FROM public;
--> statement-breakpoint
-- Inviting someone by mobile or email must know whether that account exists (and has a password, so the invitation
-- asks for it; by mobile when given, else by email), without the inviter's scope reading accounts it has no business with: the id and that flag only,
-- never a name, contact or password hash; for a scope that declared a community or units, or maintenance.
CREATE FUNCTION account_by_identifier(p_mobile text, p_email text)
RETURNS TABLE (user_id uuid, has_password boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  previous text := coalesce(current_setting('app.system', true), '');
BEGIN
  IF coalesce(current_setting('app.tenant_id', true), '') = '' AND coalesce(current_setting('app.unit_ids', true), '') = ''
     AND previous NOT IN ('maintenance', 'authentication') THEN
    RETURN;
  END IF;
  PERFORM set_config('app.system', 'account-lookup', true);
  RETURN QUERY
    select u.id, u.password_hash is not null from users u
    where case when p_mobile is not null then u.mobile = p_mobile else u.email = p_email end
    limit 1;
  PERFORM set_config('app.system', previous, true);
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION account_by_identifier(text, text) FROM public;
