-- +goose Up
-- Customers, agreements, sites, users, contact roles, privileges,
-- support access, catalog, S&S coverage and the audit log (SPEC §1, §2, §5, §6, H4).

CREATE TABLE customers (
    id              BIGSERIAL PRIMARY KEY,
    customer_number TEXT NOT NULL UNIQUE CHECK (customer_number ~ '^[0-9]{4,10}$'),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE agreements (
    id               BIGSERIAL PRIMARY KEY,
    agreement_number TEXT NOT NULL UNIQUE CHECK (agreement_number ~ '^[0-9]{4,10}$'),
    customer_id      BIGINT NOT NULL REFERENCES customers(id),
    anniversary      DATE NOT NULL,
    volume_level     TEXT NOT NULL CHECK (volume_level IN ('BL','D','E','F','G','H','I','J','K','L','M','N','GV')),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX agreements_customer_idx ON agreements (customer_id);

CREATE TABLE sites (
    id           BIGSERIAL PRIMARY KEY,
    site_number  TEXT NOT NULL UNIQUE CHECK (site_number ~ '^[0-9]{4,10}$'),
    customer_id  BIGINT NOT NULL REFERENCES customers(id),
    agreement_id BIGINT REFERENCES agreements(id),
    kind         TEXT NOT NULL CHECK (kind IN ('origin','additional','express')),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    country      TEXT NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    currency     TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((kind = 'express') = (agreement_id IS NULL))
);
CREATE UNIQUE INDEX sites_one_origin_per_agreement ON sites (agreement_id) WHERE kind = 'origin';
CREATE INDEX sites_customer_idx ON sites (customer_id);

CREATE TABLE users (
    id         BIGSERIAL PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
    name       TEXT NOT NULL DEFAULT '',
    company    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A2: contact roles per site. Single-holder roles are unique per site;
-- secondary contacts are limited to four by the service (and a trigger).
CREATE TABLE site_contacts (
    site_id    BIGINT NOT NULL REFERENCES sites(id),
    role       TEXT NOT NULL CHECK (role IN ('primary','administrative','technical','secondary','renewal','media','billing')),
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, role, user_id)
);
CREATE UNIQUE INDEX site_contacts_single_holder ON site_contacts (site_id, role) WHERE role <> 'secondary';
CREATE INDEX site_contacts_user_idx ON site_contacts (user_id);

-- +goose StatementBegin
CREATE FUNCTION site_contacts_max_secondary() RETURNS trigger AS $$
BEGIN
    IF NEW.role = 'secondary' AND
       (SELECT count(*) FROM site_contacts WHERE site_id = NEW.site_id AND role = 'secondary') > 4 THEN
        RAISE EXCEPTION 'a site has at most 4 secondary contacts' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER site_contacts_max_secondary AFTER INSERT OR UPDATE ON site_contacts
    FOR EACH ROW EXECUTE FUNCTION site_contacts_max_secondary();

-- B1: tool privileges per user per site. A row means "has access to the site".
-- Levels are ordered small integers; models.Tool names them.
CREATE TABLE site_access (
    site_id        BIGINT NOT NULL REFERENCES sites(id),
    user_id        BIGINT NOT NULL REFERENCES users(id),
    software       SMALLINT NOT NULL DEFAULT 0 CHECK (software BETWEEN 0 AND 3),
    reporting      SMALLINT NOT NULL DEFAULT 0 CHECK (reporting BETWEEN 0 AND 1),
    entitlements   SMALLINT NOT NULL DEFAULT 0 CHECK (entitlements BETWEEN 0 AND 2),
    manage_access  SMALLINT NOT NULL DEFAULT 0 CHECK (manage_access BETWEEN 0 AND 2),
    contact_update SMALLINT NOT NULL DEFAULT 0 CHECK (contact_update BETWEEN 0 AND 2),
    documents      SMALLINT NOT NULL DEFAULT 0 CHECK (documents BETWEEN 0 AND 1),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, user_id)
);
CREATE INDEX site_access_user_idx ON site_access (user_id);

-- D1: support access level per user per customer account.
CREATE TABLE support_access (
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    user_id     BIGINT NOT NULL REFERENCES users(id),
    level       SMALLINT NOT NULL CHECK (level BETWEEN 0 AND 3),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, user_id)
);

-- E1: catalog. Prices in minor units per currency and price level.
CREATE TABLE products (
    id           BIGSERIAL PRIMARY KEY,
    part_number  TEXT NOT NULL UNIQUE CHECK (part_number ~ '^[A-Z0-9]{5,10}$'),
    description  TEXT NOT NULL,
    category     TEXT NOT NULL,
    license_type TEXT NOT NULL CHECK (license_type IN ('license_ss','ss_renewal','ss_reinstatement','media')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX products_category_idx ON products (category);

CREATE TABLE prices (
    product_id  BIGINT NOT NULL REFERENCES products(id),
    currency    TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    price_level TEXT NOT NULL,
    unit_minor  BIGINT NOT NULL CHECK (unit_minor >= 0),
    PRIMARY KEY (product_id, currency, price_level)
);

-- F1: S&S coverage per site and product; end_date is indexed so coverage
-- ending soon is a range scan, not a full-table scan.
CREATE TABLE coverages (
    id         BIGSERIAL PRIMARY KEY,
    site_id    BIGINT NOT NULL REFERENCES sites(id),
    product_id BIGINT NOT NULL REFERENCES products(id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    end_date   DATE NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (site_id, product_id)
);
CREATE INDEX coverages_end_date_idx ON coverages (end_date);

-- H4: append-only audit log.
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    site_id     BIGINT REFERENCES sites(id),
    customer_id BIGINT REFERENCES customers(id),
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    before      JSONB,
    after       JSONB,
    request_id  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_site_idx ON audit_log (site_id, id DESC);

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE coverages;
DROP TABLE prices;
DROP TABLE products;
DROP TABLE support_access;
DROP TABLE site_access;
DROP TABLE site_contacts;
DROP FUNCTION site_contacts_max_secondary();
DROP TABLE users;
DROP TABLE sites;
DROP TABLE agreements;
DROP TABLE customers;
