// Package activities holds the Temporal activities: structs that carry their
// dependencies (database, mailer, clock), grouped by domain. Every activity
// is idempotent: upserts keyed by business keys, outbox rows keyed by
// (request ID, step). Permanent failures (a broken rule, a missing row, a
// value or constraint PostgreSQL refuses) are non-retryable application
// errors with the stable types of workflows/policy; outages are retried.
package activities
