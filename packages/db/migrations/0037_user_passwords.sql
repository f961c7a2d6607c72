CREATE TABLE "user_passwords" (
	"user_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_passwords_user_id_pk" PRIMARY KEY("user_id")
);
--> statement-breakpoint
ALTER TABLE "user_passwords" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "user_passwords" ADD CONSTRAINT "user_passwords_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Issue 13: the hashes move out of users (visible to every scope that sees the person) into their own table, read
-- only in the authentication scope. users is under forced RLS, which binds the owner too: copy in maintenance.
SELECT set_config('app.system', 'maintenance', true);--> statement-breakpoint
INSERT INTO "user_passwords" ("user_id", "hash") SELECT "id", "password_hash" FROM "users" WHERE "password_hash" IS NOT NULL;--> statement-breakpoint
SELECT set_config('app.system', '', true);--> statement-breakpoint
-- account_by_identifier (migration 0027) answered whether the account has a password from users.password_hash; it
-- now asks user_passwords, under the same database-side scope (account-lookup, admitted by its read policy).
CREATE OR REPLACE FUNCTION account_by_identifier(p_mobile text, p_email text)
RETURNS TABLE (user_id uuid, has_password boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  previous text := coalesce(current_setting('app.system', true), '');
BEGIN
  IF coalesce(current_setting('app.tenant_id', true), '') = '' AND coalesce(current_setting('app.unit_ids', true), '') = ''
     AND previous NOT IN ('maintenance', 'authentication') THEN
    RETURN;
  END IF;
  PERFORM set_config('app.system', 'account-lookup', true);
  RETURN QUERY
    select u.id, exists (select 1 from user_passwords p where p.user_id = u.id) from users u
    where case when p_mobile is not null then u.mobile = p_mobile else u.email = p_email end
    limit 1;
  PERFORM set_config('app.system', previous, true);
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION account_by_identifier(text, text) FROM public;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "password_hash";--> statement-breakpoint
CREATE POLICY "user_passwords_read" ON "user_passwords" AS PERMISSIVE FOR SELECT TO public USING (current_setting('app.system', true) in ('authentication', 'account-lookup'));--> statement-breakpoint
CREATE POLICY "user_passwords_create" ON "user_passwords" AS PERMISSIVE FOR INSERT TO public WITH CHECK (current_setting('app.system', true) in ('authentication', 'maintenance'));--> statement-breakpoint
CREATE POLICY "user_passwords_write" ON "user_passwords" AS PERMISSIVE FOR UPDATE TO public USING (current_setting('app.system', true) in ('authentication')) WITH CHECK (current_setting('app.system', true) in ('authentication'));--> statement-breakpoint
CREATE POLICY "user_passwords_delete" ON "user_passwords" AS PERMISSIVE FOR DELETE TO public USING (current_setting('app.system', true) in ('authentication', 'maintenance'));--> statement-breakpoint
-- Decision 019: FORCE binds the owner too.
ALTER TABLE "user_passwords" FORCE ROW LEVEL SECURITY;
