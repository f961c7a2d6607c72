CREATE TABLE "action_item_updates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"action_item_id" uuid NOT NULL,
	"progress" smallint NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_item_updates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "action_item_updates_progress" CHECK ("action_item_updates"."progress" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "action_item_updates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "action_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"parent_id" uuid,
	"title" text NOT NULL,
	"owner_kind" varchar(14) NOT NULL,
	"owner_user_id" uuid,
	"owner_partner_unit_id" uuid,
	"owner_org_unit_id" uuid,
	"owner_team" text,
	"weight" smallint DEFAULT 1 NOT NULL,
	"due_working_days" smallint,
	"due_at" timestamp with time zone,
	"progress" smallint DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"reported_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "action_items_owner_kind" CHECK ("owner_kind" in ('staff', 'team', 'partner_unit', 'department')),
	CONSTRAINT "action_items_owner" CHECK (("action_items"."owner_kind" = 'staff' and "action_items"."owner_user_id" is not null) or ("action_items"."owner_kind" = 'team' and "action_items"."owner_team" is not null)
       or ("action_items"."owner_kind" = 'partner_unit' and "action_items"."owner_partner_unit_id" is not null) or ("action_items"."owner_kind" = 'department' and "action_items"."owner_org_unit_id" is not null)),
	CONSTRAINT "action_items_progress" CHECK ("action_items"."progress" between 0 and 100),
	CONSTRAINT "action_items_weight" CHECK ("action_items"."weight" between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "action_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"notes" text,
	"vote_mode" varchar(6) DEFAULT 'hands' NOT NULL,
	"ballot_open" boolean DEFAULT false NOT NULL,
	"votes_for" integer,
	"votes_against" integer,
	"votes_abstain" integer,
	"expected_at_vote" integer,
	"attending_at_vote" integer,
	"outcome" varchar(10) DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "agenda_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "agenda_items_vote_mode" CHECK ("vote_mode" in ('hands', 'secret')),
	CONSTRAINT "agenda_items_outcome" CHECK ("outcome" in ('pending', 'adopted', 'rejected', 'deferred')),
	CONSTRAINT "agenda_items_votes" CHECK (coalesce("agenda_items"."votes_for", 0) >= 0 and coalesce("agenda_items"."votes_against", 0) >= 0 and coalesce("agenda_items"."votes_abstain", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ballot_codes" (
	"tenant_id" uuid NOT NULL,
	"code_hash" varchar(64) NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"used" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ballot_codes_tenant_id_code_hash_pk" PRIMARY KEY("tenant_id","code_hash")
);
--> statement-breakpoint
ALTER TABLE "ballot_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ballots" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"choice" varchar(8) NOT NULL,
	CONSTRAINT "ballots_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "ballots_choice" CHECK ("choice" in ('for', 'against', 'abstain'))
);
--> statement-breakpoint
ALTER TABLE "ballots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "cogovernance_settings" (
	"tenant_id" uuid NOT NULL,
	"quorum_num" smallint DEFAULT 2 NOT NULL,
	"quorum_den" smallint DEFAULT 3 NOT NULL,
	"threshold_num" smallint DEFAULT 1 NOT NULL,
	"threshold_den" smallint DEFAULT 2 NOT NULL,
	"notice_days" smallint DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cogovernance_settings_tenant_id_pk" PRIMARY KEY("tenant_id"),
	CONSTRAINT "cogovernance_settings_quorum" CHECK ("cogovernance_settings"."quorum_num" > 0 and "cogovernance_settings"."quorum_num" <= "cogovernance_settings"."quorum_den"),
	CONSTRAINT "cogovernance_settings_threshold" CHECK ("cogovernance_settings"."threshold_num" > 0 and "cogovernance_settings"."threshold_num" <= "cogovernance_settings"."threshold_den"),
	CONSTRAINT "cogovernance_settings_notice" CHECK ("cogovernance_settings"."notice_days" between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "cogovernance_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultation_decisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" varchar(12) DEFAULT 'notice' NOT NULL,
	"public_token" varchar(32) NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"notice_ends_at" timestamp with time zone NOT NULL,
	"result" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_decisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "consultation_decisions_status" CHECK ("status" in ('notice', 'in_progress', 'done'))
);
--> statement-breakpoint
ALTER TABLE "consultation_decisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultation_matter_wishes" (
	"tenant_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_matter_wishes_tenant_id_matter_id_case_id_pk" PRIMARY KEY("tenant_id","matter_id","case_id")
);
--> statement-breakpoint
ALTER TABLE "consultation_matter_wishes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultation_matters" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"source" varchar(10) NOT NULL,
	"partner_unit_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_matters_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "consultation_matters_source" CHECK ("source" in ('wish', 'staff', 'unit')),
	CONSTRAINT "consultation_matters_unit_source" CHECK (("consultation_matters"."source" = 'unit') = ("consultation_matters"."partner_unit_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "consultation_matters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultation_meetings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"topic" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place" text,
	"online_url" text,
	"capacity" integer,
	"status" varchar(10) DEFAULT 'planned' NOT NULL,
	"chair_user_id" uuid,
	"minutes" text,
	"minutes_state" varchar(10) DEFAULT 'none' NOT NULL,
	"minutes_approved_at" timestamp with time zone,
	"minutes_approved_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_meetings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "consultation_meetings_status" CHECK ("status" in ('planned', 'held', 'closed', 'cancelled')),
	CONSTRAINT "consultation_meetings_minutes" CHECK ("minutes_state" in ('none', 'draft', 'approved')),
	CONSTRAINT "consultation_meetings_place" CHECK ("consultation_meetings"."place" is not null or "consultation_meetings"."online_url" is not null),
	CONSTRAINT "consultation_meetings_capacity" CHECK ("consultation_meetings"."capacity" is null or "consultation_meetings"."capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "consultation_meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "decision_objections" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"body" text NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_objections_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "decision_objections_length" CHECK (char_length("decision_objections"."body") between 1 and 500)
);
--> statement-breakpoint
ALTER TABLE "decision_objections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "meeting_participants" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" varchar(10) NOT NULL,
	"partner_unit_id" uuid,
	"resident_id" uuid,
	"user_id" uuid,
	"voting" boolean DEFAULT true NOT NULL,
	"registration" varchar(10) DEFAULT 'invited' NOT NULL,
	"registered_at" timestamp with time zone,
	"attended_at" timestamp with time zone,
	"attended_by" varchar(6),
	"check_in_hash" varchar(64),
	"show_attendance" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_participants_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "meeting_participants_kind" CHECK ("kind" in ('unit', 'resident', 'staff')),
	CONSTRAINT "meeting_participants_registration" CHECK ("registration" in ('invited', 'registered', 'waitlisted', 'cancelled')),
	CONSTRAINT "meeting_participants_attended_by" CHECK ("meeting_participants"."attended_by" is null or "meeting_participants"."attended_by" in ('qr', 'list')),
	CONSTRAINT "meeting_participants_one_who" CHECK (("meeting_participants"."kind" = 'unit' and "meeting_participants"."partner_unit_id" is not null and "meeting_participants"."resident_id" is null and "meeting_participants"."user_id" is null)
       or ("meeting_participants"."kind" = 'resident' and "meeting_participants"."resident_id" is not null and "meeting_participants"."partner_unit_id" is null and "meeting_participants"."user_id" is null)
       or ("meeting_participants"."kind" = 'staff' and "meeting_participants"."user_id" is not null and "meeting_participants"."partner_unit_id" is null and "meeting_participants"."resident_id" is null))
);
--> statement-breakpoint
ALTER TABLE "meeting_participants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "partner_units" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" varchar(20) NOT NULL,
	"address" text,
	"contact_name_enc" text,
	"contact_name_hint" text,
	"contact_mobile_enc" text,
	"contact_mobile_hint" text,
	"contact_mobile_index" varchar(64),
	"offers" text,
	"member_since" date,
	"member_until" date,
	"party_members_reported" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_units_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "partner_units_kind" CHECK ("kind" in ('enterprise', 'institution', 'social_org', 'individual_business', 'party_org')),
	CONSTRAINT "partner_units_membership" CHECK ("partner_units"."member_until" is null or "partner_units"."member_since" is null or "partner_units"."member_until" >= "partner_units"."member_since")
);
--> statement-breakpoint
ALTER TABLE "partner_units" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_occurrences" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"partner_unit_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" varchar(10) DEFAULT 'scheduled' NOT NULL,
	"check_in_hash" varchar(64),
	"checked_in_at" timestamp with time zone,
	"people_served" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_occurrences_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_occurrences_status" CHECK ("status" in ('scheduled', 'delivered', 'missed', 'cancelled')),
	CONSTRAINT "service_occurrences_served" CHECK ("service_occurrences"."people_served" is null or "service_occurrences"."people_served" >= 0)
);
--> statement-breakpoint
ALTER TABLE "service_occurrences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_post_claims" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"partner_unit_id" uuid NOT NULL,
	"claimed_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_post_claims_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "service_post_claims" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_posts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"audience" text,
	"place" text,
	"recurrence" varchar(20) NOT NULL,
	"start_time" varchar(5) NOT NULL,
	"duration_minutes" smallint DEFAULT 120 NOT NULL,
	"capacity" integer,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_posts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_posts_recurrence" CHECK ("service_posts"."recurrence" ~ '^(weekly:[1-7]|monthly:[1-5]:[1-7])$'),
	CONSTRAINT "service_posts_start_time" CHECK ("service_posts"."start_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
ALTER TABLE "service_posts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_ratings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"occurrence_id" uuid NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_ratings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_ratings_stars" CHECK ("service_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "service_ratings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "action_item_updates" ADD CONSTRAINT "action_item_updates_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item_updates" ADD CONSTRAINT "action_item_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item_updates" ADD CONSTRAINT "action_item_updates_item_fk" FOREIGN KEY ("tenant_id","action_item_id") REFERENCES "public"."action_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_org_unit_id_org_units_id_fk" FOREIGN KEY ("owner_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_decision_fk" FOREIGN KEY ("tenant_id","decision_id") REFERENCES "public"."consultation_decisions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_parent_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."action_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_unit_fk" FOREIGN KEY ("tenant_id","owner_partner_unit_id") REFERENCES "public"."partner_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."consultation_meetings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_matter_fk" FOREIGN KEY ("tenant_id","matter_id") REFERENCES "public"."consultation_matters"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_codes" ADD CONSTRAINT "ballot_codes_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_codes" ADD CONSTRAINT "ballot_codes_item_fk" FOREIGN KEY ("tenant_id","agenda_item_id") REFERENCES "public"."agenda_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_item_fk" FOREIGN KEY ("tenant_id","agenda_item_id") REFERENCES "public"."agenda_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cogovernance_settings" ADD CONSTRAINT "cogovernance_settings_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_decisions" ADD CONSTRAINT "consultation_decisions_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_decisions" ADD CONSTRAINT "consultation_decisions_item_fk" FOREIGN KEY ("tenant_id","agenda_item_id") REFERENCES "public"."agenda_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_matter_wishes" ADD CONSTRAINT "consultation_matter_wishes_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_matter_wishes" ADD CONSTRAINT "consultation_matter_wishes_matter_fk" FOREIGN KEY ("tenant_id","matter_id") REFERENCES "public"."consultation_matters"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_matter_wishes" ADD CONSTRAINT "consultation_matter_wishes_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_matters" ADD CONSTRAINT "consultation_matters_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_matters" ADD CONSTRAINT "consultation_matters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_matters" ADD CONSTRAINT "consultation_matters_unit_fk" FOREIGN KEY ("tenant_id","partner_unit_id") REFERENCES "public"."partner_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_meetings" ADD CONSTRAINT "consultation_meetings_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_meetings" ADD CONSTRAINT "consultation_meetings_chair_user_id_users_id_fk" FOREIGN KEY ("chair_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_meetings" ADD CONSTRAINT "consultation_meetings_minutes_approved_by_users_id_fk" FOREIGN KEY ("minutes_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_meetings" ADD CONSTRAINT "consultation_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_objections" ADD CONSTRAINT "decision_objections_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_objections" ADD CONSTRAINT "decision_objections_decision_fk" FOREIGN KEY ("tenant_id","decision_id") REFERENCES "public"."consultation_decisions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_meeting_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."consultation_meetings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_unit_fk" FOREIGN KEY ("tenant_id","partner_unit_id") REFERENCES "public"."partner_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_resident_fk" FOREIGN KEY ("tenant_id","resident_id") REFERENCES "public"."residents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_units" ADD CONSTRAINT "partner_units_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_units" ADD CONSTRAINT "partner_units_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_occurrences" ADD CONSTRAINT "service_occurrences_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_occurrences" ADD CONSTRAINT "service_occurrences_post_fk" FOREIGN KEY ("tenant_id","post_id") REFERENCES "public"."service_posts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_occurrences" ADD CONSTRAINT "service_occurrences_claim_fk" FOREIGN KEY ("tenant_id","claim_id") REFERENCES "public"."service_post_claims"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_occurrences" ADD CONSTRAINT "service_occurrences_unit_fk" FOREIGN KEY ("tenant_id","partner_unit_id") REFERENCES "public"."partner_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_post_claims" ADD CONSTRAINT "service_post_claims_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_post_claims" ADD CONSTRAINT "service_post_claims_post_fk" FOREIGN KEY ("tenant_id","post_id") REFERENCES "public"."service_posts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_post_claims" ADD CONSTRAINT "service_post_claims_unit_fk" FOREIGN KEY ("tenant_id","partner_unit_id") REFERENCES "public"."partner_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_posts" ADD CONSTRAINT "service_posts_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_tenant_id_org_units_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_occurrence_fk" FOREIGN KEY ("tenant_id","occurrence_id") REFERENCES "public"."service_occurrences"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_item_updates_item_idx" ON "action_item_updates" USING btree ("tenant_id","action_item_id","created_at");--> statement-breakpoint
CREATE INDEX "action_items_decision_idx" ON "action_items" USING btree ("tenant_id","decision_id");--> statement-breakpoint
CREATE INDEX "action_items_unit_idx" ON "action_items" USING btree ("tenant_id","owner_partner_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_items_position_key" ON "agenda_items" USING btree ("tenant_id","meeting_id","position");--> statement-breakpoint
CREATE INDEX "agenda_items_matter_idx" ON "agenda_items" USING btree ("tenant_id","matter_id");--> statement-breakpoint
CREATE INDEX "ballot_codes_item_idx" ON "ballot_codes" USING btree ("tenant_id","agenda_item_id");--> statement-breakpoint
CREATE INDEX "ballots_item_idx" ON "ballots" USING btree ("tenant_id","agenda_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_decisions_item_key" ON "consultation_decisions" USING btree ("tenant_id","agenda_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_decisions_token_key" ON "consultation_decisions" USING btree ("tenant_id","public_token");--> statement-breakpoint
CREATE INDEX "consultation_matter_wishes_case_idx" ON "consultation_matter_wishes" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "consultation_matters_created_idx" ON "consultation_matters" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "consultation_meetings_starts_idx" ON "consultation_meetings" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "decision_objections_decision_idx" ON "decision_objections" USING btree ("tenant_id","decision_id");--> statement-breakpoint
CREATE INDEX "meeting_participants_meeting_idx" ON "meeting_participants" USING btree ("tenant_id","meeting_id","registration","registered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_unit_key" ON "meeting_participants" USING btree ("tenant_id","meeting_id","partner_unit_id") WHERE "meeting_participants"."partner_unit_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_resident_key" ON "meeting_participants" USING btree ("tenant_id","meeting_id","resident_id") WHERE "meeting_participants"."resident_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_user_key" ON "meeting_participants" USING btree ("tenant_id","meeting_id","user_id") WHERE "meeting_participants"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_check_in_key" ON "meeting_participants" USING btree ("tenant_id","check_in_hash") WHERE "meeting_participants"."check_in_hash" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_units_tenant_name_key" ON "partner_units" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "service_occurrences_slot_key" ON "service_occurrences" USING btree ("tenant_id","claim_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_occurrences_check_in_key" ON "service_occurrences" USING btree ("tenant_id","check_in_hash") WHERE "service_occurrences"."check_in_hash" is not null;--> statement-breakpoint
CREATE INDEX "service_occurrences_unit_idx" ON "service_occurrences" USING btree ("tenant_id","partner_unit_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_post_claims_active_key" ON "service_post_claims" USING btree ("tenant_id","post_id","partner_unit_id") WHERE "service_post_claims"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "service_post_claims_unit_idx" ON "service_post_claims" USING btree ("tenant_id","partner_unit_id");--> statement-breakpoint
CREATE INDEX "service_ratings_occurrence_idx" ON "service_ratings" USING btree ("tenant_id","occurrence_id");--> statement-breakpoint
CREATE POLICY "action_item_updates_tenant_isolation" ON "action_item_updates" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "action_items_tenant_isolation" ON "action_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "agenda_items_tenant_isolation" ON "agenda_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "ballot_codes_tenant_isolation" ON "ballot_codes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "ballots_tenant_isolation" ON "ballots" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "cogovernance_settings_tenant_isolation" ON "cogovernance_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "consultation_decisions_tenant_isolation" ON "consultation_decisions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "consultation_matter_wishes_tenant_isolation" ON "consultation_matter_wishes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "consultation_matters_tenant_isolation" ON "consultation_matters" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "consultation_meetings_tenant_isolation" ON "consultation_meetings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "decision_objections_tenant_isolation" ON "decision_objections" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "meeting_participants_tenant_isolation" ON "meeting_participants" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "partner_units_tenant_isolation" ON "partner_units" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "service_occurrences_tenant_isolation" ON "service_occurrences" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "service_post_claims_tenant_isolation" ON "service_post_claims" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "service_posts_tenant_isolation" ON "service_posts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "service_ratings_tenant_isolation" ON "service_ratings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Decisions 001/022/037: FORCE binds the owner too.
ALTER TABLE "cogovernance_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "partner_units" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consultation_matters" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consultation_matter_wishes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consultation_meetings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meeting_participants" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agenda_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ballot_codes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ballots" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consultation_decisions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "decision_objections" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "action_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "action_item_updates" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_posts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_post_claims" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_occurrences" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_ratings" FORCE ROW LEVEL SECURITY;
