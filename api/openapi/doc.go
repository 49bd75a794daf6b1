// Package openapi is the API's OpenAPI 3.1 document and its reference
// page. The document is hand-written YAML under spec/, one file per
// domain (spec/<domain>.yaml: its paths, tags and components) plus
// spec/root.yaml (info, security, the shared problem responses and
// schemas) and spec/ops.yaml (the routes outside /v1). Document merges
// them into one JSON document, refusing an operation, component or tag
// that two files define; every /v1 operation gains the shared 400, 401,
// 413, 429 and 500 responses. Mount serves it at GET /openapi.json and a
// reference page at GET /docs rendered by a vendored Redoc (static/, no
// other origin).
//
// The document is checked against the server, not trusted: a test of
// package api fails when a route is served but not documented, documented
// but not served, or its x-required differs from the Need the route table
// declares; the API and end-to-end tests validate every response they
// receive against it (package validate, through internal/testenv). See
// README.md for how to document a new route.
package openapi
