ALTER TABLE "elder_services" ADD COLUMN "min_age" integer;--> statement-breakpoint
ALTER TABLE "elder_services" ADD CONSTRAINT "elder_services_min_age" CHECK ("elder_services"."min_age" is null or "elder_services"."min_age" between 0 and 120);--> statement-breakpoint
-- The station's services are for elders: every existing service asks 60 or more (issue 19; staff may change it).
UPDATE "elder_services" SET "min_age" = 60 WHERE "min_age" IS NULL;
