-- An outbox row's payload is stored as the bytes that are sent (issue 27): alert-service encodes a finding event as
-- UTF-8 JSON once, and the same bytes go to PostgreSQL and, after the commit, to the producer. As text, they were
-- decoded into a String, encoded again for pgjdbc (which copied them twice more into a growing buffer), checked as
-- UTF-8 by PostgreSQL, and encoded once more to be sent. The stored bytes are those the text stood for.
--
-- An instance of the previous version still running while this one starts fails its next transaction (it binds the
-- payload as text) and tries it again until it is replaced: its batch's offsets stay uncommitted, so this version
-- consumes its events again; rows it had staged before are sent by this version's sweeper.
ALTER TABLE alert_outbox ALTER COLUMN payload TYPE bytea USING convert_to(payload, 'UTF8');
