ALTER TABLE "meal_bookings" ADD COLUMN "diets" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- One diet per booking before (issue 19's trial: 低盐 and 糖尿病 could not both be recorded): carried over into the list.
UPDATE "meal_bookings" SET "diets" = ARRAY["diet"] WHERE "diet" IS NOT NULL;
