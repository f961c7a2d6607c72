CREATE TABLE "care_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"kind" varchar(20) NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "care_events_kind_check" CHECK (kind ~ '^[a-z_]{2,20}$')
);
--> statement-breakpoint
ALTER TABLE "care_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "care_handovers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"from_user_id" uuid,
	"to_user_id" uuid,
	"people" jsonb NOT NULL,
	"count" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_handovers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "care_handovers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "care_periods" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" varchar(10) NOT NULL,
	"name" varchar(40) NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_periods_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "care_periods_kind_check" CHECK (kind in ('weather', 'festival')),
	CONSTRAINT "care_periods_days_check" CHECK (first_day <= last_day)
);
--> statement-breakpoint
ALTER TABLE "care_periods" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "care_recipients" (
	"tenant_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"computed_tier" varchar(10),
	"override_tier" varchar(10),
	"override_reason" text,
	"override_by" uuid,
	"override_at" timestamp with time zone,
	"responsible_worker_id" uuid,
	"volunteer_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_recipients_tenant_id_resident_id_pk" PRIMARY KEY("tenant_id","resident_id"),
	CONSTRAINT "care_recipients_tier_check" CHECK (computed_tier in ('high', 'priority', 'regular') or computed_tier is null),
	CONSTRAINT "care_recipients_override_check" CHECK ((override_tier is null) or (override_tier in ('high', 'priority', 'regular') and override_reason is not null))
);
--> statement-breakpoint
ALTER TABLE "care_recipients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "care_rule_sets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_rule_sets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "care_rule_sets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "care_visits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"visitor_id" uuid NOT NULL,
	"kind" varchar(10) NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"seen" varchar(10),
	"living" varchar(10),
	"health" varchar(10),
	"safety" text[] DEFAULT '{}'::text[] NOT NULL,
	"family_care" varchar(10),
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"photo_path" text,
	"latitude" double precision,
	"longitude" double precision,
	"case_id" uuid,
	"offline" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_visits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "care_visits_kind_check" CHECK (kind in ('home', 'phone', 'video'))
);
--> statement-breakpoint
ALTER TABLE "care_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "care_windows" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"tier" varchar(10) NOT NULL,
	"reason" varchar(20) NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"counts_kinds" text[] NOT NULL,
	"rule_set_id" uuid,
	"event_id" uuid,
	"period_id" uuid,
	"source_key" varchar(80),
	"visit_id" uuid,
	"visited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_windows_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "care_windows_tier_check" CHECK (tier in ('high', 'priority', 'regular')),
	CONSTRAINT "care_windows_reason_check" CHECK (reason in ('routine', 'major_change', 'weather', 'festival', 'missed_meal')),
	CONSTRAINT "care_windows_span_check" CHECK (opens_at < closes_at)
);
--> statement-breakpoint
ALTER TABLE "care_windows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "care_events" ADD CONSTRAINT "care_events_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_events" ADD CONSTRAINT "care_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_events" ADD CONSTRAINT "care_events_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_handovers" ADD CONSTRAINT "care_handovers_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_handovers" ADD CONSTRAINT "care_handovers_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_handovers" ADD CONSTRAINT "care_handovers_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_handovers" ADD CONSTRAINT "care_handovers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_handovers" ADD CONSTRAINT "care_handovers_grid_fk" FOREIGN KEY ("tenant_id","grid_id") REFERENCES "public"."grids"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_periods" ADD CONSTRAINT "care_periods_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_periods" ADD CONSTRAINT "care_periods_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_recipients" ADD CONSTRAINT "care_recipients_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_recipients" ADD CONSTRAINT "care_recipients_override_by_users_id_fk" FOREIGN KEY ("override_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_recipients" ADD CONSTRAINT "care_recipients_responsible_worker_id_users_id_fk" FOREIGN KEY ("responsible_worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_recipients" ADD CONSTRAINT "care_recipients_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_recipients" ADD CONSTRAINT "care_recipients_volunteer_fk" FOREIGN KEY ("tenant_id","volunteer_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_rule_sets" ADD CONSTRAINT "care_rule_sets_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_rule_sets" ADD CONSTRAINT "care_rule_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_visitor_id_users_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_windows" ADD CONSTRAINT "care_windows_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_windows" ADD CONSTRAINT "care_windows_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_windows" ADD CONSTRAINT "care_windows_event_fk" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."care_events"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_windows" ADD CONSTRAINT "care_windows_period_fk" FOREIGN KEY ("tenant_id","period_id") REFERENCES "public"."care_periods"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_handovers_to_idx" ON "care_handovers" USING btree ("tenant_id","to_user_id");--> statement-breakpoint
CREATE INDEX "care_recipients_worker_idx" ON "care_recipients" USING btree ("tenant_id","responsible_worker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_rule_sets_tenant_from_key" ON "care_rule_sets" USING btree ("tenant_id","effective_from");--> statement-breakpoint
CREATE INDEX "care_visits_resident_idx" ON "care_visits" USING btree ("tenant_id","resident_id","visited_at");--> statement-breakpoint
CREATE UNIQUE INDEX "care_windows_routine_key" ON "care_windows" USING btree ("tenant_id","resident_id","opens_at") WHERE reason = 'routine';--> statement-breakpoint
CREATE UNIQUE INDEX "care_windows_event_key" ON "care_windows" USING btree ("tenant_id","resident_id","event_id") WHERE event_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "care_windows_period_key" ON "care_windows" USING btree ("tenant_id","resident_id","period_id") WHERE period_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "care_windows_source_key" ON "care_windows" USING btree ("tenant_id","resident_id","source_key") WHERE source_key is not null;--> statement-breakpoint
CREATE INDEX "care_windows_open_idx" ON "care_windows" USING btree ("tenant_id","resident_id","closes_at");--> statement-breakpoint
CREATE INDEX "care_windows_month_idx" ON "care_windows" USING btree ("tenant_id","closes_at");--> statement-breakpoint
CREATE POLICY "care_events_tenant_isolation" ON "care_events" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "care_handovers_tenant_isolation" ON "care_handovers" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "care_periods_tenant_isolation" ON "care_periods" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "care_recipients_tenant_isolation" ON "care_recipients" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "care_rule_sets_tenant_isolation" ON "care_rule_sets" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "care_visits_tenant_isolation" ON "care_visits" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "care_windows_tenant_isolation" ON "care_windows" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Decision 001/022: FORCE binds the owner too.
ALTER TABLE "care_rule_sets" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "care_recipients" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "care_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "care_periods" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "care_windows" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "care_visits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "care_handovers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Decision 039: visits are append-only. What was recorded on a visit stays as recorded (a correction is a new
-- visit), so a visit sent from a phone cannot conflict with anything. Applies to the owner as well.
CREATE FUNCTION care_visits_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'care_visits are append-only (decision 039)' USING ERRCODE = 'check_violation';
END $$;--> statement-breakpoint
CREATE TRIGGER care_visits_append_only BEFORE UPDATE OR DELETE ON "care_visits" FOR EACH ROW EXECUTE FUNCTION care_visits_append_only();
