-- An outbox row the broker will never take (e.g. a record over the producer's max.request.size) is parked
-- instead of holding back every row behind it: it stays, with when and why, for an operator to look at.
ALTER TABLE knowledge_outbox
    ADD COLUMN parked_at   timestamptz,
    ADD COLUMN park_reason varchar(1000);

-- The relay reads only rows still waiting.
CREATE INDEX knowledge_outbox_waiting ON knowledge_outbox (id) WHERE parked_at IS NULL;
