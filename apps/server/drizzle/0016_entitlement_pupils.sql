CREATE TABLE "entitlement_pupils" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"planning_unit_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"grade" integer NOT NULL,
	"pupils" numeric NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entitlement_pupils" ADD CONSTRAINT "entitlement_pupils_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_pupils" ADD CONSTRAINT "entitlement_pupils_planning_unit_id_entitlement_planning_units_id_fk" FOREIGN KEY ("planning_unit_id") REFERENCES "public"."entitlement_planning_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entitlement_pupils_unit_year_grade_idx" ON "entitlement_pupils" USING btree ("tenant_id","planning_unit_id","school_year","grade");