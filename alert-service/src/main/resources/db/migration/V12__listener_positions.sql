-- Where correlation stands on each partition of portwatch.listeners: the offset after the last record whose batch
-- was stored, and the newest timestamp (epoch ms) of the records stored, written in the transaction that stores the
-- batch's findings (ListenerPositions). A batch consumed again (a crash between that commit and the commit of the
-- consumer's offsets) finds its records below the position and changes nothing. A record is taken as stored only
-- if it is below on both counts: a topic deleted and created again starts its offsets over, and its new records
-- are newer than anything stored.
CREATE TABLE listener_position (
    partition   integer PRIMARY KEY,
    next_offset bigint  NOT NULL,
    latest      bigint  NOT NULL
);
