ALTER TYPE "public"."notification_kind" ADD VALUE 'case_review' BEFORE 'supervision';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'case_sent_back' BEFORE 'supervision';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'case_resolved' BEFORE 'supervision';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'case_reopened' BEFORE 'supervision';