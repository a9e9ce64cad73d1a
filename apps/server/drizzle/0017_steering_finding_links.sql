CREATE TABLE "steering_finding_sections" (
	"finding_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"chapter_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_recommendation_findings" (
	"tenant_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	CONSTRAINT "steering_recommendation_findings_recommendation_id_finding_id_pk" PRIMARY KEY("recommendation_id","finding_id")
);
--> statement-breakpoint
ALTER TABLE "steering_finding_sections" ADD CONSTRAINT "steering_finding_sections_finding_id_steering_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."steering_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_finding_sections" ADD CONSTRAINT "steering_finding_sections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_findings" ADD CONSTRAINT "steering_recommendation_findings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_findings" ADD CONSTRAINT "steering_recommendation_findings_recommendation_id_steering_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."steering_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_findings" ADD CONSTRAINT "steering_recommendation_findings_finding_id_steering_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."steering_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "steering_finding_sections_tenant_idx" ON "steering_finding_sections" USING btree ("tenant_id","chapter_id");--> statement-breakpoint
CREATE INDEX "steering_recommendation_findings_tenant_idx" ON "steering_recommendation_findings" USING btree ("tenant_id","finding_id");