ALTER TABLE "steering_goals" ADD COLUMN "development_goal_id" uuid;--> statement-breakpoint
ALTER TABLE "steering_goals" ADD COLUMN "component_key" text;