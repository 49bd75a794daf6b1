package worker_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/client"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
)

// With the payload codec, a Schedule's arguments are stored encrypted
// (with a fresh nonce each time): a worker restarting with the same
// configuration compares them decrypted and writes nothing — the arguments
// are not plaintext in Temporal, and the comparison is what keeps the
// Schedule alone (without the codec's converter it would rewrite it).
func TestScheduleWithEncryptedArgumentsIsLeftAlone(t *testing.T) {
	ctx := context.Background()
	codec, err := temporalx.NewCodecFrom(temporalx.DevKeys)
	if err != nil {
		t.Fatal(err)
	}
	addr := testenv.TemporalAddress(t)
	ns, err := testenv.NewNamespace(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	c, err := temporalx.Dial(ctx, addr, ns, slog.New(slog.NewTextHandler(io.Discard, nil)), temporalx.WithCodec(codec))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	cfg := worker.Schedules{TaskQueue: "pao-q", ReconcileEvery: 5 * time.Minute, DiscoveryEvery: 24 * time.Hour,
		RenewalOffsets: models.DefaultRenewalOffsets(), DataConverter: codec.DataConverter()}
	if err := worker.EnsureSchedules(ctx, c, cfg); err != nil {
		t.Fatal(err)
	}
	d := describeReconciler(t, c)
	a, ok := d.Schedule.Action.(*client.ScheduleWorkflowAction)
	if !ok || len(a.Args) != 1 {
		t.Fatalf("action %#v", d.Schedule.Action)
	}
	if enc := string(a.Args[0].(*commonpb.Payload).GetMetadata()[temporalx.MetadataEncoding]); enc != temporalx.EncodingEncrypted {
		t.Fatalf("the Schedule's argument is stored as %q", enc)
	}
	before := d.Info.LastUpdateAt
	if err := worker.EnsureSchedules(ctx, c, cfg); err != nil {
		t.Fatalf("second ensure: %v", err)
	}
	if after := describeReconciler(t, c).Info.LastUpdateAt; !after.Equal(before) {
		t.Fatalf("the Schedule was rewritten: last update %v, then %v", before, after)
	}

	cfg.DataConverter = nil // compare with the default converter: the control
	if err := worker.EnsureSchedules(ctx, c, cfg); err != nil {
		t.Fatal(err)
	}
	if after := describeReconciler(t, c).Info.LastUpdateAt; after.Equal(before) {
		t.Fatal("without the codec's converter the Schedule was left alone too: the test cannot see the comparison")
	}
}
