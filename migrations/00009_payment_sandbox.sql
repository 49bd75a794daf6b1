-- +goose Up
-- The sandbox payment processor (internal/payment.Sandbox, SPEC G5): a
-- processor of its own, the default in development and tests, with its own
-- schema as a real processor would have its own systems. Nothing here holds
-- a card number or a security code: a token keeps the brand, the last four
-- digits, the expiry and the test behaviour its number selected.
CREATE SCHEMA payment_sandbox;

CREATE TABLE payment_sandbox.tokens (
    token      TEXT PRIMARY KEY,
    brand      TEXT NOT NULL,
    last4      TEXT NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    exp_month  INTEGER NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year   INTEGER NOT NULL CHECK (exp_year BETWEEN 1000 AND 9999),
    -- what the test number selected: approve, decline:<code>, outage,
    -- capture_reply_dropped
    behaviour  TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- The ledger of mutating calls, one row per idempotency key. A row whose
-- result and decline are both NULL is a call that has not been answered
-- yet (an outage was simulated: attempts counts them).
CREATE TABLE payment_sandbox.operations (
    key          TEXT PRIMARY KEY CHECK (key <> ''),
    kind         TEXT NOT NULL CHECK (kind IN ('authorize', 'capture', 'void', 'refund')),
    -- sha256 of the kind and the parameters: the same key with other
    -- parameters is refused
    request_hash TEXT NOT NULL,
    result       JSONB,
    decline      JSONB,
    attempts     INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL,
    answered_at  TIMESTAMPTZ,
    CHECK (result IS NULL OR decline IS NULL)
);

CREATE TABLE payment_sandbox.authorizations (
    id            TEXT PRIMARY KEY,
    operation_key TEXT NOT NULL UNIQUE REFERENCES payment_sandbox.operations(key),
    token         TEXT NOT NULL REFERENCES payment_sandbox.tokens(token),
    amount_minor  BIGINT NOT NULL CHECK (amount_minor > 0),
    currency      TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status        TEXT NOT NULL CHECK (status IN ('authorized', 'captured', 'voided')),
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- One capture per authorization (a partial capture releases the rest).
CREATE TABLE payment_sandbox.captures (
    id               TEXT PRIMARY KEY,
    operation_key    TEXT NOT NULL UNIQUE REFERENCES payment_sandbox.operations(key),
    authorization_id TEXT NOT NULL UNIQUE REFERENCES payment_sandbox.authorizations(id),
    amount_minor     BIGINT NOT NULL CHECK (amount_minor > 0),
    currency         TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at       TIMESTAMPTZ NOT NULL
);

-- Refunds of a capture, partial ones too, never above the captured amount.
CREATE TABLE payment_sandbox.refunds (
    id            TEXT PRIMARY KEY,
    operation_key TEXT NOT NULL UNIQUE REFERENCES payment_sandbox.operations(key),
    capture_id    TEXT NOT NULL REFERENCES payment_sandbox.captures(id),
    amount_minor  BIGINT NOT NULL CHECK (amount_minor > 0),
    currency      TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX refunds_capture_idx ON payment_sandbox.refunds (capture_id);

-- +goose Down
DROP TABLE payment_sandbox.refunds;
DROP TABLE payment_sandbox.captures;
DROP TABLE payment_sandbox.authorizations;
DROP TABLE payment_sandbox.operations;
DROP TABLE payment_sandbox.tokens;
DROP SCHEMA payment_sandbox;
