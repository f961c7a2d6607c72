CREATE TABLE "resident_sessions" (
	"tenant_id" uuid NOT NULL,
	"id" varchar(64) NOT NULL,
	"mobile_index" varchar(64) NOT NULL,
	"mobile_hint" text NOT NULL,
	"resident_id" uuid,
	"sign_up_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "resident_sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "resident_sign_in_codes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"mobile_index" varchar(64) NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_sign_in_codes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_sign_in_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "resident_sign_ups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"mobile_enc" text NOT NULL,
	"mobile_hint" text NOT NULL,
	"mobile_index" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" varchar(10),
	"resident_id" uuid,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "resident_sign_ups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_sign_ups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "resident_sessions" ADD CONSTRAINT "resident_sessions_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sessions" ADD CONSTRAINT "resident_sessions_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sessions" ADD CONSTRAINT "resident_sessions_sign_up_fk" FOREIGN KEY ("tenant_id","sign_up_id") REFERENCES "public"."resident_sign_ups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sign_in_codes" ADD CONSTRAINT "resident_sign_in_codes_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sign_ups" ADD CONSTRAINT "resident_sign_ups_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sign_ups" ADD CONSTRAINT "resident_sign_ups_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sign_ups" ADD CONSTRAINT "resident_sign_ups_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_sessions_mobile_idx" ON "resident_sessions" USING btree ("tenant_id","mobile_index");--> statement-breakpoint
CREATE INDEX "resident_sessions_resident_idx" ON "resident_sessions" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE INDEX "resident_sign_in_codes_mobile_idx" ON "resident_sign_in_codes" USING btree ("tenant_id","mobile_index","created_at");--> statement-breakpoint
CREATE INDEX "resident_sign_in_codes_created_idx" ON "resident_sign_in_codes" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_sign_ups_open_key" ON "resident_sign_ups" USING btree ("tenant_id","mobile_index") WHERE "resident_sign_ups"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "resident_sign_ups_created_idx" ON "resident_sign_ups" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE POLICY "residents_aggregate_paths" ON "residents" AS PERMISSIVE FOR SELECT TO public USING (current_setting('app.system', true) in ('resident-lookup', 'resident-count'));--> statement-breakpoint
CREATE POLICY "resident_sessions_tenant_isolation" ON "resident_sessions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "resident_sign_in_codes_tenant_isolation" ON "resident_sign_in_codes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "resident_sign_ups_tenant_isolation" ON "resident_sign_ups" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
-- Decision 001/022: FORCE binds the owner too.
ALTER TABLE "resident_sign_in_codes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "resident_sign_ups" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "resident_sessions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Decision 035: a resident who has just proved a number with a code chooses among the communities whose register
-- knows it. The ids of those communities only (names and slugs are in the hierarchy), for a transaction that declared
-- a community (the one where the code was checked); nothing for any other scope.
CREATE FUNCTION resident_communities(p_mobile_index text)
RETURNS TABLE (community_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  previous text := coalesce(current_setting('app.system', true), '');
BEGIN
  IF coalesce(current_setting('app.tenant_id', true), '') = '' OR p_mobile_index IS NULL THEN
    RETURN;
  END IF;
  PERFORM set_config('app.system', 'resident-lookup', true);
  RETURN QUERY
    select distinct r.tenant_id from residents r
    where r.mobile_index = p_mobile_index and r.status = 'active';
  PERFORM set_config('app.system', previous, true);
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION resident_communities(text) FROM public;
--> statement-breakpoint
-- Issue 16: streets and districts see counts of registered residents, not people. For an officer's scope
-- (app.unit_ids): one row per community in reach (now or formerly under the officer's streets and districts, as
-- COMMUNITIES_IN_REACH) with the number of active register entries; nothing for any other scope.
CREATE FUNCTION resident_counts()
RETURNS TABLE (community_id uuid, registered bigint)
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
  PERFORM set_config('app.system', 'resident-count', true);
  RETURN QUERY
    select r.tenant_id, count(*)::bigint from residents r
    where r.status = 'active' and r.tenant_id in (
      select o.id from org_units o where o.street_id = any(units) or o.district_id = any(units)
      union select m.unit_id from org_unit_moves m where m.from_street_id = any(units) or m.from_district_id = any(units))
    group by r.tenant_id;
  PERFORM set_config('app.system', previous, true);
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION resident_counts() FROM public;
