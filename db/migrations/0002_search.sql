CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "search_index_state" (
	"engine" text NOT NULL,
	"index_name" text NOT NULL,
	"version" integer NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"documents" integer DEFAULT 0 NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	CONSTRAINT "search_index_state_engine_index_name_pk" PRIMARY KEY("engine","index_name")
);
--> statement-breakpoint
CREATE TABLE "search_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"fields" jsonb NOT NULL,
	"facet" text,
	"sort_time" double precision DEFAULT 0 NOT NULL,
	"sort_count" integer DEFAULT 0 NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_users" (
	"id" text PRIMARY KEY NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"fields" jsonb NOT NULL,
	"facet" text,
	"sort_time" double precision DEFAULT 0 NOT NULL,
	"sort_count" integer DEFAULT 0 NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_notes_tsv_idx" ON "search_notes" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_notes_facet_idx" ON "search_notes" USING btree ("facet");--> statement-breakpoint
CREATE INDEX "search_notes_time_idx" ON "search_notes" USING btree ("sort_time","id");--> statement-breakpoint
CREATE INDEX "search_notes_count_idx" ON "search_notes" USING btree ("sort_count","id");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_users_tsv_idx" ON "search_users" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_users_facet_idx" ON "search_users" USING btree ("facet");--> statement-breakpoint
CREATE INDEX "search_users_time_idx" ON "search_users" USING btree ("sort_time","id");--> statement-breakpoint
CREATE INDEX "search_users_count_idx" ON "search_users" USING btree ("sort_count","id");