-- One outbox row per finding change, with every topic it goes to (portwatch.alerts and its routes), instead of a
-- row per topic: a routed change is one insert and one delete, and its payload is stored once. Rows written
-- before keep their one topic.
ALTER TABLE alert_outbox ADD COLUMN topics varchar(249)[];
UPDATE alert_outbox SET topics = ARRAY[topic];
ALTER TABLE alert_outbox ALTER COLUMN topics SET NOT NULL;
ALTER TABLE alert_outbox DROP COLUMN topic;
