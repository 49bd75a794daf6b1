package e2e_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/proxy"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"google.golang.org/protobuf/proto"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/internal/testenv"
)

// After a self-nomination (approved, then a second decision refused) and a
// quote ordered by card, the workflow histories fetched through the
// Temporal API without the codec hold no readable business data: every
// payload but the search attributes is encrypted and none holds an input's
// plaintext (emails, names, phone, reason, quote note and number, order
// reference, the card's last four); the personal data is in no other
// field either (failure messages are encrypted too). The same histories
// decoded with the codec hold every one of them: the positive control.
func TestHistoriesHoldNoReadableBusinessData(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{})
	me := w.Token(alice)

	v := nominate(t, w, frank, "300001")
	orderCall(t, w, "POST", "/v1/nominations/"+v.ID+"/decision", me, map[string]any{
		"decision": "approve", "privileges": map[string]string{"software": "downloads"}}, http.StatusOK, nil)
	orderCall(t, w, "POST", "/v1/nominations/"+v.ID+"/decision", w.Token(grace), map[string]any{
		"decision": "reject", "reason": "too late"}, http.StatusConflict, nil)

	const note = "renew Db2 for the Austin platform team"
	var q struct {
		QuoteNumber string `json:"quote_number"`
	}
	orderCall(t, w, "POST", "/v1/sites/300001/quotes", me, map[string]any{"lines": []map[string]any{
		{"part_number": "E0R50LL", "quantity": 4}}, "note": note}, http.StatusCreated, &q)
	orderCall(t, w, "POST", "/v1/staff/quotes/"+q.QuoteNumber+"/issue", w.Token(salesRep, auth.RoleSalesRep), map[string]any{}, http.StatusOK, nil)
	orderCall(t, w, "POST", "/v1/sites/300001/cart/quotes", me, map[string]any{"quote_number": q.QuoteNumber}, http.StatusCreated, nil)
	id := checkoutReady(t, w, me, "300001", "US", card(payment.TestCardAmex, "7319"))
	o := placeOrder(t, w, me, "300001", id, "raw-history-1", http.StatusCreated)
	waitOrder(t, w, me, o.Reference, "completed")

	// Personal data may be nowhere in a history; business keys (quote
	// number, order reference) are workflow IDs and search attributes by
	// design, so they are looked for in payloads only.
	personal := []string{frank, alice, "Frank Newcomer", "+15125550100", "I run the Austin data platform team"}
	business := []string{note, q.QuoteNumber, o.Reference, `"last4":"0005"`}

	raw := rawHistories(t, w)
	if len(raw) < 3 {
		t.Fatalf("%d histories, want the nomination's, the quote's and the order's at least", len(raw))
	}
	var decodedAll bytes.Buffer
	var payloads int
	for wid, events := range raw {
		for _, ev := range events {
			b, err := proto.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range personal {
				if bytes.Contains(b, []byte(s)) {
					t.Errorf("%s event %d (%s) holds %q as stored", wid, ev.GetEventId(), ev.GetEventType(), s)
				}
			}
			for _, p := range payloadsOf(t, ev) {
				payloads++
				if enc := string(p.GetMetadata()[temporalx.MetadataEncoding]); enc != temporalx.EncodingEncrypted {
					t.Errorf("%s event %d (%s): a payload stored as %q", wid, ev.GetEventId(), ev.GetEventType(), enc)
				}
				for _, s := range append(personal, business...) {
					if bytes.Contains(p.GetData(), []byte(s)) {
						t.Errorf("%s event %d (%s): a payload holds %q", wid, ev.GetEventId(), ev.GetEventType(), s)
					}
				}
			}
			dec := proto.Clone(ev).(*historypb.HistoryEvent)
			if err := w.Runtime.Codec.DecodeAll(context.Background(), dec); err != nil {
				t.Fatalf("%s event %d: %v", wid, ev.GetEventId(), err)
			}
			b, err = proto.Marshal(dec)
			if err != nil {
				t.Fatal(err)
			}
			decodedAll.Write(b)
		}
	}
	if payloads < 20 {
		t.Fatalf("only %d payloads in the histories", payloads)
	}
	for _, s := range append(personal, business...) {
		if !bytes.Contains(decodedAll.Bytes(), []byte(s)) {
			t.Errorf("decoded with the codec, no history holds %q: the scan cannot see it", s)
		}
	}
}

// rawHistories fetches every history of the world's namespace through a
// client without the codec, events as stored.
func rawHistories(t *testing.T, w world) map[string][]*historypb.HistoryEvent {
	t.Helper()
	ctx := context.Background()
	c, err := client.DialContext(ctx, client.Options{HostPort: w.Runtime.Cfg.TemporalAddress, Namespace: w.Runtime.Cfg.TemporalNamespace,
		Logger: log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out := map[string][]*historypb.HistoryEvent{}
	var token []byte
	for {
		page, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{NextPageToken: token, PageSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Executions {
			key := e.Execution.WorkflowId + " " + e.Execution.RunId
			iter := c.GetWorkflowHistory(ctx, e.Execution.WorkflowId, e.Execution.RunId, false, 0)
			for iter.HasNext() {
				ev, err := iter.Next()
				if err != nil {
					t.Fatal(err)
				}
				out[key] = append(out[key], ev)
			}
		}
		if token = page.NextPageToken; len(token) == 0 {
			return out
		}
	}
}

// payloadsOf lists the payloads of an event but its search attributes
// (Temporal indexes those; they hold business keys only).
func payloadsOf(t *testing.T, ev *historypb.HistoryEvent) []*commonpb.Payload {
	t.Helper()
	var out []*commonpb.Payload
	err := proxy.VisitPayloads(context.Background(), ev, proxy.VisitPayloadsOptions{
		SkipSearchAttributes: true,
		Visitor: func(_ *proxy.VisitPayloadsContext, p []*commonpb.Payload) ([]*commonpb.Payload, error) {
			out = append(out, p...)
			return p, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
