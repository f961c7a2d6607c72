CREATE TABLE "volunteer_certificates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"number" varchar(20) NOT NULL,
	"verify_code" varchar(24) NOT NULL,
	"name_hint" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"minutes" integer NOT NULL,
	"content" varchar(400) NOT NULL,
	"person_in_charge" varchar(20),
	"handler" varchar(40),
	"contact" varchar(40),
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "volunteer_certificates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_certificates_period" CHECK ("volunteer_certificates"."period_to" >= "volunteer_certificates"."period_from"),
	CONSTRAINT "volunteer_certificates_minutes" CHECK ("volunteer_certificates"."minutes" > 0)
);
--> statement-breakpoint
ALTER TABLE "volunteer_certificates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_recognitions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"title" varchar(30) NOT NULL,
	"year" integer NOT NULL,
	"citation" varchar(300) NOT NULL,
	"status" varchar(10) DEFAULT 'nominated' NOT NULL,
	"nominated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" varchar(200),
	CONSTRAINT "volunteer_recognitions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_recognitions_status" CHECK ("volunteer_recognitions"."status" in ('nominated', 'approved', 'declined')),
	CONSTRAINT "volunteer_recognitions_year" CHECK ("volunteer_recognitions"."year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "volunteer_recognitions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "wish_claims" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"promised_on" date NOT NULL,
	"status" varchar(10) DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "wish_claims_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "wish_claims_status" CHECK ("wish_claims"."status" in ('active', 'fulfilled', 'expired', 'withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "wish_claims" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "wish_wall_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid,
	"title" varchar(60) NOT NULL,
	"public_text" varchar(300) NOT NULL,
	"status" varchar(10) DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lit_at" timestamp with time zone,
	"lit_by" uuid,
	"thanks" varchar(300),
	CONSTRAINT "wish_wall_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "wish_wall_items_status" CHECK ("wish_wall_items"."status" in ('open', 'claimed', 'lit', 'withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "wish_wall_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD COLUMN "confirm_ask_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD COLUMN "confirm_close_hours" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD COLUMN "reminder_minutes" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD COLUMN "certificate_person_in_charge" varchar(20);--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD COLUMN "certificate_contact" varchar(40);--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD COLUMN "confirm_asked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD COLUMN "attendance_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD COLUMN "cancel_reason" varchar(20);--> statement-breakpoint
ALTER TABLE "volunteer_certificates" ADD CONSTRAINT "volunteer_certificates_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_certificates" ADD CONSTRAINT "volunteer_certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_certificates" ADD CONSTRAINT "volunteer_certificates_volunteer_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."volunteers"("tenant_id","resident_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_recognitions" ADD CONSTRAINT "volunteer_recognitions_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_recognitions" ADD CONSTRAINT "volunteer_recognitions_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_recognitions" ADD CONSTRAINT "volunteer_recognitions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_recognitions" ADD CONSTRAINT "volunteer_recognitions_volunteer_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."volunteers"("tenant_id","resident_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_claims" ADD CONSTRAINT "wish_claims_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_claims" ADD CONSTRAINT "wish_claims_item_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."wish_wall_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_claims" ADD CONSTRAINT "wish_claims_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_wall_items" ADD CONSTRAINT "wish_wall_items_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_wall_items" ADD CONSTRAINT "wish_wall_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_wall_items" ADD CONSTRAINT "wish_wall_items_lit_by_users_id_fk" FOREIGN KEY ("lit_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_wall_items" ADD CONSTRAINT "wish_wall_items_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_certificates_number_key" ON "volunteer_certificates" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_certificates_verify_key" ON "volunteer_certificates" USING btree ("tenant_id","verify_code");--> statement-breakpoint
CREATE INDEX "volunteer_certificates_person_idx" ON "volunteer_certificates" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_recognitions_once_key" ON "volunteer_recognitions" USING btree ("tenant_id","resident_id","title","year");--> statement-breakpoint
CREATE INDEX "volunteer_recognitions_wall_idx" ON "volunteer_recognitions" USING btree ("tenant_id","status","year");--> statement-breakpoint
CREATE UNIQUE INDEX "wish_claims_active_key" ON "wish_claims" USING btree ("tenant_id","item_id") WHERE "wish_claims"."status" = 'active';--> statement-breakpoint
CREATE INDEX "wish_claims_person_idx" ON "wish_claims" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE INDEX "wish_wall_items_status_idx" ON "wish_wall_items" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD CONSTRAINT "volunteer_settings_confirm" CHECK ("volunteer_settings"."confirm_ask_hours" between 0 and 168 and "volunteer_settings"."confirm_close_hours" between 0 and 72 and ("volunteer_settings"."confirm_ask_hours" = 0 or "volunteer_settings"."confirm_close_hours" < "volunteer_settings"."confirm_ask_hours") and "volunteer_settings"."reminder_minutes" between 0 and 1440);--> statement-breakpoint
CREATE POLICY "volunteer_certificates_tenant_isolation" ON "volunteer_certificates" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_recognitions_tenant_isolation" ON "volunteer_recognitions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "wish_claims_tenant_isolation" ON "wish_claims" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "wish_wall_items_tenant_isolation" ON "wish_wall_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Decision 036: FORCE binds the owner too.
ALTER TABLE "volunteer_certificates" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_recognitions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "wish_wall_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "wish_claims" FORCE ROW LEVEL SECURITY;
