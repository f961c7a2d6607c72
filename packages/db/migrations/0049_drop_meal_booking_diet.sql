-- Unused since 0048 (`diets` holds every diet of a booking); nothing reads it (issue 19).
ALTER TABLE "meal_bookings" DROP COLUMN "diet";--> statement-breakpoint
-- Versions of one service subsidy rule (one name) overlapped: a new version starting the same day as another did not
-- end it, and one starting before a later version ran on past that version's start (issue 19's trial: two versions
-- listed over the same days). Each version now ends where the next later one of its name begins...
-- Written in each community's own context: the table is under forced RLS, and the owner without a tenant sees no
-- row (a first version of this repair changed nothing, found in review).
DO $$
DECLARE t uuid;
BEGIN
  FOR t IN SELECT id FROM org_units WHERE kind = 'community' LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    UPDATE "elder_service_subsidy_rules" r SET "effective_to" = n."next_from"
    FROM (
      SELECT r2."tenant_id", r2."id",
        (SELECT min(o."effective_from") FROM "elder_service_subsidy_rules" o
          WHERE o."tenant_id" = r2."tenant_id" AND o."name" = r2."name" AND o."effective_from" > r2."effective_from") AS "next_from"
      FROM "elder_service_subsidy_rules" r2
    ) n
    WHERE r."tenant_id" = n."tenant_id" AND r."id" = n."id" AND n."next_from" IS NOT NULL
      AND (r."effective_to" IS NULL OR r."effective_to" > n."next_from");
    -- ...and of two versions starting the same day, the earlier saved one (never the one in force: the later saved
    -- one was meant to replace it) goes when no booking was priced by it.
    DELETE FROM "elder_service_subsidy_rules" r
    WHERE EXISTS (
        SELECT 1 FROM "elder_service_subsidy_rules" o
        WHERE o."tenant_id" = r."tenant_id" AND o."name" = r."name" AND o."effective_from" = r."effective_from"
          AND (o."created_at", o."id") > (r."created_at", r."id"))
      AND NOT EXISTS (SELECT 1 FROM "elder_service_bookings" b WHERE b."tenant_id" = r."tenant_id" AND b."rule_id" = r."id");
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;
