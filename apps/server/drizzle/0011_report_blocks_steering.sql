ALTER TABLE "report_blocks" ADD COLUMN "area_code" text;--> statement-breakpoint
ALTER TABLE "report_blocks" ADD COLUMN "ref_id" uuid;--> statement-breakpoint
ALTER TABLE "report_blocks" ADD COLUMN "ref" jsonb;