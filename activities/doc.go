// Package activities holds the Temporal activities: structs that carry their
// dependencies (database, mailer, clock), grouped by domain. Every activity
// is idempotent: upserts keyed by business keys, outbox rows keyed by
// (workflow ID, step).
package activities
