-- +goose Up
-- Sales and renewal reps and the Business Partner of each customer (issue 9
-- item 2, SPEC F4), and the quotes (E2, E4): one row per quote, written by
-- its workflow (quote/<quote number>) at every transition, with every
-- issued version and its priced lines kept, the lines the customer asked
-- for, and the change requests with their answers.

ALTER TABLE customers
    ADD COLUMN sales_rep_id BIGINT REFERENCES users(id),
    ADD COLUMN renewal_rep_id BIGINT REFERENCES users(id),
    ADD COLUMN business_partner_name TEXT
        CHECK (business_partner_name IS NULL OR length(business_partner_name) BETWEEN 1 AND 200),
    ADD COLUMN business_partner_email TEXT
        CHECK (business_partner_email IS NULL OR (business_partner_email = lower(business_partner_email) AND business_partner_email LIKE '%_@_%')),
    ADD CONSTRAINT customers_business_partner_named
        CHECK (business_partner_email IS NULL OR business_partner_name IS NOT NULL);
CREATE INDEX customers_sales_rep_idx ON customers (sales_rep_id);
CREATE INDEX customers_renewal_rep_idx ON customers (renewal_rep_id);

-- Human-readable quote numbers: Q-<year>-<six digits> (sales) and
-- RQ-<year>-<six digits> (renewal), both from this sequence, so a number
-- is never reused whatever its kind.
CREATE SEQUENCE quote_number_seq;

CREATE TABLE quotes (
    id              BIGSERIAL PRIMARY KEY,
    quote_number    TEXT NOT NULL UNIQUE CHECK (quote_number ~ '^R?Q-[0-9]{4}-[0-9]{6,}$'),
    kind            TEXT NOT NULL CHECK (kind IN ('sales','renewal')),
    site_id         BIGINT NOT NULL REFERENCES sites(id),
    customer_id     BIGINT NOT NULL REFERENCES customers(id),
    requester_id    BIGINT REFERENCES users(id), -- NULL: a renewal quote nobody asked for
    rep_id          BIGINT NOT NULL REFERENCES users(id),
    status          TEXT NOT NULL CHECK (status IN ('requested','open','change_requested','ordered','expired','declined','cancelled')),
    note            TEXT NOT NULL DEFAULT '',
    current_version INTEGER NOT NULL DEFAULT 0 CHECK (current_version >= 0),
    valid_until     TIMESTAMPTZ,
    reminded        BOOLEAN NOT NULL DEFAULT false,
    closed_reason   TEXT NOT NULL DEFAULT '',
    closed_by       TEXT NOT NULL DEFAULT '',
    order_ref       TEXT NOT NULL DEFAULT '',
    workflow_id     TEXT NOT NULL UNIQUE,
    run_id          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((current_version = 0) = (valid_until IS NULL))
);
CREATE INDEX quotes_site_idx ON quotes (site_id, status, created_at DESC);
CREATE INDEX quotes_rep_idx ON quotes (rep_id, status, created_at DESC);

-- What the customer asked for (part number and quantity), before any price.
CREATE TABLE quote_request_lines (
    quote_id    BIGINT NOT NULL REFERENCES quotes(id),
    line_no     INTEGER NOT NULL CHECK (line_no >= 1),
    product_id  BIGINT NOT NULL REFERENCES products(id),
    part_number TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity    BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    PRIMARY KEY (quote_id, line_no),
    UNIQUE (quote_id, product_id)
);

-- Every issued version, kept: version n+1 answers a change request.
CREATE TABLE quote_versions (
    quote_id          BIGINT NOT NULL REFERENCES quotes(id),
    version           INTEGER NOT NULL CHECK (version >= 1),
    currency          TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total_minor       BIGINT NOT NULL CHECK (total_minor >= 0),
    valid_until       TIMESTAMPTZ NOT NULL,
    issued_by         TEXT NOT NULL,
    issued_at         TIMESTAMPTZ NOT NULL,
    note              TEXT NOT NULL DEFAULT '',
    change_request  INTEGER, -- the change request this version answers
    PRIMARY KEY (quote_id, version)
);

-- A version's priced lines; prices are locked in the version.
CREATE TABLE quote_lines (
    quote_id         BIGINT NOT NULL,
    version          INTEGER NOT NULL,
    line_no          INTEGER NOT NULL CHECK (line_no >= 1),
    product_id       BIGINT NOT NULL REFERENCES products(id),
    part_number      TEXT NOT NULL,
    description      TEXT NOT NULL,
    quantity         BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    unit_minor       BIGINT NOT NULL CHECK (unit_minor >= 0),
    currency         TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    discount_bp      INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),
    line_total_minor BIGINT NOT NULL CHECK (line_total_minor >= 0),
    PRIMARY KEY (quote_id, version, line_no),
    UNIQUE (quote_id, version, product_id),
    FOREIGN KEY (quote_id, version) REFERENCES quote_versions (quote_id, version)
);

-- E4: change requests on an open quote, numbered per quote, and their
-- answer (a revision, a decline, or closed with the quote).
CREATE TABLE quote_change_requests (
    quote_id        BIGINT NOT NULL REFERENCES quotes(id),
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    on_version      INTEGER NOT NULL CHECK (on_version >= 1),
    requested_by_id BIGINT NOT NULL REFERENCES users(id),
    requested_by    TEXT NOT NULL,
    changes         JSONB NOT NULL,
    note            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending','revised','declined','closed')),
    answer_reason   TEXT NOT NULL DEFAULT '',
    answered_by     TEXT NOT NULL DEFAULT '',
    revised_version INTEGER,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    answered_at     TIMESTAMPTZ,
    PRIMARY KEY (quote_id, seq)
);
CREATE UNIQUE INDEX quote_change_requests_one_pending ON quote_change_requests (quote_id) WHERE status = 'pending';

-- +goose Down
DROP TABLE quote_change_requests;
DROP TABLE quote_lines;
DROP TABLE quote_versions;
DROP TABLE quote_request_lines;
DROP TABLE quotes;
DROP SEQUENCE quote_number_seq;
DROP INDEX customers_renewal_rep_idx;
DROP INDEX customers_sales_rep_idx;
ALTER TABLE customers
    DROP CONSTRAINT customers_business_partner_named,
    DROP COLUMN business_partner_email,
    DROP COLUMN business_partner_name,
    DROP COLUMN renewal_rep_id,
    DROP COLUMN sales_rep_id;
