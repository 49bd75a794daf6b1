package wftest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/client"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/workflows/internal/wftest"
	"github.com/pao/pao/workflows/order"
)

// The replayer decrypts: a recorded order history with every payload
// encrypted under the development key (as the workers now write them)
// replays, and fails with a key ring that lacks its key.
func TestReplayOfAnEncryptedHistory(t *testing.T) {
	src := filepath.Join("..", "..", "order", "testdata", "card_approved.json")
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dev, err := temporalx.NewCodecFrom(temporalx.DevKeys)
	if err != nil {
		t.Fatal(err)
	}
	if err := dev.EncodeAll(context.Background(), h); err != nil {
		t.Fatal(err)
	}
	b, err := temporalproto.CustomJSONMarshalOptions{}.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"encryption-key-id"`) || strings.Contains(string(b), "json/plain") {
		t.Fatal("the history's payloads were not all encrypted")
	}
	enc := filepath.Join(t.TempDir(), "card_approved_encrypted.json")
	if err := os.WriteFile(enc, b, 0o644); err != nil {
		t.Fatal(err)
	}

	if err := wftest.Replay(order.WorkflowName, order.Workflow, enc); err != nil {
		t.Fatalf("replay of the encrypted history: %v", err)
	}
	other, err := temporalx.NewCodecFrom("other:" + strings.Repeat("A", 43) + "=")
	if err != nil {
		t.Fatal(err)
	}
	if err := wftest.ReplayWith(other, order.WorkflowName, order.Workflow, enc); err == nil {
		t.Fatal("the encrypted history replayed with a key ring that lacks its key")
	}
}
