ALTER TABLE "meal_bookings" ADD COLUMN "cancelled_by" varchar(8);--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD COLUMN "cancelled_by_resident_id" uuid;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD COLUMN "booked_by_resident_id" uuid;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD COLUMN "withdrawn_by" varchar(8);--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD COLUMN "withdrawn_by_resident_id" uuid;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD COLUMN "cancelled_by" varchar(8);--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD COLUMN "cancelled_by_resident_id" uuid;--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD CONSTRAINT "meal_bookings_canceller_fk" FOREIGN KEY ("tenant_id","cancelled_by_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_booker_fk" FOREIGN KEY ("tenant_id","booked_by_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_withdrawer_fk" FOREIGN KEY ("tenant_id","withdrawn_by_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD CONSTRAINT "elder_service_bookings_canceller_fk" FOREIGN KEY ("tenant_id","cancelled_by_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_bookings" ADD CONSTRAINT "meal_bookings_cancelled_by" CHECK ("meal_bookings"."cancelled_by" is null or "meal_bookings"."cancelled_by" in ('self', 'family', 'staff'));--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_withdrawn_by" CHECK ("school_enrolments"."withdrawn_by" is null or "school_enrolments"."withdrawn_by" in ('self', 'family', 'staff'));--> statement-breakpoint
ALTER TABLE "elder_service_bookings" ADD CONSTRAINT "elder_service_bookings_cancelled_by" CHECK ("elder_service_bookings"."cancelled_by" is null or "elder_service_bookings"."cancelled_by" in ('self', 'family', 'staff'));