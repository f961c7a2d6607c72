ALTER TABLE "auth_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "auth_tokens_scope" ON "auth_tokens" AS PERMISSIVE FOR ALL TO public USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid or issued_by = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('authentication', 'session-purge', 'maintenance')) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid or issued_by = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('authentication', 'session-purge', 'maintenance'));--> statement-breakpoint
CREATE POLICY "sessions_scope" ON "sessions" AS PERMISSIVE FOR ALL TO public USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('authentication', 'session-purge', 'maintenance')) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid or current_setting('app.system', true) in ('authentication', 'session-purge', 'maintenance'));--> statement-breakpoint
-- Decision 019: FORCE binds the owner too.
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "auth_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Issuing a link voids the person's earlier unused links of that purpose, whoever issued them. The issuer's scope
-- sees only links it issued (or its own), so the voiding goes through this function: it answers a count only, and
-- declares the 'authentication' scope for its one statement, then puts back what the caller had declared.
CREATE FUNCTION void_one_time_links(p_user uuid, p_purpose auth_token_purpose, p_now timestamptz)
RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  previous text := coalesce(current_setting('app.system', true), '');
  voided int;
BEGIN
  PERFORM set_config('app.system', 'authentication', true);
  UPDATE auth_tokens SET used_at = p_now WHERE user_id = p_user AND purpose = p_purpose AND used_at IS NULL;
  GET DIAGNOSTICS voided = ROW_COUNT;
  PERFORM set_config('app.system', previous, true);
  RETURN voided;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION void_one_time_links(uuid, auth_token_purpose, timestamptz) FROM public;
