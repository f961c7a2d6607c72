-- Rollup refreshes find the cases received, or falling due, on given days by index instead of reading all of a
-- community's cases (to_char over every row); the date-range filters of the inbox use the first one too.
CREATE INDEX "cases_tenant_created_idx" ON "cases" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "deadlines_community_due_idx" ON "deadlines" USING btree ("community_id","kind","due_at");