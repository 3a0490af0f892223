-- A row the broker refuses for good (a record over its size limit, a record it cannot take) is parked: kept
-- with the reason for an operator, counted, and skipped, so the rows behind it go out.
ALTER TABLE alert_outbox ADD COLUMN parked_at timestamptz;
ALTER TABLE alert_outbox ADD COLUMN park_reason text;
