DROP INDEX "enterprises_region_idx";--> statement-breakpoint
DROP INDEX "credit_risk_classes_class_idx";--> statement-breakpoint
CREATE INDEX "enterprises_filter_idx" ON "enterprises" USING btree ("tenant_id","industry_division","status","region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "credit_lists_listed_idx" ON "credit_list_memberships" USING btree ("tenant_id","list","enterprise_id") WHERE "credit_list_memberships"."state" = 'listed';--> statement-breakpoint
CREATE INDEX "enterprises_region_idx" ON "enterprises" USING btree ("tenant_id","region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "credit_risk_classes_class_idx" ON "credit_risk_classes" USING btree ("tenant_id","class","enterprise_id");