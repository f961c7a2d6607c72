CREATE TYPE "public"."consent_channel" AS ENUM('in_person', 'phone', 'paper', 'online');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('register', 'contact', 'sms');--> statement-breakpoint
CREATE TYPE "public"."resident_gender" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "public"."resident_link_kind" AS ENUM('household', 'family_contact');--> statement-breakpoint
CREATE TYPE "public"."resident_status" AS ENUM('active', 'moved_out', 'merged');--> statement-breakpoint
CREATE TABLE "resident_consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"channel" "consent_channel" NOT NULL,
	"given_on" date NOT NULL,
	"recorded_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_consents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "resident_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"other_id" uuid NOT NULL,
	"kind" "resident_link_kind" NOT NULL,
	"relation" varchar(10),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "resident_links_not_self" CHECK ("resident_links"."resident_id" <> "resident_links"."other_id")
);
--> statement-breakpoint
ALTER TABLE "resident_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "resident_tag_links" (
	"tenant_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_tag_links_tenant_id_resident_id_tag_id_pk" PRIMARY KEY("tenant_id","resident_id","tag_id")
);
--> statement-breakpoint
ALTER TABLE "resident_tag_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "resident_tags" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" varchar(12) NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "resident_tags_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_tags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "residents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name_enc" text NOT NULL,
	"name_hint" text NOT NULL,
	"name_pieces" text[] DEFAULT '{}'::text[] NOT NULL,
	"mobile_enc" text,
	"mobile_hint" text,
	"mobile_index" varchar(64),
	"id_number_enc" text,
	"id_number_hint" text,
	"id_number_index" varchar(64),
	"gender" "resident_gender",
	"birth" varchar(10),
	"building_id" uuid,
	"unit" varchar(10),
	"room" varchar(10),
	"status" "resident_status" DEFAULT 'active' NOT NULL,
	"moved_out_at" timestamp with time zone,
	"merged_into_id" uuid,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "residents_merged_has_target" CHECK (("residents"."status" = 'merged') = ("residents"."merged_into_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "residents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reporter_mobile_index" varchar(64);--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "resident_id" uuid;--> statement-breakpoint
ALTER TABLE "resident_consents" ADD CONSTRAINT "resident_consents_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_consents" ADD CONSTRAINT "resident_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_consents" ADD CONSTRAINT "resident_consents_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_links" ADD CONSTRAINT "resident_links_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_links" ADD CONSTRAINT "resident_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_links" ADD CONSTRAINT "resident_links_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_links" ADD CONSTRAINT "resident_links_other_fk" FOREIGN KEY ("tenant_id","other_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_tag_links" ADD CONSTRAINT "resident_tag_links_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_tag_links" ADD CONSTRAINT "resident_tag_links_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_tag_links" ADD CONSTRAINT "resident_tag_links_tag_fk" FOREIGN KEY ("tenant_id","tag_id") REFERENCES "public"."resident_tags"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_tags" ADD CONSTRAINT "resident_tags_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_building_fk" FOREIGN KEY ("tenant_id","building_id") REFERENCES "public"."buildings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_merged_into_fk" FOREIGN KEY ("tenant_id","merged_into_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_consents_resident_idx" ON "resident_consents" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_links_pair_key" ON "resident_links" USING btree ("tenant_id","resident_id","other_id","kind");--> statement-breakpoint
CREATE INDEX "resident_links_other_idx" ON "resident_links" USING btree ("tenant_id","other_id");--> statement-breakpoint
CREATE INDEX "resident_tag_links_tag_idx" ON "resident_tag_links" USING btree ("tenant_id","tag_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_tags_tenant_name_key" ON "resident_tags" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_tenant_id_number_key" ON "residents" USING btree ("tenant_id","id_number_index") WHERE "residents"."id_number_index" is not null and "residents"."status" <> 'merged';--> statement-breakpoint
CREATE INDEX "residents_tenant_mobile_idx" ON "residents" USING btree ("tenant_id","mobile_index");--> statement-breakpoint
CREATE INDEX "residents_tenant_building_idx" ON "residents" USING btree ("tenant_id","building_id");--> statement-breakpoint
CREATE INDEX "residents_tenant_status_idx" ON "residents" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "residents_name_pieces_idx" ON "residents" USING gin ("name_pieces");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_tenant_reporter_mobile_idx" ON "cases" USING btree ("tenant_id","reporter_mobile_index") WHERE "cases"."reporter_mobile_index" is not null;--> statement-breakpoint
CREATE INDEX "cases_tenant_resident_idx" ON "cases" USING btree ("tenant_id","resident_id") WHERE "cases"."resident_id" is not null;--> statement-breakpoint
CREATE POLICY "resident_consents_tenant_isolation" ON "resident_consents" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "resident_links_tenant_isolation" ON "resident_links" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "resident_tag_links_tenant_isolation" ON "resident_tag_links" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "resident_tags_tenant_isolation" ON "resident_tags" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "residents_tenant_isolation" ON "residents" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Decision 001/022: FORCE binds the owner too.
ALTER TABLE "residents" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "resident_tags" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "resident_tag_links" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "resident_links" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "resident_consents" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Decision 034: every community starts with the default tags (DEFAULT_RESIDENT_TAGS; new communities get them from
-- provisionCommunity). Written in each community's own context, as the table is under forced RLS.
DO $$
DECLARE t uuid;
BEGIN
  FOR t IN SELECT id FROM org_units WHERE kind = 'community' LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    INSERT INTO resident_tags (tenant_id, id, name, sort_order)
    SELECT t, gen_random_uuid(), name, ord - 1
    FROM unnest(ARRAY['独居', '空巢', '高龄', '失能/半失能', '残疾', '低保', '特困', '低保边缘', '计生特殊家庭', '留守儿童', '困境儿童', '党员', '退役军人', '志愿者']) WITH ORDINALITY AS d(name, ord)
    ON CONFLICT DO NOTHING;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;
