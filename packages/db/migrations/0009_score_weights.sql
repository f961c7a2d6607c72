CREATE TABLE "score_weights" (
	"district_id" uuid PRIMARY KEY NOT NULL,
	"response" integer NOT NULL,
	"resolution" integer NOT NULL,
	"satisfaction" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "score_weights" ADD CONSTRAINT "score_weights_district_id_org_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;