CREATE TYPE "public"."volunteer_activity_status" AS ENUM('draft', 'published', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."volunteer_attendance_method" AS ENUM('scan', 'leader', 'walk_up', 'auto');--> statement-breakpoint
CREATE TYPE "public"."volunteer_evidence_level" AS ENUM('scanned', 'leader', 'afterwards');--> statement-breakpoint
CREATE TYPE "public"."volunteer_signup_status" AS ENUM('confirmed', 'waiting', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."volunteer_member_status" AS ENUM('applied', 'member', 'declined', 'left');--> statement-breakpoint
CREATE TABLE "volunteer_activities" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"title" varchar(60) NOT NULL,
	"description" text,
	"place" varchar(100) NOT NULL,
	"audience" varchar(30),
	"min_age" integer,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"required_trainings" text[] DEFAULT '{}'::text[] NOT NULL,
	"risky" boolean DEFAULT false NOT NULL,
	"insurance_record" varchar(200),
	"status" "volunteer_activity_status" DEFAULT 'draft' NOT NULL,
	"wish_case_id" uuid,
	"report" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "volunteer_activities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_activities_min_age" CHECK ("volunteer_activities"."min_age" is null or "volunteer_activities"."min_age" between 0 and 120),
	CONSTRAINT "volunteer_activities_risky_insured" CHECK (not ("volunteer_activities"."risky" and "volunteer_activities"."status" = 'published' and "volunteer_activities"."insurance_record" is null))
);
--> statement-breakpoint
ALTER TABLE "volunteer_activities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_hour_approvals" (
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"step" varchar(8) NOT NULL,
	"approved_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_hour_approvals_tenant_id_entry_id_step_pk" PRIMARY KEY("tenant_id","entry_id","step"),
	CONSTRAINT "volunteer_hour_approvals_step" CHECK ("volunteer_hour_approvals"."step" in ('leader', 'second'))
);
--> statement-breakpoint
ALTER TABLE "volunteer_hour_approvals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_hours" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"activity_id" uuid,
	"shift_id" uuid,
	"signup_id" uuid,
	"minutes" integer NOT NULL,
	"served_from" timestamp with time zone,
	"served_to" timestamp with time zone,
	"evidence" "volunteer_evidence_level" NOT NULL,
	"auto_checkout" boolean DEFAULT false NOT NULL,
	"needs_second_approval" boolean DEFAULT false NOT NULL,
	"content" varchar(200),
	"reverses_id" uuid,
	"reason" varchar(200),
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_hours_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_hours_reversal_reason" CHECK ("volunteer_hours"."reverses_id" is null or ("volunteer_hours"."reason" is not null and "volunteer_hours"."minutes" <= 0)),
	CONSTRAINT "volunteer_hours_entry_positive" CHECK ("volunteer_hours"."reverses_id" is not null or "volunteer_hours"."minutes" >= 0)
);
--> statement-breakpoint
ALTER TABLE "volunteer_hours" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_settings" (
	"tenant_id" uuid NOT NULL,
	"rounding_minutes" integer DEFAULT 30 NOT NULL,
	"rounding_mode" varchar(8) DEFAULT 'down' NOT NULL,
	"grace_minutes" integer DEFAULT 30 NOT NULL,
	"early_minutes" integer DEFAULT 30 NOT NULL,
	"second_approval_minutes" integer DEFAULT 240 NOT NULL,
	"cancel_cutoff_hours" integer DEFAULT 2 NOT NULL,
	"star_hours" integer[] DEFAULT '{100,300,600,1000,1500}'::integer[] NOT NULL,
	CONSTRAINT "volunteer_settings_tenant_id_pk" PRIMARY KEY("tenant_id"),
	CONSTRAINT "volunteer_settings_rounding_mode" CHECK ("volunteer_settings"."rounding_mode" in ('down', 'nearest', 'up')),
	CONSTRAINT "volunteer_settings_positive" CHECK ("volunteer_settings"."rounding_minutes" between 1 and 120 and "volunteer_settings"."grace_minutes" between 0 and 720 and "volunteer_settings"."early_minutes" between 0 and 240)
);
--> statement-breakpoint
ALTER TABLE "volunteer_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_shifts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"qr_secret" varchar(64) NOT NULL,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_shifts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_shifts_time" CHECK ("volunteer_shifts"."ends_at" > "volunteer_shifts"."starts_at"),
	CONSTRAINT "volunteer_shifts_places" CHECK ("volunteer_shifts"."capacity" between 1 and 10000 and "volunteer_shifts"."reserved" between 0 and "volunteer_shifts"."capacity")
);
--> statement-breakpoint
ALTER TABLE "volunteer_shifts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_signups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"status" "volunteer_signup_status" NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"uses_reserved" boolean DEFAULT false NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"check_in_method" "volunteer_attendance_method",
	"checked_out_at" timestamp with time zone,
	"check_out_method" "volunteer_attendance_method",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_signups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_signups_out_after_in" CHECK ("volunteer_signups"."checked_out_at" is null or ("volunteer_signups"."checked_in_at" is not null and "volunteer_signups"."checked_out_at" >= "volunteer_signups"."checked_in_at"))
);
--> statement-breakpoint
ALTER TABLE "volunteer_signups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_team_members" (
	"tenant_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"status" "volunteer_member_status" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "volunteer_team_members_tenant_id_team_id_resident_id_pk" PRIMARY KEY("tenant_id","team_id","resident_id")
);
--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_teams" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" varchar(30) NOT NULL,
	"focus" varchar(200),
	"leader_resident_id" uuid NOT NULL,
	"deputy_resident_id" uuid,
	"leader_user_id" uuid,
	"recruiting" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_teams_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "volunteer_teams" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_trainings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"name" varchar(30) NOT NULL,
	"completed_on" date NOT NULL,
	"expires_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_trainings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteers" (
	"tenant_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" varchar(200),
	"consent_on" date NOT NULL,
	"guardian_resident_id" uuid,
	"guardian_name" varchar(20),
	"guardian_relation" varchar(10),
	"guardian_consent_on" date,
	"show_on_wall" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_tenant_id_resident_id_pk" PRIMARY KEY("tenant_id","resident_id")
);
--> statement-breakpoint
ALTER TABLE "volunteers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_activities" ADD CONSTRAINT "volunteer_activities_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_activities" ADD CONSTRAINT "volunteer_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_activities" ADD CONSTRAINT "volunteer_activities_team_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."volunteer_teams"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_activities" ADD CONSTRAINT "volunteer_activities_wish_fk" FOREIGN KEY ("tenant_id","wish_case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hour_approvals" ADD CONSTRAINT "volunteer_hour_approvals_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hour_approvals" ADD CONSTRAINT "volunteer_hour_approvals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hour_approvals" ADD CONSTRAINT "volunteer_hour_approvals_entry_fk" FOREIGN KEY ("tenant_id","entry_id") REFERENCES "public"."volunteer_hours"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_volunteer_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."volunteers"("tenant_id","resident_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_team_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."volunteer_teams"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_shift_fk" FOREIGN KEY ("tenant_id","shift_id") REFERENCES "public"."volunteer_shifts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_signup_fk" FOREIGN KEY ("tenant_id","signup_id") REFERENCES "public"."volunteer_signups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_reverses_fk" FOREIGN KEY ("tenant_id","reverses_id") REFERENCES "public"."volunteer_hours"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD CONSTRAINT "volunteer_settings_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_shifts" ADD CONSTRAINT "volunteer_shifts_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_shifts" ADD CONSTRAINT "volunteer_shifts_activity_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."volunteer_activities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_shift_fk" FOREIGN KEY ("tenant_id","shift_id") REFERENCES "public"."volunteer_shifts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_volunteer_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."volunteers"("tenant_id","resident_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_team_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."volunteer_teams"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_volunteer_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."volunteers"("tenant_id","resident_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_leader_fk" FOREIGN KEY ("tenant_id","leader_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_deputy_fk" FOREIGN KEY ("tenant_id","deputy_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_volunteer_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."volunteers"("tenant_id","resident_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_guardian_fk" FOREIGN KEY ("tenant_id","guardian_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_activities_team_idx" ON "volunteer_activities" USING btree ("tenant_id","team_id","status");--> statement-breakpoint
CREATE INDEX "volunteer_hours_person_idx" ON "volunteer_hours" USING btree ("tenant_id","resident_id","created_at");--> statement-breakpoint
CREATE INDEX "volunteer_hours_shift_idx" ON "volunteer_hours" USING btree ("tenant_id","shift_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_hours_signup_key" ON "volunteer_hours" USING btree ("tenant_id","signup_id") WHERE "volunteer_hours"."signup_id" is not null and "volunteer_hours"."reverses_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_hours_reverses_key" ON "volunteer_hours" USING btree ("tenant_id","reverses_id") WHERE "volunteer_hours"."reverses_id" is not null;--> statement-breakpoint
CREATE INDEX "volunteer_shifts_activity_idx" ON "volunteer_shifts" USING btree ("tenant_id","activity_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_signups_live_key" ON "volunteer_signups" USING btree ("tenant_id","shift_id","resident_id") WHERE "volunteer_signups"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "volunteer_signups_shift_idx" ON "volunteer_signups" USING btree ("tenant_id","shift_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "volunteer_signups_person_idx" ON "volunteer_signups" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE INDEX "volunteer_team_members_person_idx" ON "volunteer_team_members" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_teams_name_key" ON "volunteer_teams" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "volunteer_teams_leader_user_idx" ON "volunteer_teams" USING btree ("tenant_id","leader_user_id");--> statement-breakpoint
CREATE INDEX "volunteer_trainings_person_idx" ON "volunteer_trainings" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE POLICY "volunteer_activities_tenant_isolation" ON "volunteer_activities" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_hour_approvals_tenant_isolation" ON "volunteer_hour_approvals" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_hours_tenant_isolation" ON "volunteer_hours" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_settings_tenant_isolation" ON "volunteer_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_shifts_tenant_isolation" ON "volunteer_shifts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_signups_tenant_isolation" ON "volunteer_signups" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_team_members_tenant_isolation" ON "volunteer_team_members" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_teams_tenant_isolation" ON "volunteer_teams" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_trainings_tenant_isolation" ON "volunteer_trainings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteers_tenant_isolation" ON "volunteers" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Decisions 001/022/036: FORCE binds the owner too.
ALTER TABLE "volunteer_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_teams" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_activities" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_shifts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_signups" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_hours" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_hour_approvals" FORCE ROW LEVEL SECURITY;
