ALTER TABLE "consultation_meetings" ADD COLUMN "minutes_file_key" varchar(200);--> statement-breakpoint
ALTER TABLE "party_members" ADD COLUMN "partner_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_unit_fk" FOREIGN KEY ("tenant_id","partner_unit_id") REFERENCES "public"."partner_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_members_unit_idx" ON "party_members" USING btree ("tenant_id","partner_unit_id") WHERE "party_members"."partner_unit_id" is not null;
