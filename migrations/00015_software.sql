-- +goose Up
-- Software & services (issue 12, SPEC B1 tool 1, B4): the packages a site
-- may download and its requests for physical media.
--
-- A package is one file of a product: a version for a platform. It
-- belongs to the product S&S coverage is held on (the S&S renewal part,
-- models.CoverageStem), so a site is entitled to it when it has a
-- coverages row of that product: while the coverage is current every
-- package released so far, once it has lapsed the versions released up
-- to its end date (internal/software). The catalog stores each file's
-- size and SHA-256, as a download portal publishes them.
CREATE TABLE packages (
    id          BIGSERIAL PRIMARY KEY,
    product_id  BIGINT NOT NULL REFERENCES products(id),
    version     TEXT NOT NULL CHECK (version ~ '^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$'),
    platform    TEXT NOT NULL CHECK (platform IN ('linux-x86_64','linux-ppc64le','linux-s390x','aix-ppc64',
                                                  'windows-x64','macos-arm64','zos','multiplatform')),
    file_name   TEXT NOT NULL UNIQUE CHECK (file_name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
    size_bytes  BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256      TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    released_on DATE NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (product_id, version, platform)
);

-- A request for physical media of a package, shipped to the site: who
-- asked, their note, and the address it goes to as it was when asked
-- (an Address as JSON, with where it came from). The email to the site's
-- media delivery contact is queued in the outbox in the same transaction.
CREATE TABLE media_requests (
    id           BIGSERIAL PRIMARY KEY,
    site_id      BIGINT NOT NULL REFERENCES sites(id),
    package_id   BIGINT NOT NULL REFERENCES packages(id),
    requested_by BIGINT NOT NULL REFERENCES users(id),
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    ship_to      JSONB NOT NULL CHECK (jsonb_typeof(ship_to) = 'object'),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- A site's requests, newest first (keyset on id).
CREATE INDEX media_requests_site_idx ON media_requests (site_id, id DESC);

-- +goose Down
DROP TABLE media_requests;
DROP TABLE packages;
