CREATE TYPE "public"."party_member_kind" AS ENUM('local', 'reporting');--> statement-breakpoint
CREATE TYPE "public"."party_org_kind" AS ENUM('general_branch', 'branch', 'grid_group');--> statement-breakpoint
CREATE TABLE "party_members" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" "party_member_kind" DEFAULT 'local' NOT NULL,
	"work_unit" varchar(60),
	"reported_on" date,
	"duty" varchar(12),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "party_members_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "party_members_reporting_unit" CHECK ("party_members"."kind" = 'local' or "party_members"."work_unit" is not null)
);
--> statement-breakpoint
ALTER TABLE "party_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "party_orgs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" "party_org_kind" NOT NULL,
	"name" varchar(40) NOT NULL,
	"parent_id" uuid,
	"grid_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "party_orgs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "party_orgs_grid_group_has_grid" CHECK (("party_orgs"."kind" = 'grid_group') = ("party_orgs"."grid_id" is not null)),
	CONSTRAINT "party_orgs_root_is_general" CHECK (("party_orgs"."kind" = 'general_branch') = ("party_orgs"."parent_id" is null))
);
--> statement-breakpoint
ALTER TABLE "party_orgs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_org_fk" FOREIGN KEY ("tenant_id","org_id") REFERENCES "public"."party_orgs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_parent_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."party_orgs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_grid_fk" FOREIGN KEY ("tenant_id","grid_id") REFERENCES "public"."grids"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "party_members_current_key" ON "party_members" USING btree ("tenant_id","resident_id") WHERE "party_members"."left_at" is null;--> statement-breakpoint
CREATE INDEX "party_members_org_idx" ON "party_members" USING btree ("tenant_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_orgs_tenant_name_key" ON "party_orgs" USING btree ("tenant_id","name") WHERE "party_orgs"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "party_orgs_tenant_grid_idx" ON "party_orgs" USING btree ("tenant_id","grid_id");--> statement-breakpoint
CREATE POLICY "party_members_tenant_isolation" ON "party_members" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "party_orgs_tenant_isolation" ON "party_orgs" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
-- Issue 16: FORCE binds the owner too (decisions 001, 022).
ALTER TABLE "party_orgs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "party_members" FORCE ROW LEVEL SECURITY;
