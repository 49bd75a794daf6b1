// Package migrations holds the versioned SQL schema, embedded in the binary
// and applied with goose (see internal/db).
package migrations

import "embed"

// FS holds every migration file, named NNNNN_description.sql.
//
//go:embed *.sql
var FS embed.FS
