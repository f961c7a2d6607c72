CREATE TABLE "care_offline_edits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"base_version" timestamp with time zone NOT NULL,
	"base" jsonb NOT NULL,
	"mine" jsonb NOT NULL,
	"theirs" jsonb,
	"status" varchar(10) NOT NULL,
	"chosen" jsonb,
	"edited_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "care_offline_edits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "care_offline_edits_status_check" CHECK (status in ('applied', 'conflict', 'resolved'))
);
--> statement-breakpoint
ALTER TABLE "care_offline_edits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "care_offline_edits" ADD CONSTRAINT "care_offline_edits_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_offline_edits" ADD CONSTRAINT "care_offline_edits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_offline_edits" ADD CONSTRAINT "care_offline_edits_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_offline_edits" ADD CONSTRAINT "care_offline_edits_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_offline_edits_status_idx" ON "care_offline_edits" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE POLICY "care_windows_aggregate_paths" ON "care_windows" AS PERMISSIVE FOR SELECT TO public USING (current_setting('app.system', true) in ('care-count'));--> statement-breakpoint
CREATE POLICY "care_offline_edits_tenant_isolation" ON "care_offline_edits" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Issue 20: FORCE binds the owner too (decisions 001, 022).
ALTER TABLE "care_offline_edits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Issue 20: streets and districts see each community's monthly visit counts per tier (探访率), not people. For an
-- officer's scope (app.unit_ids): for the windows ending in (from_at, to_at], one row per community in reach
-- (COMMUNITIES_IN_REACH) and tier, with how many were due (met, or ended by now_at) and how many were met before
-- their end (on time), as monthlyVisitRates counts them; nothing for any other scope.
CREATE FUNCTION care_visit_counts(from_at timestamptz, to_at timestamptz, now_at timestamptz)
RETURNS TABLE (community_id uuid, tier text, due bigint, on_time bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  previous text := coalesce(current_setting('app.system', true), '');
  units uuid[] := nullif(current_setting('app.unit_ids', true), '')::uuid[];
BEGIN
  IF units IS NULL THEN
    RETURN;
  END IF;
  PERFORM set_config('app.system', 'care-count', true);
  RETURN QUERY
    select w.tenant_id, w.tier::text,
      count(*) filter (where w.visited_at is not null or w.closes_at <= now_at)::bigint,
      count(*) filter (where w.visited_at is not null and w.visited_at < w.closes_at)::bigint
    from care_windows w
    where w.closes_at > from_at and w.closes_at <= to_at and w.tenant_id in (
      select o.id from org_units o where o.street_id = any(units) or o.district_id = any(units)
      union select m.unit_id from org_unit_moves m where m.from_street_id = any(units) or m.from_district_id = any(units))
    group by w.tenant_id, w.tier;
  PERFORM set_config('app.system', previous, true);
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION care_visit_counts(timestamptz, timestamptz, timestamptz) FROM public;
