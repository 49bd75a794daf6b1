-- +goose Up
-- Checkout (issue 10, SPEC G1–G4): everything before an order is
-- submitted. A checkout is a snapshot of a user's cart on a site (catalog
-- items priced when the checkout started, quote lines at their locked
-- prices), then the billing and shipping details, the acceptance of the
-- current terms and the payment method. It is a plain edit
-- (internal/checkout: one transaction and an audit row per change); the
-- order process reads it (locked) and marks it ordered.
--
-- Card data: only the gateway's token, the brand, the last four digits
-- and the expiry are kept (G4). The number and the security code never
-- reach this schema.

-- The terms and conditions, by version. The current version is the latest
-- one published (published_at <= now()): a version can be loaded ahead of
-- the day it takes effect.
CREATE TABLE terms (
    version      TEXT PRIMARY KEY CHECK (version ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'),
    text         TEXT NOT NULL CHECK (text <> ''),
    published_at TIMESTAMPTZ NOT NULL UNIQUE
);

INSERT INTO terms (version, text, published_at) VALUES ('2026-01',
'Passport Advantage online ordering terms (version 2026-01)

1. These terms govern orders placed through this site under your Passport Advantage or Passport Advantage Express agreement. The agreement prevails where the two differ.
2. Prices are those shown at checkout in the currency of your site; quote lines are at the prices the quote locked. Taxes are added as the law of the billing country requires.
3. Software licences and Software Subscription and Support (S&S) start when the order is paid (a card payment is captured, or your purchase order is confirmed). S&S runs to your agreement anniversary.
4. A purchase order must be confirmed by IBM before the order proceeds; an order whose purchase order is rejected or not confirmed in time is cancelled.
5. Your Proof of Entitlement is issued electronically and is your record of the licences and coverage bought.
6. You confirm that you are authorised to place this order for the customer and site named.',
'2026-01-01T00:00:00Z');

-- Which payment methods are offered for a billing country (G2, G3a):
-- a card where allowed (and then the default), a purchase order where
-- allowed. A country that is not listed gets a card only (the code says
-- so too: internal/checkout). Exactly one default per country.
CREATE TABLE payment_methods_by_country (
    country    TEXT NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    method     TEXT NOT NULL CHECK (method IN ('card', 'purchase_order')),
    is_default BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (country, method)
);
CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods_by_country (country) WHERE is_default;

-- Card and purchase order: the countries with an IBM order desk that
-- confirms purchase orders.
INSERT INTO payment_methods_by_country (country, method, is_default)
SELECT c, m, m = 'card'
FROM unnest(ARRAY['US', 'CA', 'GB', 'IE', 'DE', 'FR', 'NL', 'BE', 'AT', 'CH', 'IT', 'ES', 'SE', 'DK',
                  'NO', 'FI', 'AU', 'NZ', 'SG', 'ID', 'JP']) AS c,
     unnest(ARRAY['card', 'purchase_order']) AS m;
-- Card only, listed to be explicit: no order desk confirms purchase
-- orders there.
INSERT INTO payment_methods_by_country (country, method, is_default)
SELECT c, 'card', true FROM unnest(ARRAY['BR', 'MX', 'AR', 'IN', 'ZA', 'PL', 'PT']) AS c;
-- Purchase order only: mainland China. Business software is bought there
-- against an invoice (a VAT fapiao issued on the purchase order), and the
-- processor behind the card gateway does not acquire mainland China cards
-- (domestic card schemes), so a card is not offered; the purchase order is
-- then the default.
INSERT INTO payment_methods_by_country (country, method, is_default) VALUES ('CN', 'purchase_order', true);

CREATE TABLE checkouts (
    id                   BIGSERIAL PRIMARY KEY,
    site_id              BIGINT NOT NULL REFERENCES sites(id),
    user_id              BIGINT NOT NULL REFERENCES users(id),
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'abandoned', 'ordered')),
    currency             TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total_minor          BIGINT NOT NULL CHECK (total_minor >= 0),
    billing              JSONB,
    shipping             JSONB,
    shipping_same_as_billing BOOLEAN NOT NULL DEFAULT false,
    terms_version        TEXT REFERENCES terms(version),
    terms_accepted_at    TIMESTAMPTZ,
    terms_accepted_by    TEXT,
    terms_client_ip      INET,
    payment_method       TEXT CHECK (payment_method IN ('card', 'purchase_order')),
    card_token           TEXT,
    card_brand           TEXT CHECK (card_brand IN ('visa', 'mastercard', 'amex', 'discover', 'jcb')),
    card_last4           TEXT CHECK (card_last4 ~ '^[0-9]{4}$'),
    card_exp_month       SMALLINT CHECK (card_exp_month BETWEEN 1 AND 12),
    card_exp_year        SMALLINT CHECK (card_exp_year BETWEEN 2000 AND 2200),
    po_number            TEXT,
    po_reference         TEXT,
    -- The order this checkout became (set by the order process).
    order_ref            TEXT,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Terms are accepted as a whole: version, who, when.
    CHECK ((terms_version IS NULL) = (terms_accepted_at IS NULL) AND (terms_version IS NULL) = (terms_accepted_by IS NULL)),
    -- A card choice has its token, brand, last four and expiry; a purchase
    -- order its number; neither has the other's fields.
    CHECK (payment_method IS DISTINCT FROM 'card' OR (card_token IS NOT NULL AND card_brand IS NOT NULL AND
           card_last4 IS NOT NULL AND card_exp_month IS NOT NULL AND card_exp_year IS NOT NULL AND po_number IS NULL)),
    CHECK (payment_method IS DISTINCT FROM 'purchase_order' OR (po_number IS NOT NULL AND card_token IS NULL)),
    CHECK (payment_method IS NOT NULL OR (card_token IS NULL AND po_number IS NULL)),
    CHECK ((status = 'ordered') = (order_ref IS NOT NULL))
);
-- One open checkout per user and site: a new one abandons the previous.
CREATE UNIQUE INDEX checkouts_one_open ON checkouts (site_id, user_id) WHERE status = 'open';
CREATE INDEX checkouts_user_idx ON checkouts (user_id);

CREATE TABLE checkout_lines (
    checkout_id      BIGINT NOT NULL REFERENCES checkouts(id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL CHECK (line_no >= 1),
    kind             TEXT NOT NULL CHECK (kind IN ('catalog', 'quote')),
    product_id       BIGINT NOT NULL REFERENCES products(id),
    part_number      TEXT NOT NULL,
    description      TEXT NOT NULL,
    license_type     TEXT NOT NULL,
    quantity         BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    unit_minor       BIGINT NOT NULL CHECK (unit_minor >= 0),
    currency         TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    discount_bp      INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    line_total_minor BIGINT NOT NULL CHECK (line_total_minor >= 0),
    quote_id         BIGINT REFERENCES quotes(id),
    quote_number     TEXT,
    quote_version    INTEGER,
    PRIMARY KEY (checkout_id, line_no),
    CHECK ((kind = 'quote') = (quote_id IS NOT NULL AND quote_number IS NOT NULL AND quote_version IS NOT NULL))
);
CREATE INDEX checkout_lines_quote_idx ON checkout_lines (quote_id) WHERE quote_id IS NOT NULL;

-- +goose Down
DROP TABLE checkout_lines;
DROP TABLE checkouts;
DROP TABLE payment_methods_by_country;
DROP TABLE terms;
