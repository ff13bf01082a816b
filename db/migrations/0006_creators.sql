CREATE TABLE "creator_application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"actor_id" uuid,
	"from_status" text,
	"to_status" text NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creator_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"applicant_id" uuid NOT NULL,
	"status" text NOT NULL,
	"real_name_cipher" text NOT NULL,
	"contact_cipher" text NOT NULL,
	"region_cipher" text NOT NULL,
	"categories" jsonb NOT NULL,
	"talents" jsonb NOT NULL,
	"platform_accounts" jsonb NOT NULL,
	"sample_notes" text DEFAULT '' NOT NULL,
	"sample_post_ids" jsonb NOT NULL,
	"trial_category_id" uuid,
	"trial_required_notes" integer,
	"trial_started_at" timestamp with time zone,
	"trial_deadline" timestamp with time zone,
	"trial_passed_at" timestamp with time zone,
	"trial_failed_at" timestamp with time zone,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reapply_after" timestamp with time zone,
	"invitation_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "creator_applications_status_check" CHECK ("creator_applications"."status" in ('submitted', 'in_review', 'trial', 'approved', 'rejected')),
	CONSTRAINT "creator_applications_reason_check" CHECK ("creator_applications"."status" <> 'rejected' or "creator_applications"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "creator_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"invited_by" uuid,
	"category_id" uuid,
	"status" text NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"first_sale_at" timestamp with time zone,
	CONSTRAINT "creator_invitations_status_check" CHECK ("creator_invitations"."status" in ('invited', 'applied', 'approved', 'first_sale'))
);
--> statement-breakpoint
CREATE TABLE "pii_access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"viewer_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creator_tier_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"from_tier" text,
	"to_tier" text NOT NULL,
	"reason" text NOT NULL,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creator_tiers" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"tier" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"pending_tier" text,
	"warning_sent_at" timestamp with time zone,
	"demote_after" timestamp with time zone,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "creator_tiers_tier_check" CHECK ("creator_tiers"."tier" in ('C1', 'C2', 'C3', 'C4')),
	CONSTRAINT "creator_tiers_pending_check" CHECK ("creator_tiers"."pending_tier" is null or "creator_tiers"."pending_tier" in ('C1', 'C2', 'C3', 'C4')),
	CONSTRAINT "creator_tiers_grace_check" CHECK (("creator_tiers"."pending_tier" is null) = ("creator_tiers"."demote_after" is null))
);
--> statement-breakpoint
CREATE TABLE "mcn_contract_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"mcn_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"event" text NOT NULL,
	"actor_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mcn_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mcn_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"invitation_id" uuid,
	"share_bp" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"notice_given_by" uuid,
	"notice_given_at" timestamp with time zone,
	"notice_reason" text,
	"ended_at" timestamp with time zone,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mcn_contracts_share_check" CHECK ("mcn_contracts"."share_bp" between 1 and 9000),
	CONSTRAINT "mcn_contracts_dates_check" CHECK ("mcn_contracts"."ends_at" > "mcn_contracts"."starts_at"),
	CONSTRAINT "mcn_contracts_status_check" CHECK ("mcn_contracts"."status" in ('active', 'ending', 'ended'))
);
--> statement-breakpoint
CREATE TABLE "mcn_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mcn_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"share_bp" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "mcn_invitations_share_check" CHECK ("mcn_invitations"."share_bp" between 1 and 9000),
	CONSTRAINT "mcn_invitations_dates_check" CHECK ("mcn_invitations"."ends_at" > "mcn_invitations"."starts_at"),
	CONSTRAINT "mcn_invitations_status_check" CHECK ("mcn_invitations"."status" in ('invited', 'accepted', 'declined', 'expired', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "mcn_members" (
	"mcn_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mcns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"admin_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metrics_daily" (
	"day" date NOT NULL,
	"key" text NOT NULL,
	"dimension" text DEFAULT '' NOT NULL,
	"value" bigint NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "metrics_daily_day_key_dimension_pk" PRIMARY KEY("day","key","dimension")
);
--> statement-breakpoint
CREATE TABLE "post_curations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"action" text NOT NULL,
	"weight_bp" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"decay_days" integer NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "post_curations_action_check" CHECK ("post_curations"."action" in ('pin', 'boost', 'bury')),
	CONSTRAINT "post_curations_weight_check" CHECK (("post_curations"."action" = 'bury' and "post_curations"."weight_bp" >= 0 and "post_curations"."weight_bp" < 10000) or ("post_curations"."action" in ('pin', 'boost') and "post_curations"."weight_bp" > 10000)),
	CONSTRAINT "post_curations_decay_check" CHECK ("post_curations"."decay_days" between 1 and 90)
);
--> statement-breakpoint
CREATE TABLE "segment_notification_recipients" (
	"segment_notification_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"notified_at" timestamp with time zone,
	CONSTRAINT "segment_notification_recipients_segment_notification_id_user_id_pk" PRIMARY KEY("segment_notification_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "segment_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"segment_id" uuid NOT NULL,
	"campaign_id" text NOT NULL,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"href" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"requested_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "segment_notifications_status_check" CHECK ("segment_notifications"."status" in ('queued', 'sending', 'done')),
	CONSTRAINT "segment_notifications_counts_check" CHECK ("segment_notifications"."sent" >= 0 and "segment_notifications"."sent" <= "segment_notifications"."total")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"definition" jsonb NOT NULL,
	"last_count" integer,
	"counted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user_tag_assignments" (
	"tag_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"source" text NOT NULL,
	"assigned_by" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "user_tag_assignments_tag_id_user_id_pk" PRIMARY KEY("tag_id","user_id"),
	CONSTRAINT "user_tag_assignments_source_check" CHECK ("user_tag_assignments"."source" in ('manual', 'rule'))
);
--> statement-breakpoint
CREATE TABLE "user_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"rule" jsonb,
	"evaluated_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "user_tags_kind_check" CHECK (("user_tags"."kind" = 'manual' and "user_tags"."rule" is null) or ("user_tags"."kind" = 'rule' and "user_tags"."rule" is not null))
);
--> statement-breakpoint
CREATE TABLE "campaign_participants" (
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_participants_campaign_id_user_id_pk" PRIMARY KEY("campaign_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reason" text,
	"top_pick" boolean DEFAULT false NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"rewarded_points" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_submissions_status_check" CHECK ("campaign_submissions"."status" in ('submitted', 'approved', 'rejected')),
	CONSTRAINT "campaign_submissions_top_check" CHECK (not "campaign_submissions"."top_pick" or "campaign_submissions"."status" = 'approved')
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_type" text NOT NULL,
	"creator_id" uuid,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"brief" text DEFAULT '' NOT NULL,
	"cover_upload_id" uuid,
	"category_id" uuid,
	"topic_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"brand_name" text,
	"reward_points" integer DEFAULT 0 NOT NULL,
	"top_extra_points" integer DEFAULT 0 NOT NULL,
	"top_n" integer DEFAULT 0 NOT NULL,
	"bonus_rate_bp" integer DEFAULT 0 NOT NULL,
	"product_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"challenge_id" uuid,
	"live_at" timestamp with time zone,
	"fan_group_only" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"participant_count" integer DEFAULT 0 NOT NULL,
	"submission_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaigns_type_check" CHECK ("campaigns"."type" in ('content_bounty', 'product_push', 'checkin_challenge', 'live_invitation')),
	CONSTRAINT "campaigns_status_check" CHECK ("campaigns"."status" in ('draft', 'active', 'ended')),
	CONSTRAINT "campaigns_owner_check" CHECK (("campaigns"."owner_type" = 'platform' and "campaigns"."creator_id" is null) or ("campaigns"."owner_type" = 'creator' and "campaigns"."creator_id" is not null)),
	CONSTRAINT "campaigns_dates_check" CHECK ("campaigns"."ends_at" > "campaigns"."starts_at"),
	CONSTRAINT "campaigns_amounts_check" CHECK ("campaigns"."reward_points" >= 0 and "campaigns"."top_extra_points" >= 0 and "campaigns"."top_n" >= 0 and "campaigns"."bonus_rate_bp" between 0 and 5000)
);
--> statement-breakpoint
CREATE TABLE "fan_group_members" (
	"creator_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"interaction_points" integer DEFAULT 0 NOT NULL,
	"level" integer DEFAULT 1 NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fan_group_members_creator_id_user_id_pk" PRIMARY KEY("creator_id","user_id"),
	CONSTRAINT "fan_group_members_check" CHECK ("fan_group_members"."interaction_points" >= 0 and "fan_group_members"."level" between 1 and 9 and "fan_group_members"."creator_id" <> "fan_group_members"."user_id")
);
--> statement-breakpoint
CREATE TABLE "fan_groups" (
	"creator_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fan_groups_count_check" CHECK ("fan_groups"."member_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fan_interactions" (
	"source_key" text PRIMARY KEY NOT NULL,
	"creator_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fan_only_posts" (
	"post_id" uuid PRIMARY KEY NOT NULL,
	"creator_id" uuid NOT NULL,
	"marked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "creator_application_events" ADD CONSTRAINT "creator_application_events_application_id_creator_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."creator_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_application_events" ADD CONSTRAINT "creator_application_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_applications" ADD CONSTRAINT "creator_applications_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_applications" ADD CONSTRAINT "creator_applications_trial_category_id_categories_id_fk" FOREIGN KEY ("trial_category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_applications" ADD CONSTRAINT "creator_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_invitations" ADD CONSTRAINT "creator_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_invitations" ADD CONSTRAINT "creator_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_invitations" ADD CONSTRAINT "creator_invitations_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pii_access_log" ADD CONSTRAINT "pii_access_log_viewer_id_users_id_fk" FOREIGN KEY ("viewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pii_access_log" ADD CONSTRAINT "pii_access_log_application_id_creator_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."creator_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_tier_history" ADD CONSTRAINT "creator_tier_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_tiers" ADD CONSTRAINT "creator_tiers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_contract_history" ADD CONSTRAINT "mcn_contract_history_contract_id_mcn_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."mcn_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_contract_history" ADD CONSTRAINT "mcn_contract_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_contracts" ADD CONSTRAINT "mcn_contracts_mcn_id_mcns_id_fk" FOREIGN KEY ("mcn_id") REFERENCES "public"."mcns"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_contracts" ADD CONSTRAINT "mcn_contracts_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_contracts" ADD CONSTRAINT "mcn_contracts_invitation_id_mcn_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."mcn_invitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_contracts" ADD CONSTRAINT "mcn_contracts_notice_given_by_users_id_fk" FOREIGN KEY ("notice_given_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_invitations" ADD CONSTRAINT "mcn_invitations_mcn_id_mcns_id_fk" FOREIGN KEY ("mcn_id") REFERENCES "public"."mcns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_invitations" ADD CONSTRAINT "mcn_invitations_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_invitations" ADD CONSTRAINT "mcn_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_members" ADD CONSTRAINT "mcn_members_mcn_id_mcns_id_fk" FOREIGN KEY ("mcn_id") REFERENCES "public"."mcns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcn_members" ADD CONSTRAINT "mcn_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcns" ADD CONSTRAINT "mcns_admin_id_users_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_curations" ADD CONSTRAINT "post_curations_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_curations" ADD CONSTRAINT "post_curations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_notification_recipients" ADD CONSTRAINT "segment_notification_recipients_segment_notification_id_segment_notifications_id_fk" FOREIGN KEY ("segment_notification_id") REFERENCES "public"."segment_notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_notification_recipients" ADD CONSTRAINT "segment_notification_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_notifications" ADD CONSTRAINT "segment_notifications_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_notifications" ADD CONSTRAINT "segment_notifications_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tag_assignments" ADD CONSTRAINT "user_tag_assignments_tag_id_user_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."user_tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tag_assignments" ADD CONSTRAINT "user_tag_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tag_assignments" ADD CONSTRAINT "user_tag_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tags" ADD CONSTRAINT "user_tags_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_submissions" ADD CONSTRAINT "campaign_submissions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_submissions" ADD CONSTRAINT "campaign_submissions_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_submissions" ADD CONSTRAINT "campaign_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_submissions" ADD CONSTRAINT "campaign_submissions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_cover_upload_id_uploads_id_fk" FOREIGN KEY ("cover_upload_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_group_members" ADD CONSTRAINT "fan_group_members_creator_id_fan_groups_creator_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."fan_groups"("creator_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_group_members" ADD CONSTRAINT "fan_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_groups" ADD CONSTRAINT "fan_groups_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_interactions" ADD CONSTRAINT "fan_interactions_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_interactions" ADD CONSTRAINT "fan_interactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_only_posts" ADD CONSTRAINT "fan_only_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_only_posts" ADD CONSTRAINT "fan_only_posts_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creator_application_events_app_idx" ON "creator_application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "creator_applications_open_key" ON "creator_applications" USING btree ("applicant_id") WHERE "creator_applications"."status" in ('submitted', 'in_review', 'trial');--> statement-breakpoint
CREATE INDEX "creator_applications_applicant_idx" ON "creator_applications" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "creator_applications_status_idx" ON "creator_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "creator_invitations_user_key" ON "creator_invitations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "creator_invitations_status_idx" ON "creator_invitations" USING btree ("status","invited_at");--> statement-breakpoint
CREATE INDEX "pii_access_log_app_idx" ON "pii_access_log" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "pii_access_log_viewer_idx" ON "pii_access_log" USING btree ("viewer_id","at");--> statement-breakpoint
CREATE INDEX "creator_tier_history_user_idx" ON "creator_tier_history" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "creator_tiers_demote_idx" ON "creator_tiers" USING btree ("demote_after") WHERE "creator_tiers"."demote_after" is not null;--> statement-breakpoint
CREATE INDEX "mcn_contract_history_contract_idx" ON "mcn_contract_history" USING btree ("contract_id","at");--> statement-breakpoint
CREATE INDEX "mcn_contract_history_mcn_idx" ON "mcn_contract_history" USING btree ("mcn_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "mcn_contracts_one_live_key" ON "mcn_contracts" USING btree ("creator_id") WHERE "mcn_contracts"."status" in ('active', 'ending');--> statement-breakpoint
CREATE INDEX "mcn_contracts_mcn_idx" ON "mcn_contracts" USING btree ("mcn_id","status");--> statement-breakpoint
CREATE INDEX "mcn_contracts_ends_idx" ON "mcn_contracts" USING btree ("ends_at") WHERE "mcn_contracts"."status" in ('active', 'ending');--> statement-breakpoint
CREATE UNIQUE INDEX "mcn_invitations_open_key" ON "mcn_invitations" USING btree ("mcn_id","creator_id") WHERE "mcn_invitations"."status" = 'invited';--> statement-breakpoint
CREATE INDEX "mcn_invitations_creator_idx" ON "mcn_invitations" USING btree ("creator_id","created_at");--> statement-breakpoint
CREATE INDEX "mcn_invitations_mcn_idx" ON "mcn_invitations" USING btree ("mcn_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mcn_members_key" ON "mcn_members" USING btree ("mcn_id","user_id");--> statement-breakpoint
CREATE INDEX "mcn_members_user_idx" ON "mcn_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mcns_name_key" ON "mcns" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "mcns_admin_key" ON "mcns" USING btree ("admin_id");--> statement-breakpoint
CREATE INDEX "metrics_daily_key_idx" ON "metrics_daily" USING btree ("key","day");--> statement-breakpoint
CREATE UNIQUE INDEX "post_curations_live_post_key" ON "post_curations" USING btree ("post_id") WHERE "post_curations"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "post_curations_created_idx" ON "post_curations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "segment_notification_recipients_pending_idx" ON "segment_notification_recipients" USING btree ("segment_notification_id") WHERE "segment_notification_recipients"."notified_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "segment_notifications_segment_campaign_key" ON "segment_notifications" USING btree ("segment_id","campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_name_key" ON "segments" USING btree (lower("name")) WHERE "segments"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "user_tag_assignments_user_idx" ON "user_tag_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_tags_name_key" ON "user_tags" USING btree (lower("name")) WHERE "user_tags"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "campaign_participants_user_idx" ON "campaign_participants" USING btree ("user_id","joined_at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_submissions_post_key" ON "campaign_submissions" USING btree ("campaign_id","post_id");--> statement-breakpoint
CREATE INDEX "campaign_submissions_campaign_idx" ON "campaign_submissions" USING btree ("campaign_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "campaign_submissions_post_idx" ON "campaign_submissions" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "campaigns_creator_idx" ON "campaigns" USING btree ("creator_id","created_at");--> statement-breakpoint
CREATE INDEX "fan_group_members_rank_idx" ON "fan_group_members" USING btree ("creator_id","level","interaction_points");--> statement-breakpoint
CREATE INDEX "fan_group_members_user_idx" ON "fan_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "fan_interactions_pair_idx" ON "fan_interactions" USING btree ("creator_id","user_id");