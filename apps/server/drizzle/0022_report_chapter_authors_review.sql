CREATE TABLE "report_chapter_authors" (
	"tenant_id" uuid NOT NULL,
	"chapter_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "report_chapter_authors_chapter_id_user_id_pk" PRIMARY KEY("chapter_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "report_revisions" ALTER COLUMN "block_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_revisions" ALTER COLUMN "kind" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_chapters" ADD COLUMN "review_status" text DEFAULT 'in_progress' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_chapters" ADD COLUMN "reviewer_id" uuid;--> statement-breakpoint
ALTER TABLE "report_chapter_authors" ADD CONSTRAINT "report_chapter_authors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_chapter_authors" ADD CONSTRAINT "report_chapter_authors_chapter_id_report_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."report_chapters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_chapter_authors" ADD CONSTRAINT "report_chapter_authors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_chapter_authors_tenant_user_idx" ON "report_chapter_authors" USING btree ("tenant_id","user_id");--> statement-breakpoint
ALTER TABLE "report_chapters" ADD CONSTRAINT "report_chapters_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;