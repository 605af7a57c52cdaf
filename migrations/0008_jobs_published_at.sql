ALTER TABLE "enrichment_jobs" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "enrichment_jobs_kind_status_published_idx" ON "enrichment_jobs" USING btree ("kind","status","published_at","job_id");--> statement-breakpoint
UPDATE "enrichment_jobs" SET "published_at" = "articles"."published_at" FROM "articles" WHERE "articles"."article_id" = "enrichment_jobs"."article_id";
