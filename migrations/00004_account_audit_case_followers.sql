-- +goose Up
-- H4: the account's audit trail (entries without a site: support-access
-- decisions, support levels, cases) is listed per account, newest first.
CREATE INDEX audit_log_account_idx ON audit_log (customer_id, id DESC) WHERE site_id IS NULL;

-- D1 "receive updates": users with full or administrator support access who
-- follow an account's cases are emailed when any of its cases gets an update.
CREATE TABLE support_case_followers (
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    user_id     BIGINT NOT NULL REFERENCES users(id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, user_id)
);

-- +goose Down
DROP TABLE support_case_followers;
DROP INDEX audit_log_account_idx;
