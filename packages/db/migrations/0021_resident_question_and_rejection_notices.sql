ALTER TYPE "public"."notification_kind" ADD VALUE 'case_question';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'case_rejected';