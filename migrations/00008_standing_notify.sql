-- +goose Up
-- The API caches a caller's standing on a site or account for a moment; any
-- change to what standing is made of notifies every API process (at
-- commit), which drops its cache at once.
-- +goose StatementBegin
CREATE FUNCTION notify_standing() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('pao_standing', '');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER site_access_standing AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON site_access
    FOR EACH STATEMENT EXECUTE FUNCTION notify_standing();
CREATE TRIGGER site_contacts_standing AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON site_contacts
    FOR EACH STATEMENT EXECUTE FUNCTION notify_standing();
CREATE TRIGGER support_access_standing AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON support_access
    FOR EACH STATEMENT EXECUTE FUNCTION notify_standing();
CREATE TRIGGER sites_standing AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sites
    FOR EACH STATEMENT EXECUTE FUNCTION notify_standing();

-- +goose Down
DROP TRIGGER sites_standing ON sites;
DROP TRIGGER support_access_standing ON support_access;
DROP TRIGGER site_contacts_standing ON site_contacts;
DROP TRIGGER site_access_standing ON site_access;
DROP FUNCTION notify_standing();
