-- +goose Up
-- Why did they get this notice? (issue 11 item 3): every queued email
-- records, per recipient, the rule that chose them, and the site it is
-- about (NULL for account-level mail such as support cases), so a site's
-- notices can be listed newest first with their recipients and reasons.
ALTER TABLE outbox
    ADD COLUMN site_id BIGINT REFERENCES sites(id),
    ADD COLUMN recipient_reasons JSONB NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(recipient_reasons) = 'array'
               AND jsonb_array_length(recipient_reasons) IN (0, cardinality(recipients)));
CREATE INDEX outbox_site_idx ON outbox (site_id, id DESC);

-- +goose Down
DROP INDEX outbox_site_idx;
ALTER TABLE outbox DROP COLUMN recipient_reasons, DROP COLUMN site_id;
