-- Row-level security binds the owner too (see 0001).
ALTER TABLE "qr_codes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cases" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_photos" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reply_templates" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "community_settings" FORCE ROW LEVEL SECURITY;
