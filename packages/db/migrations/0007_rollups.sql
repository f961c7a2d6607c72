CREATE TABLE "case_rollups_daily" (
	"community_id" uuid NOT NULL,
	"day" date NOT NULL,
	"category_name" text NOT NULL,
	"grid_id" text DEFAULT '' NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"accepted_in_time" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"closed_in_time" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"due_closed" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"escalated" integer DEFAULT 0 NOT NULL,
	"forwarded" integer DEFAULT 0 NOT NULL,
	"auto_escalated" integer DEFAULT 0 NOT NULL,
	"accept_ms_sum" bigint DEFAULT 0 NOT NULL,
	"accept_count" integer DEFAULT 0 NOT NULL,
	"close_ms_sum" bigint DEFAULT 0 NOT NULL,
	"close_count" integer DEFAULT 0 NOT NULL,
	"accept_hist" integer[] DEFAULT '{}'::int[] NOT NULL,
	"close_hist" integer[] DEFAULT '{}'::int[] NOT NULL,
	CONSTRAINT "case_rollups_daily_community_id_day_category_name_grid_id_pk" PRIMARY KEY("community_id","day","category_name","grid_id")
);
--> statement-breakpoint
CREATE TABLE "case_rollups_monthly" (
	"community_id" uuid NOT NULL,
	"month" date NOT NULL,
	"category_name" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"accepted_in_time" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"closed_in_time" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"due_closed" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"escalated" integer DEFAULT 0 NOT NULL,
	"forwarded" integer DEFAULT 0 NOT NULL,
	"auto_escalated" integer DEFAULT 0 NOT NULL,
	"accept_ms_sum" bigint DEFAULT 0 NOT NULL,
	"accept_count" integer DEFAULT 0 NOT NULL,
	"close_ms_sum" bigint DEFAULT 0 NOT NULL,
	"close_count" integer DEFAULT 0 NOT NULL,
	"accept_hist" integer[] DEFAULT '{}'::int[] NOT NULL,
	"close_hist" integer[] DEFAULT '{}'::int[] NOT NULL,
	CONSTRAINT "case_rollups_monthly_community_id_month_category_name_pk" PRIMARY KEY("community_id","month","category_name")
);
--> statement-breakpoint
CREATE TABLE "rollup_dirty" (
	"community_id" uuid NOT NULL,
	"day" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rollup_dirty_community_id_day_pk" PRIMARY KEY("community_id","day")
);
--> statement-breakpoint
ALTER TABLE "case_rollups_daily" ADD CONSTRAINT "case_rollups_daily_community_id_org_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_rollups_monthly" ADD CONSTRAINT "case_rollups_monthly_community_id_org_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_rollups_daily_day_idx" ON "case_rollups_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "case_rollups_monthly_month_idx" ON "case_rollups_monthly" USING btree ("month");