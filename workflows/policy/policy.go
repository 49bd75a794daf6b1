// Package policy is what every workflow and its activities share: the
// activity options with their timeouts and retry policies, and the error
// types both sides agree on. Errors are matched by these types, never by
// message text. Deterministic code only: workflows import it.
package policy

import (
	"errors"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Error types of non-retryable application errors shared across packages.
// Activities raise them with temporal.NewNonRetryableApplicationError;
// workflows and the API compare ErrorType(err) against them.
const (
	// ErrInvalidInput: a workflow or activity was called with input it can
	// never accept (a programming error of the caller).
	ErrInvalidInput = "InvalidInput"
	// ErrNoRecipients: a notice has nobody to go to.
	ErrNoRecipients = "NoRecipients"
	// ErrTemplate: a notice's template does not render.
	ErrTemplate = "TemplateError"
	// ErrNotFound: a row the activity needs does not exist.
	ErrNotFound = "NotFound"
	// ErrDataException: PostgreSQL refused a value (SQLSTATE class 22, e.g.
	// a NUL byte in a text, a value out of range).
	ErrDataException = "DataException"
	// ErrIntegrityViolation: PostgreSQL refused the write for a constraint
	// (SQLSTATE class 23: unique, foreign key, check, not null).
	ErrIntegrityViolation = "IntegrityViolation"
	// ErrKeyReused: a payment gateway saw an idempotency key again with
	// other parameters (a programming error).
	ErrKeyReused = "IdempotencyKeyReused"
)

// Permanent lists the shared error types that retrying cannot cure. The
// retry policies below carry them as NonRetryableErrorTypes as well, so a
// permanent failure stops even if an activity forgot to mark it.
var Permanent = []string{ErrInvalidInput, ErrNoRecipients, ErrTemplate, ErrNotFound, ErrDataException, ErrIntegrityViolation, ErrKeyReused}

// DatabaseRetry retries with backoff up to a minute apart and no attempt
// limit (the options below bound it in time, DatabaseOutage): permanent
// failures are non-retryable errors of the types above, and whatever else
// fails is an outage of PostgreSQL to wait out, which delays the process
// without failing it.
func DatabaseRetry() *temporal.RetryPolicy {
	return &temporal.RetryPolicy{
		InitialInterval:        200 * time.Millisecond,
		BackoffCoefficient:     2,
		MaximumInterval:        time.Minute,
		NonRetryableErrorTypes: Permanent,
	}
}

// NoticeAttempts bounds the attempts of a notice: a notice that cannot be
// queued after them is given up (and the failure recorded by the
// workflow), so it never holds up a process.
const NoticeAttempts = 8

// NoticeRetry is the bounded retry of side effects such as notices: about
// three minutes of attempts, then the workflow goes on without it.
func NoticeRetry() *temporal.RetryPolicy {
	return &temporal.RetryPolicy{
		InitialInterval:        time.Second,
		BackoffCoefficient:     2,
		MaximumInterval:        time.Minute,
		MaximumAttempts:        NoticeAttempts,
		NonRetryableErrorTypes: Permanent,
	}
}

// DatabaseTimeout bounds one attempt of a database activity.
const DatabaseTimeout = 30 * time.Second

// DatabaseOutage bounds the retries of a database activity: an outage of
// PostgreSQL up to a day is waited out; after that the call fails like a
// permanent error. (Without it a local activity would stop retrying after
// its first StartToCloseTimeout.)
const DatabaseOutage = 24 * time.Hour

// NoticeDeadline bounds a notice, retries included.
const NoticeDeadline = 10 * time.Minute

// LocalDatabase runs short, idempotent database writes (read model, grant)
// as local activities: in the worker, without a round trip through the
// server, so a decision answers quickly. A long outage turns into
// timer-backed retries, so nothing is lost.
func LocalDatabase(ctx workflow.Context) workflow.Context {
	return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		ScheduleToCloseTimeout: DatabaseOutage,
		StartToCloseTimeout:    DatabaseTimeout,
		RetryPolicy:            DatabaseRetry(),
	})
}

// Database gives (non-local) database activities a short timeout and
// patient retries.
func Database(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		ScheduleToCloseTimeout: DatabaseOutage,
		StartToCloseTimeout:    DatabaseTimeout,
		RetryPolicy:            DatabaseRetry(),
	})
}

// Notice gives a side effect (queueing an email) a short timeout and a
// bounded retry.
func Notice(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		ScheduleToCloseTimeout: NoticeDeadline,
		StartToCloseTimeout:    DatabaseTimeout,
		RetryPolicy:            NoticeRetry(),
	})
}

// PaymentRetry retries a payment gateway call with backoff up to five
// minutes apart and no limit: a gateway outage delays the order, it never
// declines it (a decline is a result, not an error). Only permanent
// errors stop it.
func PaymentRetry() *temporal.RetryPolicy {
	return &temporal.RetryPolicy{
		InitialInterval:        time.Second,
		BackoffCoefficient:     2,
		MaximumInterval:        5 * time.Minute,
		NonRetryableErrorTypes: Permanent,
	}
}

// PaymentTimeout bounds one attempt of a gateway call: a call that hangs
// is retried with the same idempotency key.
const PaymentTimeout = 30 * time.Second

// Payment gives gateway calls (authorize, capture, void, refund) a short
// attempt and patient, unbounded retries under the same idempotency key.
func Payment(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: PaymentTimeout,
		RetryPolicy:         PaymentRetry(),
	})
}

// ErrorType returns the type of the first application error in err's
// chain (an activity's failure arrives wrapped in an ActivityError), or ""
// when there is none.
func ErrorType(err error) string {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		return app.Type()
	}
	return ""
}

// Describe returns the type and the message of the first application error
// in err's chain, without the wrapping activity error's details; for other
// errors, "" and err's text.
func Describe(err error) (errType, message string) {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		return app.Type(), app.Message()
	}
	if err == nil {
		return "", ""
	}
	return "", err.Error()
}
