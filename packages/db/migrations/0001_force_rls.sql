-- FORCE makes row-level security apply to the table owner too, so not even migrations or the seed
-- (which run as the owner) can read or write a tenant's rows without that tenant's context.
-- Every later tenant-owned table needs the same line; the RLS catalog test fails until it has it.
ALTER TABLE "categories" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "grids" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "buildings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
