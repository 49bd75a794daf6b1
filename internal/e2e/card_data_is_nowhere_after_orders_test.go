package e2e_test

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"go.temporal.io/api/workflowservice/v1"
	"google.golang.org/protobuf/proto"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
)

// lockedBuffer collects log lines written from many goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// After orders paid by card (and a card refused at checkout), a scan
// finds no card number and no security code (SPEC G4): not in a dump of
// every table of every schema (the sandbox processor's included), not in
// any log line, not in any workflow history fetched through the Temporal
// API.
func TestCardDataIsNowhereAfterOrders(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{}
	w := startWorld(t, nil, testenv.Options{Log: logs})
	me := w.Token(alice)
	const cvc = "7319" // American Express: four digits

	// A card refused at checkout (a bad security code length) first.
	orderCall(t, w, "POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "D0MQ1LL", "quantity": 2}, http.StatusCreated, nil)
	var co struct {
		ID int64 `json:"id"`
	}
	orderCall(t, w, "POST", "/v1/sites/300001/checkouts", me, nil, http.StatusCreated, &co)
	bad := w.Do("PUT", "/v1/checkouts/"+itoa(co.ID)+"/payment", me, card(payment.TestCardAmex, "123"))
	if bad.Status != http.StatusBadRequest && bad.Status != http.StatusConflict {
		t.Fatalf("a 3-digit Amex code = %d %s", bad.Status, bad.Body)
	}

	id := checkoutReady(t, w, me, "300001", "US", card(payment.TestCardAmex, cvc))
	o := placeOrder(t, w, me, "300001", id, "scan-1", http.StatusCreated)
	waitOrder(t, w, me, o.Reference, "completed")
	orderCall(t, w, "POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "BMQ94EN", "quantity": 1}, http.StatusCreated, nil)
	id2 := checkoutReady(t, w, me, "300001", "US", card("4242 4242 4242 4242", "987"))
	o2 := placeOrder(t, w, me, "300001", id2, "scan-2", http.StatusCreated)
	waitOrder(t, w, me, o2.Reference, "completed")

	secrets := []*regexp.Regexp{
		regexp.MustCompile(`3782[ -]?822463[ -]?10005`), regexp.MustCompile(`4242[ -]?4242[ -]?4242[ -]?4242`),
		// The codes as values of their own (ids and UUIDs may contain the digits).
		regexp.MustCompile(`(^|[^0-9A-Za-z_-])` + cvc + `([^0-9A-Za-z_-]|$)`), regexp.MustCompile(`"987"`), regexp.MustCompile(`(?i)"cvc"`),
	}
	found := func(where, text string) {
		t.Helper()
		for _, re := range secrets {
			if loc := re.FindStringIndex(text); loc != nil {
				lo, hi := max(0, loc[0]-80), min(len(text), loc[1]+80)
				t.Errorf("%s holds card data (%s): …%s…", where, re, text[lo:hi])
			}
		}
	}

	// Every table of every schema but the catalog's own.
	var tables []string
	if err := w.Runtime.DB.Raw(`SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
		WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	if len(tables) < 20 || !strings.Contains(strings.Join(tables, " "), "payment_sandbox.") {
		t.Fatalf("tables to scan: %v", tables)
	}
	for _, tb := range tables {
		var rows []string
		if err := w.Runtime.DB.Raw(`SELECT row_to_json(t)::text FROM ` + tb + ` t`).Scan(&rows).Error; err != nil {
			t.Fatalf("dump %s: %v", tb, err)
		}
		found("table "+tb, strings.Join(rows, "\n"))
	}

	found("the logs", logs.String())
	if !strings.Contains(logs.String(), "/payment") {
		t.Fatalf("the log capture holds no request of the payment route: %d bytes", len(logs.String()))
	}

	// Every workflow history of the namespace, its payloads decrypted
	// (stored, they are ciphertext: histories_hold_no_readable_business_data_test.go).
	ctx := context.Background()
	c := w.Runtime.Temporal
	var histories int
	var token []byte
	for {
		page, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{NextPageToken: token, PageSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Executions {
			iter := c.GetWorkflowHistory(ctx, e.Execution.WorkflowId, e.Execution.RunId, false, 0)
			var raw []byte
			for iter.HasNext() {
				ev, err := iter.Next()
				if err != nil {
					t.Fatal(err)
				}
				if err := w.Runtime.Codec.DecodeAll(ctx, ev); err != nil {
					t.Fatal(err)
				}
				b, err := proto.Marshal(ev)
				if err != nil {
					t.Fatal(err)
				}
				raw = append(raw, b...)
			}
			histories++
			found("the history of "+e.Execution.WorkflowId, string(raw))
			if e.Execution.WorkflowId == "order/"+o.Reference && !bytes.Contains(raw, []byte(`"last4":"0005"`)) {
				t.Errorf("the scan cannot see payloads: the order's history lacks the card's last four")
			}
		}
		if token = page.NextPageToken; len(token) == 0 {
			break
		}
	}
	if histories < 2 {
		t.Fatalf("scanned %d workflow histories, want the orders' at least", histories)
	}
}
