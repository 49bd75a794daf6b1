// Package api is the shared HTTP machinery of the API (Gin): the route
// table where every route declares its requirement (Need), the one place
// that authenticates and authorizes, RFC 9457 problem+json, strict JSON
// binding, middleware and the health endpoints. The handlers live per
// domain in the subpackages (api/accounts, api/access, api/support,
// api/devmail), each carrying only the dependencies it uses; internal/app
// mounts them.
package api
