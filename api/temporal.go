package api

import (
	"context"
	"errors"

	"go.temporal.io/api/serviceerror"
)

// TemporalDown turns an outage of the workflow service (unreachable, or
// no answer before the request's deadline) into a 503 problem; any other
// error is returned as it is.
func TemporalDown(err error) error {
	var (
		down *serviceerror.Unavailable
		late *serviceerror.DeadlineExceeded
	)
	if errors.As(err, &down) || errors.As(err, &late) || errors.Is(err, context.DeadlineExceeded) {
		return Unavailable("the workflow service is unavailable: try again shortly")
	}
	return err
}
