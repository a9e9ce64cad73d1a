CREATE TABLE "entitlement_capacities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"planning_unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"places" numeric NOT NULL,
	"from_school_year" integer,
	"to_school_year" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entitlement_expansions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"planning_unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"places" numeric NOT NULL,
	"school_year" integer NOT NULL,
	"funding_programme" text,
	"amount" numeric,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entitlement_planning_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"area_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entitlement_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"ganztag_share" numeric,
	"not_entitled_share" numeric,
	"kita_u3_rate" numeric,
	"kita_ue3_rate" numeric,
	"deferral_share" numeric,
	"special_school_share" numeric,
	"net_migration" numeric,
	"by_planning_unit" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entitlement_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"population_indicator_code" text NOT NULL,
	"age_dimension_code" text NOT NULL,
	"school_entry_cutoff" text NOT NULL,
	"first_school_year" integer NOT NULL,
	"last_school_year" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entitlement_capacities" ADD CONSTRAINT "entitlement_capacities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_capacities" ADD CONSTRAINT "entitlement_capacities_planning_unit_id_entitlement_planning_units_id_fk" FOREIGN KEY ("planning_unit_id") REFERENCES "public"."entitlement_planning_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_expansions" ADD CONSTRAINT "entitlement_expansions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_expansions" ADD CONSTRAINT "entitlement_expansions_planning_unit_id_entitlement_planning_units_id_fk" FOREIGN KEY ("planning_unit_id") REFERENCES "public"."entitlement_planning_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_planning_units" ADD CONSTRAINT "entitlement_planning_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_planning_units" ADD CONSTRAINT "entitlement_planning_units_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_scenarios" ADD CONSTRAINT "entitlement_scenarios_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_settings" ADD CONSTRAINT "entitlement_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entitlement_capacities_tenant_idx" ON "entitlement_capacities" USING btree ("tenant_id","planning_unit_id");--> statement-breakpoint
CREATE INDEX "entitlement_expansions_tenant_idx" ON "entitlement_expansions" USING btree ("tenant_id","planning_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entitlement_planning_units_area_idx" ON "entitlement_planning_units" USING btree ("tenant_id","kind","area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entitlement_scenarios_name_idx" ON "entitlement_scenarios" USING btree ("tenant_id","name");