CREATE TABLE "network_answer_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_enquiry_attachment_parts" (
	"attachment_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"tenant_id" uuid NOT NULL,
	"content" text NOT NULL,
	CONSTRAINT "network_enquiry_attachment_parts_attachment_id_seq_pk" PRIMARY KEY("attachment_id","seq")
);
--> statement-breakpoint
CREATE TABLE "network_enquiry_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_actors" ADD COLUMN "area_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "network_answer_templates" ADD CONSTRAINT "network_answer_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_enquiry_attachment_parts" ADD CONSTRAINT "network_enquiry_attachment_parts_attachment_id_network_enquiry_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."network_enquiry_attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_enquiry_attachment_parts" ADD CONSTRAINT "network_enquiry_attachment_parts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_enquiry_attachments" ADD CONSTRAINT "network_enquiry_attachments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_enquiry_attachments" ADD CONSTRAINT "network_enquiry_attachments_enquiry_id_network_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."network_enquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_answer_templates_tenant_idx" ON "network_answer_templates" USING btree ("tenant_id","title");--> statement-breakpoint
CREATE INDEX "network_enquiry_attachments_tenant_idx" ON "network_enquiry_attachments" USING btree ("tenant_id","enquiry_id");