CREATE TABLE "figure_redirects" (
	"from_figure_id" integer PRIMARY KEY NOT NULL,
	"to_figure_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "time_kind" text DEFAULT 'undated' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "time_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "figure_redirects" ADD CONSTRAINT "figure_redirects_to_figure_id_figures_figure_id_fk" FOREIGN KEY ("to_figure_id") REFERENCES "public"."figures"("figure_id") ON DELETE cascade ON UPDATE no action;