CREATE TABLE "case_rollups_yearly" (
	"community_id" uuid NOT NULL,
	"year" date NOT NULL,
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
	CONSTRAINT "case_rollups_yearly_community_id_year_category_name_pk" PRIMARY KEY("community_id","year","category_name")
);
--> statement-breakpoint
ALTER TABLE "case_rollups_yearly" ADD CONSTRAINT "case_rollups_yearly_community_id_org_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_rollups_yearly_year_idx" ON "case_rollups_yearly" USING btree ("year","category_name");