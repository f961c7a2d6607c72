ALTER TABLE "wish_claims" ALTER COLUMN "resident_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "action_item_updates" ADD COLUMN "photo_key" varchar(200);--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD COLUMN "wish_claim_id" uuid;--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD COLUMN "seal_image_key" varchar(200);--> statement-breakpoint
ALTER TABLE "wish_claims" ADD COLUMN "partner_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "wish_claims" ADD COLUMN "recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "wish_wall_items" ADD COLUMN "lit_photo_key" varchar(200);--> statement-breakpoint
ALTER TABLE "wish_claims" ADD CONSTRAINT "wish_claims_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_claims" ADD CONSTRAINT "wish_claims_unit_fk" FOREIGN KEY ("tenant_id","partner_unit_id") REFERENCES "public"."partner_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_claims" ADD CONSTRAINT "wish_claims_one_claimant" CHECK (("wish_claims"."resident_id" is null) <> ("wish_claims"."partner_unit_id" is null));--> statement-breakpoint
-- Written by hand (volunteer_hours is declared before wish_claims in the schema, so the foreign key is kept here).
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_wish_claim_fk" FOREIGN KEY ("tenant_id","wish_claim_id") REFERENCES "public"."wish_claims"("tenant_id","id") ON DELETE no action ON UPDATE no action;
