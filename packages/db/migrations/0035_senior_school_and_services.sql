CREATE TABLE "school_attendance" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"day" date NOT NULL,
	"method" varchar(6) NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	"marked_by" uuid,
	CONSTRAINT "school_attendance_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "school_attendance_method" CHECK ("school_attendance"."method" in ('qr', 'list'))
);
--> statement-breakpoint
ALTER TABLE "school_attendance" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "school_courses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"title" varchar(40) NOT NULL,
	"teacher_resident_id" uuid,
	"weekday" integer NOT NULL,
	"starts_at" varchar(5) NOT NULL,
	"ends_at" varchar(5) NOT NULL,
	"room" varchar(30) NOT NULL,
	"capacity" integer NOT NULL,
	"fee_cents" integer DEFAULT 0 NOT NULL,
	"rule" varchar(16) NOT NULL,
	"allocated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_courses_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "school_courses_rule" CHECK ("school_courses"."rule" in ('first_come', 'returning_first', 'draw')),
	CONSTRAINT "school_courses_weekday" CHECK ("school_courses"."weekday" between 1 and 7),
	CONSTRAINT "school_courses_amounts" CHECK ("school_courses"."capacity" >= 0 and "school_courses"."fee_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "school_courses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "school_enrolments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"status" varchar(10) NOT NULL,
	"returning" boolean DEFAULT false NOT NULL,
	"draw_rank" integer,
	"queued_at" timestamp with time zone NOT NULL,
	"offered_at" timestamp with time zone,
	"offer_expires_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"booked_by" varchar(8) NOT NULL,
	"booked_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_enrolments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "school_enrolments_status" CHECK ("school_enrolments"."status" in ('applied', 'enrolled', 'waiting', 'offered', 'declined', 'lapsed', 'withdrawn')),
	CONSTRAINT "school_enrolments_offer" CHECK (("school_enrolments"."status" = 'offered') <= ("school_enrolments"."offer_expires_at" is not null)),
	CONSTRAINT "school_enrolments_booked_by" CHECK ("school_enrolments"."booked_by" in ('self', 'family', 'staff'))
);
--> statement-breakpoint
ALTER TABLE "school_enrolments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "school_terms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" varchar(40) NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"offer_hours" integer DEFAULT 24 NOT NULL,
	"showcase_activity_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_terms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "school_terms_dates" CHECK ("school_terms"."ends_on" >= "school_terms"."starts_on"),
	CONSTRAINT "school_terms_offer_hours" CHECK ("school_terms"."offer_hours" between 1 and 168)
);
--> statement-breakpoint
ALTER TABLE "school_terms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ability_assessments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"level" integer NOT NULL,
	"assessor" varchar(40) NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ability_assessments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "ability_assessments_level" CHECK ("ability_assessments"."level" between 0 and 4)
);
--> statement-breakpoint
ALTER TABLE "ability_assessments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "elder_service_bookings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"status" varchar(10) NOT NULL,
	"price_cents" integer NOT NULL,
	"subsidy_cents" integer DEFAULT 0 NOT NULL,
	"rule_id" uuid,
	"category" varchar(20),
	"booked_by" varchar(8) NOT NULL,
	"booked_by_user_id" uuid,
	"booked_by_resident_id" uuid,
	"confirmed_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"note" text,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elder_service_bookings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "elder_service_bookings_status" CHECK ("elder_service_bookings"."status" in ('requested', 'confirmed', 'cancelled', 'done', 'no_show')),
	CONSTRAINT "elder_service_bookings_booked_by" CHECK ("elder_service_bookings"."booked_by" in ('self', 'family', 'staff')),
	CONSTRAINT "elder_service_bookings_amounts" CHECK ("elder_service_bookings"."price_cents" >= 0 and "elder_service_bookings"."subsidy_cents" >= 0 and "elder_service_bookings"."subsidy_cents" <= "elder_service_bookings"."price_cents")
);
--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "elder_service_slots" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"place" varchar(40),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elder_service_slots_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "elder_service_slots_capacity" CHECK ("elder_service_slots"."capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "elder_service_slots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "elder_service_subsidy_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" varchar(20) NOT NULL,
	"service_kind" varchar(10),
	"tag_id" uuid,
	"min_age" integer,
	"per_use_cents" integer NOT NULL,
	"monthly_cap_cents" integer,
	"priority" integer DEFAULT 0 NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elder_service_subsidy_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "elder_service_subsidy_rules_who" CHECK ("elder_service_subsidy_rules"."tag_id" is not null or "elder_service_subsidy_rules"."min_age" is not null),
	CONSTRAINT "elder_service_subsidy_rules_amounts" CHECK ("elder_service_subsidy_rules"."per_use_cents" >= 0 and ("elder_service_subsidy_rules"."monthly_cap_cents" is null or "elder_service_subsidy_rules"."monthly_cap_cents" >= 0)),
	CONSTRAINT "elder_service_subsidy_rules_dates" CHECK ("elder_service_subsidy_rules"."effective_to" is null or "elder_service_subsidy_rules"."effective_to" > "elder_service_subsidy_rules"."effective_from")
);
--> statement-breakpoint
ALTER TABLE "elder_service_subsidy_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "elder_services" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" varchar(10) NOT NULL,
	"name" varchar(20) NOT NULL,
	"duration_minutes" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"assessment_days" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elder_services_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "elder_services_kind" CHECK ("elder_services"."kind" in ('bathing', 'cleaning', 'physio', 'rehab')),
	CONSTRAINT "elder_services_amounts" CHECK ("elder_services"."duration_minutes" > 0 and "elder_services"."price_cents" >= 0 and ("elder_services"."assessment_days" is null or "elder_services"."assessment_days" > 0))
);
--> statement-breakpoint
ALTER TABLE "elder_services" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "school_attendance" ADD CONSTRAINT "school_attendance_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_attendance" ADD CONSTRAINT "school_attendance_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_attendance" ADD CONSTRAINT "school_attendance_course_fk" FOREIGN KEY ("tenant_id","course_id") REFERENCES "public"."school_courses"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_attendance" ADD CONSTRAINT "school_attendance_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_courses" ADD CONSTRAINT "school_courses_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_courses" ADD CONSTRAINT "school_courses_term_fk" FOREIGN KEY ("tenant_id","term_id") REFERENCES "public"."school_terms"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_courses" ADD CONSTRAINT "school_courses_teacher_fk" FOREIGN KEY ("tenant_id","teacher_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_booked_by_user_id_users_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_course_fk" FOREIGN KEY ("tenant_id","course_id") REFERENCES "public"."school_courses"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_terms" ADD CONSTRAINT "school_terms_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_terms" ADD CONSTRAINT "school_terms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ability_assessments" ADD CONSTRAINT "ability_assessments_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ability_assessments" ADD CONSTRAINT "ability_assessments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ability_assessments" ADD CONSTRAINT "ability_assessments_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD CONSTRAINT "elder_service_bookings_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD CONSTRAINT "elder_service_bookings_booked_by_user_id_users_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD CONSTRAINT "elder_service_bookings_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD CONSTRAINT "elder_service_bookings_slot_fk" FOREIGN KEY ("tenant_id","slot_id") REFERENCES "public"."elder_service_slots"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD CONSTRAINT "elder_service_bookings_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD CONSTRAINT "elder_service_bookings_booker_fk" FOREIGN KEY ("tenant_id","booked_by_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD CONSTRAINT "elder_service_bookings_rule_fk" FOREIGN KEY ("tenant_id","rule_id") REFERENCES "public"."elder_service_subsidy_rules"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_slots" ADD CONSTRAINT "elder_service_slots_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_slots" ADD CONSTRAINT "elder_service_slots_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."elder_services"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_subsidy_rules" ADD CONSTRAINT "elder_service_subsidy_rules_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_subsidy_rules" ADD CONSTRAINT "elder_service_subsidy_rules_tag_fk" FOREIGN KEY ("tenant_id","tag_id") REFERENCES "public"."resident_tags"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_services" ADD CONSTRAINT "elder_services_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "school_attendance_person_day_key" ON "school_attendance" USING btree ("tenant_id","course_id","resident_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "school_courses_term_title_key" ON "school_courses" USING btree ("tenant_id","term_id","title");--> statement-breakpoint
CREATE UNIQUE INDEX "school_enrolments_person_key" ON "school_enrolments" USING btree ("tenant_id","course_id","resident_id") WHERE "school_enrolments"."status" in ('applied', 'enrolled', 'waiting', 'offered');--> statement-breakpoint
CREATE INDEX "school_enrolments_course_idx" ON "school_enrolments" USING btree ("tenant_id","course_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "school_enrolments_resident_idx" ON "school_enrolments" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "school_terms_name_key" ON "school_terms" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "ability_assessments_resident_idx" ON "ability_assessments" USING btree ("tenant_id","resident_id","assessed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "elder_service_bookings_person_key" ON "elder_service_bookings" USING btree ("tenant_id","slot_id","resident_id") WHERE "elder_service_bookings"."status" in ('requested', 'confirmed', 'done');--> statement-breakpoint
CREATE INDEX "elder_service_bookings_resident_idx" ON "elder_service_bookings" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "elder_service_slots_time_key" ON "elder_service_slots" USING btree ("tenant_id","service_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "elder_services_name_key" ON "elder_services" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE POLICY "school_attendance_tenant_isolation" ON "school_attendance" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "school_courses_tenant_isolation" ON "school_courses" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "school_enrolments_tenant_isolation" ON "school_enrolments" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "school_terms_tenant_isolation" ON "school_terms" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "ability_assessments_tenant_isolation" ON "ability_assessments" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "elder_service_bookings_tenant_isolation" ON "elder_service_bookings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "elder_service_slots_tenant_isolation" ON "elder_service_slots" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "elder_service_subsidy_rules_tenant_isolation" ON "elder_service_subsidy_rules" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "elder_services_tenant_isolation" ON "elder_services" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- Decisions 001/022 (and 043, 044): FORCE binds the owner too.
ALTER TABLE "school_terms" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "school_courses" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "school_enrolments" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "school_attendance" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "elder_services" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "elder_service_slots" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "elder_service_subsidy_rules" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ability_assessments" FORCE ROW LEVEL SECURITY;
