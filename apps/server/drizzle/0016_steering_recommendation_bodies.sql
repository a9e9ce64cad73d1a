CREATE TABLE "steering_recommendation_bodies" (
	"tenant_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	CONSTRAINT "steering_recommendation_bodies_recommendation_id_body_id_pk" PRIMARY KEY("recommendation_id","body_id")
);
--> statement-breakpoint
ALTER TABLE "steering_recommendation_bodies" ADD CONSTRAINT "steering_recommendation_bodies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_bodies" ADD CONSTRAINT "steering_recommendation_bodies_recommendation_id_steering_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."steering_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "steering_recommendation_bodies_tenant_idx" ON "steering_recommendation_bodies" USING btree ("tenant_id","body_id");