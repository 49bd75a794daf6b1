-- +goose Up
-- Activities check "already audited?" by (object, action) before writing an
-- access request's audit row; index the lookup, and make each action of a
-- request unique so a retried activity racing itself cannot write it twice.
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, action);
CREATE UNIQUE INDEX audit_log_request_action_once ON audit_log (object_id, action) WHERE object_type = 'access_request';

-- +goose Down
DROP INDEX audit_log_request_action_once;
DROP INDEX audit_log_object_idx;
