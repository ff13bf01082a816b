CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "account_balances" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"non_negative" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_balances_non_negative" CHECK (not "account_balances"."non_negative" or "account_balances"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"reason" text NOT NULL,
	"source_event_id" bigint,
	"rule_id" uuid,
	"user_id" uuid,
	"reverses_entry_id" uuid,
	"memo" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"asset" text NOT NULL,
	"kind" text NOT NULL,
	"non_negative" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_accounts_asset_check" CHECK ("ledger_accounts"."asset" in ('points', 'growth', 'cny')),
	CONSTRAINT "ledger_accounts_owner_type_check" CHECK ("ledger_accounts"."owner_type" in ('user', 'mcn', 'platform'))
);
--> statement-breakpoint
CREATE TABLE "point_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"remaining" integer NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "point_lots_remaining_check" CHECK ("point_lots"."remaining" >= 0 and "point_lots"."remaining" <= "point_lots"."amount")
);
--> statement-breakpoint
CREATE TABLE "postings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"asset" text NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "badge_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"badge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seq" integer DEFAULT 1 NOT NULL,
	"idempotency_key" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"granted_by" uuid,
	"certificate_code" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"icon" text DEFAULT 'award' NOT NULL,
	"icon_upload_id" uuid,
	"tier" text DEFAULT 'bronze' NOT NULL,
	"criterion" jsonb NOT NULL,
	"multiple" boolean DEFAULT false NOT NULL,
	"certificate" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"holder_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "badges_tier_check" CHECK ("badges"."tier" in ('bronze', 'silver', 'gold'))
);
--> statement-breakpoint
CREATE TABLE "challenge_checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"post_id" uuid,
	"made_up" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_participants" (
	"challenge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"days_done" integer DEFAULT 0 NOT NULL,
	"last_checkin_date" date,
	"joined_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "challenge_participants_challenge_id_user_id_pk" PRIMARY KEY("challenge_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rules" text DEFAULT '' NOT NULL,
	"cover_upload_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"required_days" integer NOT NULL,
	"category_id" uuid,
	"topic_id" uuid,
	"proof_required" boolean DEFAULT true NOT NULL,
	"makeup_cards_allowed" integer DEFAULT 0 NOT NULL,
	"reward_points" integer DEFAULT 0 NOT NULL,
	"reward_badge_id" uuid,
	"fan_group_only" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"participant_count" integer DEFAULT 0 NOT NULL,
	"completed_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenges_days_check" CHECK ("challenges"."ends_on" >= "challenges"."starts_on" and "challenges"."required_days" between 1 and ("challenges"."ends_on" - "challenges"."starts_on" + 1)),
	CONSTRAINT "challenges_status_check" CHECK ("challenges"."status" in ('draft', 'published', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"streak" integer NOT NULL,
	"made_up" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "level_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"from_level" integer NOT NULL,
	"to_level" integer NOT NULL,
	"growth" integer NOT NULL,
	"entry_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "levels" (
	"level" integer PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"min_growth" integer NOT NULL,
	"daily_cap_bonus" integer DEFAULT 0 NOT NULL,
	"multiplier_bp" integer DEFAULT 10000 NOT NULL,
	"perks_zh" text DEFAULT '' NOT NULL,
	"perks_en" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "levels_range_check" CHECK ("levels"."level" between 1 and 9 and "levels"."min_growth" >= 0 and "levels"."multiplier_bp" > 0)
);
--> statement-breakpoint
CREATE TABLE "makeup_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"source" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"acquired_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_for_date" date
);
--> statement-breakpoint
CREATE TABLE "point_cap_usage" (
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"rule_key" text NOT NULL,
	"times" integer DEFAULT 0 NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "point_cap_usage_user_id_local_date_rule_key_pk" PRIMARY KEY("user_id","local_date","rule_key")
);
--> statement-breakpoint
CREATE TABLE "point_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"points" integer NOT NULL,
	"growth" integer NOT NULL,
	"daily_cap" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "point_rules_amounts_check" CHECK ("point_rules"."points" >= 0 and "point_rules"."growth" >= 0 and ("point_rules"."daily_cap" is null or "point_rules"."daily_cap" >= 0))
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reward_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"points" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"shipping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"staff_note" text,
	"entry_id" uuid,
	"refund_entry_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "redemptions_status_check" CHECK ("redemptions"."status" in ('pending', 'shipped', 'cancelled', 'fulfilled'))
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"image_upload_id" uuid,
	"kind" text DEFAULT 'physical' NOT NULL,
	"points_price" integer NOT NULL,
	"stock" integer NOT NULL,
	"per_user_limit" integer,
	"min_level" integer DEFAULT 1 NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"redeemed_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rewards_stock_check" CHECK ("rewards"."stock" >= 0),
	CONSTRAINT "rewards_price_check" CHECK ("rewards"."points_price" > 0)
);
--> statement-breakpoint
CREATE TABLE "user_levels" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"level" integer DEFAULT 1 NOT NULL,
	"reached_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_type_check";--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_balances" ADD CONSTRAINT "account_balances_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_lots" ADD CONSTRAINT "point_lots_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_grants" ADD CONSTRAINT "badge_grants_badge_id_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."badges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_grants" ADD CONSTRAINT "badge_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_grants" ADD CONSTRAINT "badge_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_icon_upload_id_uploads_id_fk" FOREIGN KEY ("icon_upload_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_checkins" ADD CONSTRAINT "challenge_checkins_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_checkins" ADD CONSTRAINT "challenge_checkins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_checkins" ADD CONSTRAINT "challenge_checkins_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_participants" ADD CONSTRAINT "challenge_participants_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_participants" ADD CONSTRAINT "challenge_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_cover_upload_id_uploads_id_fk" FOREIGN KEY ("cover_upload_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_history" ADD CONSTRAINT "level_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_history" ADD CONSTRAINT "level_history_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "makeup_cards" ADD CONSTRAINT "makeup_cards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_cap_usage" ADD CONSTRAINT "point_cap_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rules" ADD CONSTRAINT "point_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_refund_entry_id_journal_entries_id_fk" FOREIGN KEY ("refund_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_image_upload_id_uploads_id_fk" FOREIGN KEY ("image_upload_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_levels" ADD CONSTRAINT "user_levels_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_idempotency_key" ON "journal_entries" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "journal_entries_user_idx" ON "journal_entries" USING btree ("user_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "journal_entries_reverses_idx" ON "journal_entries" USING btree ("reverses_entry_id");--> statement-breakpoint
CREATE INDEX "journal_entries_occurred_idx" ON "journal_entries" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_owner_key" ON "ledger_accounts" USING btree ("owner_type","owner_id","asset","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "point_lots_entry_key" ON "point_lots" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "point_lots_open_idx" ON "point_lots" USING btree ("user_id","earned_at","id") WHERE "point_lots"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "point_lots_expiry_idx" ON "point_lots" USING btree ("expires_at") WHERE "point_lots"."remaining" > 0 and "point_lots"."expires_at" is not null;--> statement-breakpoint
CREATE INDEX "postings_entry_idx" ON "postings" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "postings_account_idx" ON "postings" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "badge_grants_seq_key" ON "badge_grants" USING btree ("badge_id","user_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "badge_grants_idempotency_key" ON "badge_grants" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "badge_grants_certificate_key" ON "badge_grants" USING btree ("certificate_code");--> statement-breakpoint
CREATE INDEX "badge_grants_user_idx" ON "badge_grants" USING btree ("user_id","granted_at");--> statement-breakpoint
CREATE INDEX "badge_grants_badge_idx" ON "badge_grants" USING btree ("badge_id","granted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "badges_slug_key" ON "badges" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_checkins_day_key" ON "challenge_checkins" USING btree ("challenge_id","user_id","local_date");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_checkins_post_key" ON "challenge_checkins" USING btree ("challenge_id","post_id");--> statement-breakpoint
CREATE INDEX "challenge_checkins_recent_idx" ON "challenge_checkins" USING btree ("challenge_id","created_at");--> statement-breakpoint
CREATE INDEX "challenge_participants_board_idx" ON "challenge_participants" USING btree ("challenge_id","days_done","last_checkin_date");--> statement-breakpoint
CREATE INDEX "challenge_participants_user_idx" ON "challenge_participants" USING btree ("user_id","joined_at");--> statement-breakpoint
CREATE INDEX "challenges_dates_idx" ON "challenges" USING btree ("status","ends_on","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "checkins_user_day_key" ON "checkins" USING btree ("user_id","local_date");--> statement-breakpoint
CREATE INDEX "checkins_day_idx" ON "checkins" USING btree ("local_date");--> statement-breakpoint
CREATE INDEX "level_history_user_idx" ON "level_history" USING btree ("user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "level_history_entry_key" ON "level_history" USING btree ("user_id","entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "makeup_cards_idempotency_key" ON "makeup_cards" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "makeup_cards_user_idx" ON "makeup_cards" USING btree ("user_id","used_at");--> statement-breakpoint
CREATE UNIQUE INDEX "point_rules_key" ON "point_rules" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_idempotency_key" ON "redemptions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "redemptions_user_idx" ON "redemptions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "redemptions_status_idx" ON "redemptions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "rewards_active_idx" ON "rewards" USING btree ("active","created_at");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_type_check" CHECK ("notifications"."type" in ('like', 'favorite', 'comment', 'reply', 'follow', 'mention', 'moderation', 'system', 'level', 'badge', 'challenge', 'reward', 'points', 'checkin'));--> statement-breakpoint
-- DESIGN.md §3.2 defaults, so every database starts with working rules and levels; staff edit them later.
INSERT INTO "point_rules" ("key", "name_zh", "name_en", "points", "growth", "daily_cap", "enabled", "updated_at") VALUES
  ('checkin', '每日签到', 'Daily check-in', 5, 5, 1, true, now()),
  ('checkin.streak7', '连续签到 7 天奖励', '7-day check-in streak bonus', 20, 10, 1, true, now()),
  ('post.published', '发布笔记', 'Publish a note', 10, 10, 3, true, now()),
  ('like.received', '笔记获赞', 'A like on your note', 1, 1, 50, true, now()),
  ('comment.created', '发表评论', 'Write a comment', 2, 2, 10, true, now()),
  ('share.visitor', '分享带来新访客', 'A new visitor through your share', 2, 2, 20, true, now()),
  ('post.featured', '笔记被精选', 'Your note was featured', 50, 50, NULL, true, now()),
  ('purchase', '购物（每 1 元）', 'Purchase (per ¥1)', 1, 1, NULL, true, now())
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "levels" ("level", "name_zh", "name_en", "min_growth", "daily_cap_bonus", "multiplier_bp", "perks_zh", "perks_en", "updated_at") VALUES
  (1, '社区新人', 'Newcomer', 0, 0, 10000, '基础积分', 'Base points', now()),
  (2, '活跃达人', 'Regular', 100, 20, 10000, '每日积分上限 +20', 'Daily points cap +20', now()),
  (3, '种草能手', 'Seeder', 500, 50, 11000, '每日积分上限 +50，积分 ×1.1', 'Daily cap +50, points ×1.1', now()),
  (4, '资深玩家', 'Veteran', 2000, 100, 12000, '每日积分上限 +100，积分 ×1.2', 'Daily cap +100, points ×1.2', now()),
  (5, '社区领袖', 'Community leader', 8000, 200, 15000, '每日积分上限 +200，积分 ×1.5', 'Daily cap +200, points ×1.5', now())
ON CONFLICT DO NOTHING;
