-- One outbox row per finding change, with every topic it goes to (portwatch.alerts and its routes), instead of a
-- row per topic: a routed change is one insert and one delete, and its payload is stored once. Rows written
-- before keep their one topic.
ALTER TABLE alert_outbox ADD COLUMN topics varchar(249)[];
UPDATE alert_outbox SET topics = ARRAY[topic];
ALTER TABLE alert_outbox ALTER COLUMN topics SET NOT NULL;

-- During a rolling upgrade, instances of the version before still write a row per topic into `topic`: their
-- rows get it as their one element of `topics` (the trigger runs only for them), so that they still commit
-- and a sweeper of this version sends what they leave. Drop `topic`, the trigger and its function in a
-- release after every instance runs this one.
ALTER TABLE alert_outbox ALTER COLUMN topic DROP NOT NULL;
CREATE FUNCTION alert_outbox_topic_of_an_older_writer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.topics := ARRAY[NEW.topic];
    RETURN NEW;
END
$$;
CREATE TRIGGER alert_outbox_older_writer BEFORE INSERT ON alert_outbox
    FOR EACH ROW WHEN (NEW.topics IS NULL) EXECUTE FUNCTION alert_outbox_topic_of_an_older_writer();
