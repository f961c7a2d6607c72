CREATE TABLE "password_reset_codes" (
	"id" uuid NOT NULL,
	"mobile" varchar(11) NOT NULL,
	"user_id" uuid,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "password_reset_codes_id_pk" PRIMARY KEY("id")
);
--> statement-breakpoint
ALTER TABLE "password_reset_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "password_reset_codes" ADD CONSTRAINT "password_reset_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "password_reset_codes_mobile_idx" ON "password_reset_codes" USING btree ("mobile","created_at");--> statement-breakpoint
CREATE INDEX "password_reset_codes_expires_idx" ON "password_reset_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE POLICY "password_reset_codes_scope" ON "password_reset_codes" AS PERMISSIVE FOR ALL TO public USING (current_setting('app.system', true) in ('authentication', 'session-purge')) WITH CHECK (current_setting('app.system', true) in ('authentication', 'session-purge'));--> statement-breakpoint
-- Decision 019: FORCE binds the owner too.
ALTER TABLE "password_reset_codes" FORCE ROW LEVEL SECURITY;
