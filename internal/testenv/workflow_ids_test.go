package testenv

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
)

// TestWorkflowIDCheckFindsAnEmail proves the check Main runs can fail: a
// workflow started with an email in its ID (on a server of this test's own)
// is reported, one without is not.
func TestWorkflowIDCheckFindsAnEmail(t *testing.T) {
	s := OwnTemporal(t)
	ctx := context.Background()
	ns, err := NewNamespace(ctx, s.Address)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.DialContext(ctx, client.Options{HostPort: s.Address, Namespace: ns, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, id := range []string{"nomination/300001/frank@newcomer.example.com", "nomination/300001/42"} {
		if _, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: "nobody-polls"}, "AccessRequest"); err != nil {
			t.Fatal(err)
		}
	}
	var bad []string
	eventuallyTrue(t, func() bool {
		bad, err = workflowIDsWithPersonalData(ctx, s.Address)
		return err == nil && len(bad) > 0
	})
	if !slices.Equal(bad, []string{ns + ": nomination/300001/frank@newcomer.example.com"}) {
		t.Fatalf("reported %v", bad)
	}
	if strings.Contains(strings.Join(bad, ","), "/42") {
		t.Fatal("an ID without personal data was reported")
	}
}

// eventuallyTrue polls f (visibility is eventually consistent) for up to
// 20 seconds.
func eventuallyTrue(t *testing.T, f func() bool) {
	t.Helper()
	for range 200 {
		if f() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("condition not met in 20 s")
}
