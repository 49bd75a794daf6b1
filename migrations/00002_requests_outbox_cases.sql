-- +goose Up
-- Access requests (self-nomination C1–C6, support access D2), the email
-- outbox (H3) and support cases (D3).

-- Read model of the access-request workflows; the workflow writes it at
-- every transition. id is the public request id; workflow_id the business key.
CREATE TABLE access_requests (
    id              UUID PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('nomination','support-access')),
    workflow_id     TEXT NOT NULL,
    run_id          TEXT NOT NULL DEFAULT '',
    site_id         BIGINT REFERENCES sites(id),
    customer_id     BIGINT NOT NULL REFERENCES customers(id),
    requester_id    BIGINT NOT NULL REFERENCES users(id),
    requester_email TEXT NOT NULL,
    name            TEXT NOT NULL,
    company         TEXT NOT NULL,
    phone           TEXT NOT NULL,
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','withdrawn','expired')),
    reminded        BOOLEAN NOT NULL DEFAULT false,
    escalated       BOOLEAN NOT NULL DEFAULT false,
    decided_by      TEXT NOT NULL DEFAULT '',
    decision_reason TEXT NOT NULL DEFAULT '',
    granted         JSONB,
    support_level   SMALLINT CHECK (support_level BETWEEN 0 AND 3),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((kind = 'nomination') = (site_id IS NOT NULL))
);
CREATE UNIQUE INDEX access_requests_one_pending ON access_requests (workflow_id) WHERE status = 'pending';
CREATE INDEX access_requests_requester_idx ON access_requests (requester_id, created_at DESC);
CREATE INDEX access_requests_site_idx ON access_requests (site_id, status, created_at DESC);
CREATE INDEX access_requests_customer_idx ON access_requests (customer_id, status, created_at DESC);

-- Transactional outbox: one row per email, keyed by (workflow, step) so a
-- retried activity never queues twice; the sender marks rows sent.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    notice          TEXT NOT NULL,
    recipients      TEXT[] NOT NULL CHECK (cardinality(recipients) > 0),
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    sent_at         TIMESTAMPTZ
);
CREATE INDEX outbox_unsent_idx ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- D3: support cases of a customer account.
CREATE TABLE support_cases (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    owner_id    BIGINT NOT NULL REFERENCES users(id),
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description TEXT NOT NULL,
    severity    SMALLINT NOT NULL CHECK (severity BETWEEN 1 AND 4),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX support_cases_customer_idx ON support_cases (customer_id, created_at DESC);
CREATE INDEX support_cases_owner_idx ON support_cases (owner_id);

CREATE TABLE support_case_updates (
    id         BIGSERIAL PRIMARY KEY,
    case_id    BIGINT NOT NULL REFERENCES support_cases(id),
    author_id  BIGINT NOT NULL REFERENCES users(id),
    body       TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX support_case_updates_case_idx ON support_case_updates (case_id, id);

CREATE TABLE support_case_parties (
    case_id    BIGINT NOT NULL REFERENCES support_cases(id),
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, user_id)
);

-- +goose Down
DROP TABLE support_case_parties;
DROP TABLE support_case_updates;
DROP TABLE support_cases;
DROP TABLE outbox;
DROP TABLE access_requests;
