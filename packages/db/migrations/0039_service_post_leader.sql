-- Issue 16 (party section) and 18: a service post has a leader from the register, and may require a party member as leader.
ALTER TABLE "service_posts" ADD COLUMN "leader_resident_id" uuid;--> statement-breakpoint
ALTER TABLE "service_posts" ADD COLUMN "requires_party_leader" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "service_posts" ADD CONSTRAINT "service_posts_leader_fk" FOREIGN KEY ("tenant_id","leader_resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_posts" ADD CONSTRAINT "service_posts_party_leader" CHECK (not "service_posts"."requires_party_leader" or "service_posts"."leader_resident_id" is not null);