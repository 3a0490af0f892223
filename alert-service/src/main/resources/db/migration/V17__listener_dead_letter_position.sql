-- How far each partition of portwatch.listeners has had its refused records dead-lettered: the offset after the last
-- refused record Kafka took the dead letter of, and the newest timestamp (epoch ms; a producer's never past the
-- clock, the broker's LogAppendTime as it is) of those records, moved once a batch's dead letters are taken
-- (ListenerPositions). A batch read again (its offsets not
-- committed before a rebalance) finds its refused records below it and does not dead-letter them a second time.
-- Apart from listener_position: a batch's findings are stored before its dead letters are sent, so that position
-- passes its refused records before Kafka has their dead letters.
CREATE TABLE listener_dead_letter_position (
    partition   integer PRIMARY KEY,
    next_offset bigint  NOT NULL,
    latest      bigint  NOT NULL
);
