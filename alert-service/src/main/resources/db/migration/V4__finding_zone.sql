-- The network zone of the probe that saw a finding's listener, for routing by zone (null for findings
-- raised before zones were recorded).
ALTER TABLE finding ADD COLUMN zone varchar(255);
