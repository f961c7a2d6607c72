-- Decision 073: the default care rules name 重病 (serious illness: high risk) and 孤儿 (orphans: priority), which the
-- register's tag list lacked, so nobody could be tagged with them and the rules named no one. Every community gets
-- them (DEFAULT_RESIDENT_TAGS; new communities from provisionCommunity), after its own tags. Written in each
-- community's own context, as the table is under forced RLS. A community that has them already keeps its own.
DO $$
DECLARE t uuid;
BEGIN
  FOR t IN SELECT id FROM org_units WHERE kind = 'community' LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    INSERT INTO resident_tags (tenant_id, id, name, sort_order)
    SELECT t, gen_random_uuid(), d.name, coalesce((SELECT max(sort_order) FROM resident_tags WHERE tenant_id = t), 0) + d.ord
    FROM unnest(ARRAY['重病', '孤儿']) WITH ORDINALITY AS d(name, ord)
    ON CONFLICT DO NOTHING;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;
