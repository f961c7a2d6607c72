-- The trigram index takes each new case directly (fastupdate off) instead of through a pending list that one unlucky
-- insert in a few thousand flushed (50–300 ms) and every search scanned. Altered in place, not rebuilt: no long lock
-- on a large cases table; the entries already pending are moved into the index now.
ALTER INDEX "cases_content_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('cases_content_trgm_idx'::regclass);
