-- +goose Up
-- The cart (issue 9 item 4, SPEC E3): one saved cart per user per site, a
-- plain edit (internal/cart, one transaction and an audit row per change).
-- Catalog lines remember the unit price they were added at, so the view
-- can show a price that changed since; quote groups are pinned to a quote
-- and the version that was current when added. The quote's lines and
-- locked prices stay in the quote tables: the cart reads the quote's
-- current version at view time, so it follows a revision.

CREATE TABLE carts (
    id         BIGSERIAL PRIMARY KEY,
    site_id    BIGINT NOT NULL REFERENCES sites(id),
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (site_id, user_id)
);

CREATE TABLE cart_lines (
    id               BIGSERIAL PRIMARY KEY,
    cart_id          BIGINT NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    product_id       BIGINT NOT NULL REFERENCES products(id),
    quantity         BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    -- The unit price when the line was added; NULL: price on request then.
    added_unit_minor BIGINT CHECK (added_unit_minor IS NULL OR added_unit_minor >= 0),
    added_currency   TEXT NOT NULL CHECK (added_currency ~ '^[A-Z]{3}$'),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (cart_id, product_id)
);

CREATE TABLE cart_quotes (
    id            BIGSERIAL PRIMARY KEY,
    cart_id       BIGINT NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    quote_id      BIGINT NOT NULL REFERENCES quotes(id),
    added_version INTEGER NOT NULL CHECK (added_version >= 1),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (cart_id, quote_id)
);
CREATE INDEX cart_quotes_quote_idx ON cart_quotes (quote_id);

-- +goose Down
DROP TABLE cart_quotes;
DROP TABLE cart_lines;
DROP TABLE carts;
