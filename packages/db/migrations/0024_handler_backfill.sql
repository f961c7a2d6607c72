-- Issue 15: whoever accepted a case nobody was assigned to is its handler (经办人). Cases accepted before that rule
-- show "—"; give each the staff member who accepted it, as acceptCase now does. cases and case_events are under
-- forced RLS, which binds the owner too, so each community's rows are updated in that community's context.
DO $$
DECLARE t uuid;
BEGIN
  FOR t IN SELECT id FROM org_units WHERE kind = 'community' LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    UPDATE cases c SET assignee_id = e.actor_user_id
    FROM (
      SELECT DISTINCT ON (case_id) case_id, actor_user_id
      FROM case_events
      WHERE tenant_id = t AND type = 'accept' AND actor_kind = 'staff' AND actor_user_id IS NOT NULL
      ORDER BY case_id, at
    ) e
    WHERE c.tenant_id = t AND c.id = e.case_id AND c.assignee_id IS NULL AND c.accepted_at IS NOT NULL;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;
