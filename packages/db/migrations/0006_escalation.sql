CREATE TYPE "public"."deadline_kind" AS ENUM('accept', 'resolve', 'street', 'department');--> statement-breakpoint
CREATE TYPE "public"."deadline_state" AS ENUM('running', 'paused', 'met', 'breached', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."notification_channel" AS ENUM('email', 'sms', 'wechat');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('case_routed', 'case_assigned', 'resident_replied', 'resident_rated', 'reminder', 'breach', 'case_escalated', 'case_forwarded', 'case_returned', 'supervision', 'case_replied', 'case_closed');--> statement-breakpoint
CREATE TYPE "public"."outbox_state" AS ENUM('pending', 'queued', 'sent', 'failed');--> statement-breakpoint
ALTER TYPE "public"."case_status" ADD VALUE 'escalated' BEFORE 'resolved';--> statement-breakpoint
ALTER TYPE "public"."case_status" ADD VALUE 'forwarded' BEFORE 'resolved';--> statement-breakpoint
ALTER TYPE "public"."case_status" ADD VALUE 'review' BEFORE 'resolved';--> statement-breakpoint
CREATE TABLE "calendars" (
	"year" smallint PRIMARY KEY NOT NULL,
	"holidays" jsonb NOT NULL,
	"workdays" jsonb NOT NULL,
	"source" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_holdings" (
	"case_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"street_id" uuid,
	"district_id" uuid,
	"holder_org_unit_id" uuid,
	"co_holder_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" varchar(20) NOT NULL,
	"tracking_code" varchar(10) NOT NULL,
	"category_name" text NOT NULL,
	"summary" text NOT NULL,
	"escalated_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"overdue" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_holdings_case_id_pk" PRIMARY KEY("case_id"),
	CONSTRAINT "case_holdings_summary_length" CHECK (char_length("case_holdings"."summary") <= 120)
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "deadline_kind" NOT NULL,
	"holder_org_unit_id" uuid,
	"state" "deadline_state" DEFAULT 'running' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"allowed_ms" integer NOT NULL,
	"remaining_ms" integer,
	"due_at" timestamp with time zone NOT NULL,
	"remind_at" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"wake_at" timestamp with time zone NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"paused_at" timestamp with time zone,
	"met_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadlines_id_pk" PRIMARY KEY("id")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"category_name" text,
	"accept_hours" integer,
	"resolve_days" integer,
	"street_days" integer,
	"department_days" integer,
	"reminder_fractions" jsonb,
	"work_start_minute" smallint,
	"work_end_minute" smallint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_id_pk" PRIMARY KEY("id"),
	CONSTRAINT "sla_policies_unit_category_key" UNIQUE NULLS NOT DISTINCT("org_unit_id","category_name")
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"channels" jsonb DEFAULT '["email"]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"community_id" uuid,
	"case_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_id_pk" PRIMARY KEY("id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid NOT NULL,
	"channel" "notification_channel" NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"user_id" uuid,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"state" "outbox_state" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_id_pk" PRIMARY KEY("id")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "holder_org_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "street_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "district_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "lead_department_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "co_department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "awaiting_resident_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "supervised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendars" ADD CONSTRAINT "calendars_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_holdings" ADD CONSTRAINT "case_holdings_community_id_org_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_holdings" ADD CONSTRAINT "case_holdings_street_id_org_units_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_holdings" ADD CONSTRAINT "case_holdings_district_id_org_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_holdings" ADD CONSTRAINT "case_holdings_holder_org_unit_id_org_units_id_fk" FOREIGN KEY ("holder_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_holdings" ADD CONSTRAINT "case_holdings_case_fk" FOREIGN KEY ("community_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_community_id_org_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_holder_org_unit_id_org_units_id_fk" FOREIGN KEY ("holder_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_case_fk" FOREIGN KEY ("community_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_community_id_org_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_holdings_holder_idx" ON "case_holdings" USING btree ("holder_org_unit_id","status");--> statement-breakpoint
CREATE INDEX "case_holdings_street_idx" ON "case_holdings" USING btree ("street_id","escalated_at");--> statement-breakpoint
CREATE INDEX "case_holdings_district_idx" ON "case_holdings" USING btree ("district_id","overdue");--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_case_kind_key" ON "deadlines" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "deadlines_wake_idx" ON "deadlines" USING btree ("wake_at") WHERE "deadlines"."state" = 'running';--> statement-breakpoint
CREATE INDEX "deadlines_community_idx" ON "deadlines" USING btree ("community_id","state");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX "outbox_state_idx" ON "outbox" USING btree ("state","created_at");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_holder_org_unit_id_org_units_id_fk" FOREIGN KEY ("holder_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_street_id_org_units_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_district_id_org_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_lead_department_id_org_units_id_fk" FOREIGN KEY ("lead_department_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_tenant_overdue_idx" ON "cases" USING btree ("tenant_id","overdue_at");