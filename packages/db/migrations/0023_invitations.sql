CREATE TABLE "invitations" (
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"invitee_name" text NOT NULL,
	"role" "role" NOT NULL,
	"org_unit_id" uuid,
	"grid_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "invitations_id_pk" PRIMARY KEY("id"),
	CONSTRAINT "invitations_unit_matches_role" CHECK (("invitations"."role" = 'platform_operator') = ("invitations"."org_unit_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "auth_tokens" DROP CONSTRAINT "auth_tokens_issued_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD COLUMN "invitation_id" uuid;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_org_unit_idx" ON "invitations" USING btree ("org_unit_id","created_at");--> statement-breakpoint
CREATE INDEX "invitations_user_idx" ON "invitations" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "invitations_scope" ON "invitations" AS PERMISSIVE FOR ALL TO public USING (org_unit_id = nullif(current_setting('app.tenant_id', true), '')::uuid or org_unit_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or org_unit_id in (select o.id from org_units o where o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])))
        or user_id = nullif(current_setting('app.user_id', true), '')::uuid or invited_by = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('authentication', 'maintenance')) WITH CHECK (org_unit_id = nullif(current_setting('app.tenant_id', true), '')::uuid or org_unit_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or org_unit_id in (select o.id from org_units o where o.district_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])) or o.street_id = any(((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])))
        or user_id = nullif(current_setting('app.user_id', true), '')::uuid or invited_by = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('authentication', 'maintenance'));--> statement-breakpoint
-- Decision 019: FORCE binds the owner too.
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
