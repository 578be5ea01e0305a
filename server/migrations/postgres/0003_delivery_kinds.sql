-- The delivery queue carries mail and calendar writes beside webhooks (SPEC §12 guarantees 4–6).
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
    CHECK (kind IN ('webhook', 'mail', 'calendar'));
CREATE INDEX deliveries_booking ON deliveries (booking);
