-- +goose Up
-- Entitlements (issue 12 item 1, SPEC B1 tool 3 and B4): the inventory of
-- what a site owns is its S&S coverage rows, each now with the period it
-- covers (start_date..end_date, both days inclusive) and the order that
-- last created or extended it (its Proof of Entitlement is that order's
-- document); seeded coverage has no order. Deployments are the customer's
-- own record of where the licences are in use, kept by users with
-- Entitlements = update (internal/entitlements, one transaction and an
-- audit row per change).

ALTER TABLE coverages
    ADD COLUMN start_date DATE,
    ADD COLUMN order_id BIGINT REFERENCES orders(id);

-- Coverage an order already gave: the period and order of its line (the
-- latest order whose line ended the coverage where it ends now).
UPDATE coverages c SET start_date = l.coverage_start, order_id = l.order_id
FROM (SELECT DISTINCT ON (o.site_id, l.product_id, l.coverage_end)
             o.site_id, l.product_id, l.coverage_end, l.coverage_start, l.order_id
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE l.coverage_start IS NOT NULL AND l.coverage_end IS NOT NULL
      ORDER BY o.site_id, l.product_id, l.coverage_end, o.created_at DESC, o.id DESC) l
WHERE l.site_id = c.site_id AND l.product_id = c.product_id AND l.coverage_end = c.end_date;
-- Any other coverage: a year up to its end.
UPDATE coverages SET start_date = (end_date - INTERVAL '1 year')::date WHERE start_date IS NULL;
ALTER TABLE coverages ALTER COLUMN start_date SET NOT NULL;
-- The key deployments refer to with their site (a deployment's site is
-- its coverage's site).
ALTER TABLE coverages ADD CONSTRAINT coverages_id_site_key UNIQUE (id, site_id);
CREATE INDEX coverages_order_idx ON coverages (order_id) WHERE order_id IS NOT NULL;

-- Writers that do not set the period (the demo seed, tests, a renewal demo
-- moving the end date) get a year up to the end; a period never starts
-- after it ends. Order fulfilment sets it (activities/orders_fulfil.go).
-- +goose StatementBegin
CREATE FUNCTION coverages_start_date() RETURNS trigger AS $$
BEGIN
    IF NEW.start_date IS NULL OR NEW.start_date > NEW.end_date THEN
        NEW.start_date := (NEW.end_date - INTERVAL '1 year')::date;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER coverages_start_date BEFORE INSERT OR UPDATE OF start_date, end_date ON coverages
    FOR EACH ROW EXECUTE FUNCTION coverages_start_date();

CREATE TABLE deployments (
    id          BIGSERIAL PRIMARY KEY,
    site_id     BIGINT NOT NULL,
    coverage_id BIGINT NOT NULL,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200 AND name = btrim(name)),
    environment TEXT NOT NULL CHECK (environment IN ('production','test','development','disaster_recovery')),
    quantity    BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    created_by  BIGINT NOT NULL REFERENCES users(id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (coverage_id, site_id) REFERENCES coverages(id, site_id)
);
-- A name once per entitlement, whatever its case; also the index of the
-- deployments of one entitlement and of their sums.
CREATE UNIQUE INDEX deployments_name_per_coverage ON deployments (coverage_id, lower(name));
-- The site's deployments in the order they are listed.
CREATE INDEX deployments_site_idx ON deployments (site_id, coverage_id, id);

-- +goose Down
DROP TABLE deployments;
DROP TRIGGER coverages_start_date ON coverages;
DROP FUNCTION coverages_start_date();
DROP INDEX coverages_order_idx;
ALTER TABLE coverages DROP CONSTRAINT coverages_id_site_key;
ALTER TABLE coverages DROP COLUMN order_id, DROP COLUMN start_date;
