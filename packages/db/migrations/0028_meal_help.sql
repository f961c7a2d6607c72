CREATE TABLE "meal_bookings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"day" date NOT NULL,
	"resident_id" uuid NOT NULL,
	"mode" varchar(10) NOT NULL,
	"diet" varchar(12),
	"status" varchar(12) NOT NULL,
	"booked_by" varchar(8) NOT NULL,
	"booked_by_user_id" uuid,
	"booked_by_resident_id" uuid,
	"queued_at" timestamp with time zone NOT NULL,
	"price_cents" integer NOT NULL,
	"subsidy_cents" integer DEFAULT 0 NOT NULL,
	"rule_id" uuid,
	"category" varchar(20),
	"served_at" timestamp with time zone,
	"served_via" varchar(10),
	"served_by" uuid,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meal_bookings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "meal_bookings_mode" CHECK ("meal_bookings"."mode" in ('dine_in', 'delivery')),
	CONSTRAINT "meal_bookings_status" CHECK ("meal_bookings"."status" in ('booked', 'waiting', 'cancelled', 'given_away', 'served', 'missed')),
	CONSTRAINT "meal_bookings_booked_by" CHECK ("meal_bookings"."booked_by" in ('self', 'family', 'staff')),
	CONSTRAINT "meal_bookings_served" CHECK (("meal_bookings"."status" = 'served') = ("meal_bookings"."served_at" is not null and "meal_bookings"."served_via" in ('counter', 'delivery'))),
	CONSTRAINT "meal_bookings_amounts" CHECK ("meal_bookings"."price_cents" >= 0 and "meal_bookings"."subsidy_cents" >= 0 and "meal_bookings"."subsidy_cents" <= "meal_bookings"."price_cents")
);
--> statement-breakpoint
ALTER TABLE "meal_bookings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "meal_dishes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" varchar(40) NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meal_dishes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "meal_dishes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "meal_menu_dishes" (
	"tenant_id" uuid NOT NULL,
	"menu_id" uuid NOT NULL,
	"dish_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "meal_menu_dishes_tenant_id_menu_id_dish_id_pk" PRIMARY KEY("tenant_id","menu_id","dish_id")
);
--> statement-breakpoint
ALTER TABLE "meal_menu_dishes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "meal_menus" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meal_menus_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "meal_menus_status" CHECK ("meal_menus"."status" in ('draft', 'published'))
);
--> statement-breakpoint
ALTER TABLE "meal_menus" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "meal_sittings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meal" varchar(12) NOT NULL,
	"name" varchar(20) NOT NULL,
	"capacity" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"cutoff_days_before" integer DEFAULT 1 NOT NULL,
	"cutoff_time" varchar(5) NOT NULL,
	"serve_from" varchar(5) NOT NULL,
	"serve_until" varchar(5) NOT NULL,
	"menu_rule" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meal_sittings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "meal_sittings_meal" CHECK ("meal_sittings"."meal" in ('breakfast', 'lunch', 'dinner')),
	CONSTRAINT "meal_sittings_amounts" CHECK ("meal_sittings"."capacity" >= 0 and "meal_sittings"."price_cents" >= 0 and "meal_sittings"."cutoff_days_before" >= 0)
);
--> statement-breakpoint
ALTER TABLE "meal_sittings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "meal_subsidy_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" varchar(20) NOT NULL,
	"tag_id" uuid,
	"min_age" integer,
	"per_meal_cents" integer NOT NULL,
	"monthly_cap_cents" integer,
	"priority" integer DEFAULT 0 NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meal_subsidy_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "meal_subsidy_rules_who" CHECK ("meal_subsidy_rules"."tag_id" is not null or "meal_subsidy_rules"."min_age" is not null),
	CONSTRAINT "meal_subsidy_rules_amounts" CHECK ("meal_subsidy_rules"."per_meal_cents" >= 0 and ("meal_subsidy_rules"."monthly_cap_cents" is null or "meal_subsidy_rules"."monthly_cap_cents" >= 0)),
	CONSTRAINT "meal_subsidy_rules_dates" CHECK ("meal_subsidy_rules"."effective_to" is null or "meal_subsidy_rules"."effective_to" > "meal_subsidy_rules"."effective_from")
);
--> statement-breakpoint
ALTER TABLE "meal_subsidy_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD CONSTRAINT "meal_bookings_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD CONSTRAINT "meal_bookings_booked_by_user_id_users_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD CONSTRAINT "meal_bookings_served_by_users_id_fk" FOREIGN KEY ("served_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD CONSTRAINT "meal_bookings_sitting_fk" FOREIGN KEY ("tenant_id","sitting_id") REFERENCES "public"."meal_sittings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD CONSTRAINT "meal_bookings_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD CONSTRAINT "meal_bookings_booker_fk" FOREIGN KEY ("tenant_id","booked_by_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD CONSTRAINT "meal_bookings_rule_fk" FOREIGN KEY ("tenant_id","rule_id") REFERENCES "public"."meal_subsidy_rules"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_dishes" ADD CONSTRAINT "meal_dishes_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_menu_dishes" ADD CONSTRAINT "meal_menu_dishes_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_menu_dishes" ADD CONSTRAINT "meal_menu_dishes_menu_fk" FOREIGN KEY ("tenant_id","menu_id") REFERENCES "public"."meal_menus"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_menu_dishes" ADD CONSTRAINT "meal_menu_dishes_dish_fk" FOREIGN KEY ("tenant_id","dish_id") REFERENCES "public"."meal_dishes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_menus" ADD CONSTRAINT "meal_menus_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_menus" ADD CONSTRAINT "meal_menus_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_menus" ADD CONSTRAINT "meal_menus_sitting_fk" FOREIGN KEY ("tenant_id","sitting_id") REFERENCES "public"."meal_sittings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_sittings" ADD CONSTRAINT "meal_sittings_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_subsidy_rules" ADD CONSTRAINT "meal_subsidy_rules_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_subsidy_rules" ADD CONSTRAINT "meal_subsidy_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_subsidy_rules" ADD CONSTRAINT "meal_subsidy_rules_tag_fk" FOREIGN KEY ("tenant_id","tag_id") REFERENCES "public"."resident_tags"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meal_bookings_person_key" ON "meal_bookings" USING btree ("tenant_id","sitting_id","day","resident_id") WHERE "meal_bookings"."status" in ('booked', 'waiting', 'served', 'missed');--> statement-breakpoint
CREATE INDEX "meal_bookings_sitting_day_idx" ON "meal_bookings" USING btree ("tenant_id","day","sitting_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "meal_bookings_resident_idx" ON "meal_bookings" USING btree ("tenant_id","resident_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "meal_dishes_tenant_name_key" ON "meal_dishes" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "meal_menus_sitting_day_key" ON "meal_menus" USING btree ("tenant_id","sitting_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "meal_sittings_tenant_meal_key" ON "meal_sittings" USING btree ("tenant_id","meal");--> statement-breakpoint
CREATE INDEX "meal_subsidy_rules_effective_idx" ON "meal_subsidy_rules" USING btree ("tenant_id","effective_from");--> statement-breakpoint
CREATE POLICY "meal_bookings_tenant_isolation" ON "meal_bookings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "meal_dishes_tenant_isolation" ON "meal_dishes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "meal_menu_dishes_tenant_isolation" ON "meal_menu_dishes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "meal_menus_tenant_isolation" ON "meal_menus" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "meal_sittings_tenant_isolation" ON "meal_sittings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "meal_subsidy_rules_tenant_isolation" ON "meal_subsidy_rules" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Decision 001/022/038: FORCE binds the owner too.
ALTER TABLE "meal_dishes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meal_sittings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meal_menus" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meal_menu_dishes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meal_subsidy_rules" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meal_bookings" FORCE ROW LEVEL SECURITY;
