package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/client"

	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/internal/testenv"
)

// world is one running system with the demo data and a mail sink.
type world struct {
	*testenv.App
	sink *mail.Sink
}

func startWorld(t testing.TB, env map[string]string, o testenv.Options) world {
	t.Helper()
	sink := &mail.Sink{}
	if err := sink.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sink.Close() })
	o.Env = map[string]string{"PAO_SMTP_PORT": strconv.Itoa(sink.Port()), "PAO_MAIL_POLL": "50ms"}
	for k, v := range env {
		o.Env[k] = v
	}
	a := testenv.StartApp(t, o)
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatal(err)
	}
	return world{App: a, sink: sink}
}

// waitMail waits until the sink holds n messages.
func (w world) waitMail(t *testing.T, n int, timeout time.Duration) []mail.Received {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		msgs := w.sink.Messages()
		if len(msgs) >= n {
			return msgs
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %d emails, got %d: %v", timeout, n, len(msgs), subjects(msgs))
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func subjects(msgs []mail.Received) []string {
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, fmt.Sprintf("%v %q", m.To, m.Subject))
	}
	return out
}

func sortedTo(m mail.Received) []string {
	to := slices.Clone(m.To)
	sort.Strings(to)
	return to
}

// eventually polls f until it returns "" or the timeout passes.
func eventually(t *testing.T, timeout time.Duration, f func() string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		msg := f()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(msg)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// recordHistory writes the workflow's history to
// workflows/accessrequest/testdata (with a "v2_" prefix: histories of the
// update-with-start process, next to the older ones that must keep
// replaying) when
// PAO_RECORD_HISTORIES is set (how the replay fixtures are made).
func recordHistory(t *testing.T, c client.Client, workflowID, runID, name string) {
	t.Helper()
	recordHistoryAt(t, c, workflowID, runID, filepath.Join("workflows", "accessrequest", "testdata", "v2_"+name+".json"))
}

// recordHistoryAt writes the workflow's history to rel (a path from the
// repository root, e.g. workflows/quote/testdata/x.json) when
// PAO_RECORD_HISTORIES is set.
func recordHistoryAt(t *testing.T, c client.Client, workflowID, runID, rel string) {
	t.Helper()
	if os.Getenv("PAO_RECORD_HISTORIES") == "" {
		return
	}
	iter := c.GetWorkflowHistory(context.Background(), workflowID, runID, false, 0)
	h := &historypb.History{}
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			t.Fatal(err)
		}
		h.Events = append(h.Events, e)
	}
	// Stored, the payloads are encrypted with the harness's development
	// key; the fixture keeps them decrypted, so a diff of it reads (the
	// replayer passes plain payloads through).
	codec, err := temporalx.NewCodecFrom(temporalx.DevKeys)
	if err == nil {
		err = codec.DecodeAll(context.Background(), h)
	}
	if err != nil {
		t.Fatal(err)
	}
	b, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	root, err := testenv.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("recorded %s", p)
}
