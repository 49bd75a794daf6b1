package worker_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/workflows/reconcile"
)

// namespaceClient is a client of a fresh namespace of the test's Temporal
// dev server, closed when the test ends.
func namespaceClient(t *testing.T) client.Client {
	t.Helper()
	ctx := context.Background()
	addr := testenv.TemporalAddress(t)
	ns, err := testenv.NewNamespace(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.DialContext(ctx, client.Options{HostPort: addr, Namespace: ns,
		Logger: log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// describeReconciler describes the request-reconciler Schedule.
func describeReconciler(t *testing.T, c client.Client) *client.ScheduleDescription {
	t.Helper()
	d, err := c.ScheduleClient().GetHandle(context.Background(), reconcile.ScheduleID).Describe(context.Background())
	if err != nil {
		t.Fatalf("describe schedule: %v", err)
	}
	return d
}
