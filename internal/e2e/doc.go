// Package e2e holds the end-to-end tests: real PostgreSQL, a real Temporal
// dev server, the real worker and the Gin API in process, driven over HTTP
// as a client would, with an in-process SMTP server receiving the mail.
package e2e
