-- +goose Up
-- Orders (issue 10, SPEC G5–G8): one row per order, written by its
-- workflow (order/<reference>) at every transition, with the lines it
-- bought at their locked prices and the coverage each one gave; the
-- payment steps as the product saw them (the gateway keeps its own ledger
-- apart); the Idempotency-Key of each submission; and the documents
-- (Proofs of Entitlement) the orders issue.

-- Human-readable references: ORD-<year>-<six digits>, and POE-<year>-<six
-- digits> for documents; a number is never reused.
CREATE SEQUENCE order_reference_seq;
CREATE SEQUENCE document_number_seq;

-- POST /v1/sites/:site/orders with an Idempotency-Key: the same key and
-- body from the same user is the same order (reference allocated once).
CREATE TABLE order_submissions (
    user_id         BIGINT NOT NULL REFERENCES users(id),
    idempotency_key TEXT NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    site_id         BIGINT NOT NULL REFERENCES sites(id),
    request_hash    TEXT NOT NULL,
    reference       TEXT NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);

CREATE TABLE orders (
    id              BIGSERIAL PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE CHECK (reference ~ '^ORD-[0-9]{4}-[0-9]{6,}$'),
    site_id         BIGINT NOT NULL REFERENCES sites(id),
    customer_id     BIGINT NOT NULL REFERENCES customers(id),
    buyer_id        BIGINT NOT NULL REFERENCES users(id),
    checkout_id     BIGINT NOT NULL UNIQUE REFERENCES checkouts(id),
    status          TEXT NOT NULL CHECK (status IN ('submitted','payment_declined','awaiting_po_confirmation','paid','fulfilled','completed','cancelled','refunded')),
    status_reason   TEXT NOT NULL DEFAULT '',
    currency        TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total_minor     BIGINT NOT NULL CHECK (total_minor >= 0),
    payment_method  TEXT NOT NULL CHECK (payment_method IN ('card','purchase_order')),
    payment_attempt INTEGER NOT NULL DEFAULT 1 CHECK (payment_attempt >= 1),
    card_brand      TEXT NOT NULL DEFAULT '',
    card_last4      TEXT NOT NULL DEFAULT '' CHECK (card_last4 ~ '^([0-9]{4})?$'),
    card_exp_month  SMALLINT,
    card_exp_year   SMALLINT,
    po_number       TEXT NOT NULL DEFAULT '',
    po_reference    TEXT NOT NULL DEFAULT '',
    billing         JSONB NOT NULL,
    shipping        JSONB NOT NULL,
    terms_version   TEXT NOT NULL,
    quote_numbers   TEXT[] NOT NULL DEFAULT '{}',
    workflow_id     TEXT NOT NULL UNIQUE,
    run_id          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX orders_site_idx ON orders (site_id, created_at DESC, id DESC);

CREATE TABLE order_lines (
    order_id         BIGINT NOT NULL REFERENCES orders(id),
    line_no          INTEGER NOT NULL CHECK (line_no >= 1),
    kind             TEXT NOT NULL CHECK (kind IN ('catalog','quote')),
    product_id       BIGINT NOT NULL REFERENCES products(id),
    part_number      TEXT NOT NULL,
    description      TEXT NOT NULL,
    license_type     TEXT NOT NULL,
    quantity         BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    unit_minor       BIGINT NOT NULL CHECK (unit_minor >= 0),
    currency         TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    discount_bp      INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    line_total_minor BIGINT NOT NULL CHECK (line_total_minor >= 0),
    quote_number     TEXT NOT NULL DEFAULT '',
    quote_version    INTEGER NOT NULL DEFAULT 0,
    coverage_start   DATE,
    coverage_end     DATE,
    PRIMARY KEY (order_id, line_no)
);

-- Every payment step of an order as the product recorded it (H4): which
-- attempt, which step, its idempotency key, and the outcome. Never card
-- data: the order row keeps brand, last four and expiry only.
CREATE TABLE order_payments (
    id              BIGSERIAL PRIMARY KEY,
    order_id        BIGINT NOT NULL REFERENCES orders(id),
    attempt         INTEGER NOT NULL CHECK (attempt >= 1),
    step            TEXT NOT NULL CHECK (step IN ('authorize','capture','void','refund','po_confirmed','po_rejected')),
    idempotency_key TEXT NOT NULL UNIQUE,
    outcome         TEXT NOT NULL CHECK (outcome IN ('succeeded','declined')),
    gateway_id      TEXT NOT NULL DEFAULT '',
    amount_minor    BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency        TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    decline_code    TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT '',
    actor           TEXT NOT NULL DEFAULT 'system',
    at              TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX order_payments_order_idx ON order_payments (order_id, id);

-- Documents of a site: the Proofs of Entitlement issued by orders (G8).
-- The content is the document as issued, never changed.
CREATE TABLE documents (
    id          BIGSERIAL PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE CHECK (number ~ '^POE-[0-9]{4}-[0-9]{6,}$'),
    kind        TEXT NOT NULL CHECK (kind IN ('proof_of_entitlement')),
    site_id     BIGINT NOT NULL REFERENCES sites(id),
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    order_id    BIGINT NOT NULL UNIQUE REFERENCES orders(id),
    issued_at   TIMESTAMPTZ NOT NULL,
    content     JSONB NOT NULL
);
CREATE INDEX documents_site_idx ON documents (site_id, issued_at DESC, id DESC);

-- +goose Down
DROP TABLE documents;
DROP TABLE order_payments;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE order_submissions;
DROP SEQUENCE document_number_seq;
DROP SEQUENCE order_reference_seq;
