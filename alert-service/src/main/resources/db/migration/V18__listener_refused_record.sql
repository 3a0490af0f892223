-- Listener records PostgreSQL refused (stored alone, they failed for their data) whose dead letters Kafka has not
-- taken yet: where each was read (partition, offset, timestamp in epoch ms, as the consumer read them) and why it was
-- refused. Written before the rest of its batch is stored, which moves listener_position past it; deleted once Kafka
-- takes its dead letter (PendingRefusals). A batch read again before its offsets were committed (the service crashed
-- or stopped while Kafka was away, or a rebalance) refuses these again and dead-letters them: listener_position alone
-- would have it pass them as stored, and their dead letters would be lost.
CREATE TABLE listener_refused_record (
    partition     integer NOT NULL,
    record_offset bigint  NOT NULL,
    record_time   bigint  NOT NULL,
    reason        text    NOT NULL,
    PRIMARY KEY (partition, record_offset)
);
