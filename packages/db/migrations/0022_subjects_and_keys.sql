-- Decision 026: deadlines and notifications for any subject; community-led keys; notification kinds as data;
-- outbox attempt tokens. Written by hand (drizzle-kit would drop and re-add the renamed columns, losing data).
ALTER TABLE "deadlines" ALTER COLUMN "kind" SET DATA TYPE varchar(40) USING "kind"::text;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE varchar(60) USING "kind"::text;--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "kind" SET DATA TYPE varchar(60) USING "kind"::text;--> statement-breakpoint
DROP TYPE "public"."deadline_kind";--> statement-breakpoint
DROP TYPE "public"."notification_kind";--> statement-breakpoint
-- deadlines: community → tenant_id, case → (subject_type, subject_id) with case_id derived for the foreign key.
ALTER TABLE "deadlines" DROP CONSTRAINT "deadlines_case_fk";--> statement-breakpoint
DROP INDEX "deadlines_case_kind_key";--> statement-breakpoint
ALTER TABLE "deadlines" RENAME COLUMN "community_id" TO "tenant_id";--> statement-breakpoint
ALTER TABLE "deadlines" RENAME CONSTRAINT "deadlines_community_id_org_units_id_fk" TO "deadlines_tenant_id_org_units_id_fk";--> statement-breakpoint
ALTER TABLE "deadlines" ADD COLUMN "subject_type" varchar(40) DEFAULT 'case' NOT NULL;--> statement-breakpoint
ALTER TABLE "deadlines" ALTER COLUMN "subject_type" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "deadlines" RENAME COLUMN "case_id" TO "subject_id";--> statement-breakpoint
ALTER TABLE "deadlines" ADD COLUMN "case_id" uuid GENERATED ALWAYS AS (case when subject_type = 'case' then subject_id end) STORED;--> statement-breakpoint
ALTER TABLE "deadlines" DROP CONSTRAINT "deadlines_id_pk";--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_pkey" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_subject_kind_key" UNIQUE("tenant_id","subject_type","subject_id","kind");--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_subject_type_format" CHECK ("deadlines"."subject_type" ~ '^[a-z][a-z0-9_]*$');--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_kind_format" CHECK ("deadlines"."kind" ~ '^[a-z][a-z0-9_]*$');--> statement-breakpoint
DROP INDEX "deadlines_community_idx";--> statement-breakpoint
DROP INDEX "deadlines_community_due_idx";--> statement-breakpoint
CREATE INDEX "deadlines_community_idx" ON "deadlines" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE INDEX "deadlines_community_due_idx" ON "deadlines" USING btree ("tenant_id","kind","due_at");--> statement-breakpoint
-- case_holdings: community → tenant_id, leading the primary key.
ALTER TABLE "case_holdings" DROP CONSTRAINT "case_holdings_case_fk";--> statement-breakpoint
ALTER TABLE "case_holdings" RENAME COLUMN "community_id" TO "tenant_id";--> statement-breakpoint
ALTER TABLE "case_holdings" RENAME CONSTRAINT "case_holdings_community_id_org_units_id_fk" TO "case_holdings_tenant_id_org_units_id_fk";--> statement-breakpoint
ALTER TABLE "case_holdings" DROP CONSTRAINT "case_holdings_case_id_pk";--> statement-breakpoint
ALTER TABLE "case_holdings" ADD CONSTRAINT "case_holdings_pkey" PRIMARY KEY("tenant_id","case_id");--> statement-breakpoint
ALTER TABLE "case_holdings" ADD CONSTRAINT "case_holdings_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- notifications belong to their user: (user_id, id); community and subject are facts about what they concern.
ALTER TABLE "notifications" RENAME COLUMN "case_id" TO "subject_id";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_type" varchar(40);--> statement-breakpoint
UPDATE "notifications" SET "subject_type" = 'case' WHERE "subject_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_id_pk";--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_pkey" PRIMARY KEY("user_id","id");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_format" CHECK ("notifications"."kind" ~ '^[a-z][a-z0-9_.]*$');--> statement-breakpoint
-- outbox belongs to the community its message is about. Rows written before this migration carried no community:
-- they get one of their recipient's communities, else the oldest community (they are history, or about to be sent).
ALTER TABLE "outbox" ADD COLUMN "tenant_id" uuid;--> statement-breakpoint
UPDATE "outbox" o SET "tenant_id" = coalesce(
  (SELECT m.org_unit_id FROM memberships m JOIN org_units u ON u.id = m.org_unit_id AND u.kind = 'community' WHERE m.user_id = o.user_id ORDER BY m.org_unit_id LIMIT 1),
  (SELECT id FROM org_units WHERE kind = 'community' ORDER BY created_at, id LIMIT 1));--> statement-breakpoint
DELETE FROM "outbox" WHERE "tenant_id" IS NULL;--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "tenant_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attempt_token" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_id_pk";--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_pkey" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_kind_format" CHECK ("outbox"."kind" ~ '^[a-z][a-z0-9_.]*$');
