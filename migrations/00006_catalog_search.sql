-- +goose Up
-- E1: catalog search (internal/catalog). Free text over part number and
-- description is a generated tsvector with a GIN index; the text is
-- lower-cased and every run of characters that is not a letter or a digit
-- becomes a space before the 'simple' parser sees it, so the document and
-- the query (built the same way in internal/catalog) split "WebSphere-MQ
-- 9.4" into the same words, without stemming, and a prefix query
-- ('websph':*) finds WebSphere. The part number weighs A, the description
-- B, so ts_rank puts a part-number hit first. The catalog is read far more
-- than written: fastupdate is off, so new products go straight into the
-- index instead of a pending list that every search would scan until
-- (auto)vacuum merges it.
ALTER TABLE products ADD COLUMN search tsvector NOT NULL GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, regexp_replace(lower(part_number), '[^[:alnum:]]+', ' ', 'g')), 'A') ||
    setweight(to_tsvector('simple'::regconfig, regexp_replace(lower(description), '[^[:alnum:]]+', ' ', 'g')), 'B')
) STORED;
CREATE INDEX products_search_idx ON products USING GIN (search) WITH (fastupdate = off);

-- Keyset pagination without text is by part number (the UNIQUE index of
-- part_number serves the whole catalog); with a filter, by the filter and
-- then part number, so a page is an index range scan that stops at the
-- limit; (category, license_type, part_number) serves both filters.
DROP INDEX products_category_idx;
CREATE INDEX products_category_license_part_idx ON products (category, license_type, part_number);
CREATE INDEX products_category_part_idx ON products (category, part_number);
CREATE INDEX products_license_part_idx ON products (license_type, part_number);

-- +goose Down
DROP INDEX products_license_part_idx;
DROP INDEX products_category_part_idx;
DROP INDEX products_category_license_part_idx;
CREATE INDEX products_category_idx ON products (category);
DROP INDEX products_search_idx;
ALTER TABLE products DROP COLUMN search;
