DROP INDEX "cases_content_trgm_idx";--> statement-breakpoint
CREATE INDEX "cases_content_folded_trgm_idx" ON "cases" USING gin (lower(normalize("content", NFKC)) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_holdings_summary_folded_trgm_idx" ON "case_holdings" USING gin (lower(normalize("summary", NFKC)) gin_trgm_ops);