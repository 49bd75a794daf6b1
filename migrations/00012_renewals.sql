-- +goose Up
-- Renewals (issue 11, SPEC F1–F5): one row per site and due date (the
-- anniversary its S&S coverage ends on), written by its workflow
-- (renewal/<site>/<due date>) at every transition: where the calendar is,
-- the channel the customer chose, the renewal quote, the verification,
-- the reminders sent, the steps a late start skipped, and how it ended.

CREATE TABLE renewals (
    id                   BIGSERIAL PRIMARY KEY,
    site_id              BIGINT NOT NULL REFERENCES sites(id),
    customer_id          BIGINT NOT NULL REFERENCES customers(id),
    due_date             DATE NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('scheduled','verifying','quoted','awaiting_external_order','renewed','lapsed')),
    channel              TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online','business_partner','renewal_rep')),
    channel_partner      TEXT NOT NULL DEFAULT '',
    quote_number         TEXT NOT NULL DEFAULT '',
    contacts_verified_at TIMESTAMPTZ,
    contacts_verified_by TEXT NOT NULL DEFAULT '',
    reminders_sent       TEXT[] NOT NULL DEFAULT '{}',
    skipped_steps        TEXT[] NOT NULL DEFAULT '{}',
    order_ref            TEXT NOT NULL DEFAULT '',
    external_order       TEXT NOT NULL DEFAULT '',
    closed_reason        TEXT NOT NULL DEFAULT '',
    workflow_id          TEXT NOT NULL UNIQUE,
    run_id               TEXT NOT NULL DEFAULT '',
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (site_id, due_date)
);
CREATE INDEX renewals_due_idx ON renewals (due_date, status);
CREATE INDEX renewals_quote_idx ON renewals (quote_number) WHERE quote_number <> '';

-- Discovery pages through coverage by end date and site (F1): the range
-- of end dates in the window, never the whole table.
CREATE INDEX coverages_end_site_idx ON coverages (end_date, site_id);

-- +goose Down
DROP INDEX coverages_end_site_idx;
DROP TABLE renewals;
