CREATE TYPE "public"."import_status" AS ENUM('checked', 'queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "onboarding_imports" (
	"id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"scope_district_id" uuid,
	"file_name" text NOT NULL,
	"status" "import_status" DEFAULT 'checked' NOT NULL,
	"rows" jsonb NOT NULL,
	"outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "onboarding_imports_id_pk" PRIMARY KEY("id")
);
--> statement-breakpoint
CREATE TABLE "org_unit_moves" (
	"id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"from_street_id" uuid,
	"to_street_id" uuid NOT NULL,
	"from_district_id" uuid,
	"to_district_id" uuid,
	"from_admin_code" varchar(12),
	"to_admin_code" varchar(12),
	"moved_by" uuid,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_unit_moves_id_pk" PRIMARY KEY("id")
);
--> statement-breakpoint
ALTER TABLE "org_unit_moves" ADD CONSTRAINT "org_unit_moves_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_moves" ADD CONSTRAINT "org_unit_moves_from_street_id_org_units_id_fk" FOREIGN KEY ("from_street_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_moves" ADD CONSTRAINT "org_unit_moves_to_street_id_org_units_id_fk" FOREIGN KEY ("to_street_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_moves" ADD CONSTRAINT "org_unit_moves_from_district_id_org_units_id_fk" FOREIGN KEY ("from_district_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_moves" ADD CONSTRAINT "org_unit_moves_to_district_id_org_units_id_fk" FOREIGN KEY ("to_district_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "onboarding_imports_created_idx" ON "onboarding_imports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "org_unit_moves_unit_idx" ON "org_unit_moves" USING btree ("unit_id","moved_at");