// Package api is the HTTP API (Gin): the router, the authentication and
// authorization middleware, RFC 9457 error mapping, and thin handlers that
// validate input and call Temporal or the database.
package api
