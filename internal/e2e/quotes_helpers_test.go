package e2e_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/testenv"
)

const (
	bob        = "bob@acme.example.com" // software full on 300001; its Administrative and S&S renewal contact
	salesRep   = "sales@ibm.example.com"
	renewalRep = "renewals@ibm.example.com"
)

// quoteDoc is the quote as the e2e tests read it.
type quoteDoc struct {
	QuoteNumber    string `json:"quote_number"`
	Status         string `json:"status"`
	WorkflowID     string `json:"workflow_id"`
	CurrentVersion int    `json:"current_version"`
	Rep            struct {
		Name, Email, Phone string
	} `json:"rep"`
	Versions []struct {
		Version int `json:"version"`
		Total   struct {
			Minor    int64  `json:"amount_minor"`
			Currency string `json:"currency"`
		} `json:"total"`
		ChangeRequest       *int `json:"change_request"`
		ChangesFromPrevious []struct {
			PartNumber string   `json:"part_number"`
			Change     string   `json:"change"`
			Fields     []string `json:"fields"`
		} `json:"changes_from_previous"`
		Lines []struct {
			PartNumber string `json:"part_number"`
			Quantity   int64  `json:"quantity"`
			DiscountBP int    `json:"discount_bp"`
			UnitPrice  struct {
				Minor int64 `json:"amount_minor"`
			} `json:"unit_price"`
			LineTotal struct {
				Minor int64 `json:"amount_minor"`
			} `json:"line_total"`
		} `json:"lines"`
	} `json:"versions"`
	ChangeRequests []struct {
		Seq            int    `json:"seq"`
		Status         string `json:"status"`
		RequestedBy    string `json:"requested_by"`
		RevisedVersion *int   `json:"revised_version"`
		AnswerReason   string `json:"answer_reason"`
	} `json:"change_requests"`
}

// call sends a request and decodes a quote, failing unless the status is
// want.
func call(t *testing.T, w world, method, path, token string, body any, want int) quoteDoc {
	t.Helper()
	r := w.Do(method, path, token, body)
	if r.Status != want {
		t.Fatalf("%s %s = %d, want %d: %s", method, path, r.Status, want, r.Body)
	}
	var q quoteDoc
	if want < 300 {
		r.JSON(t, &q)
	}
	return q
}

func repToken(w world) string { return w.Token(salesRep, auth.RoleSalesRep) }

// mailTo waits for an email to who whose subject contains s.
func mailTo(t *testing.T, w world, who, s string) {
	t.Helper()
	eventually(t, 20*time.Second, func() string {
		for _, m := range w.sink.Messages() {
			if slices.Contains(sortedTo(m), who) && strings.Contains(m.Subject, s) {
				return ""
			}
		}
		return "no email to " + who + " about " + s + ": " + strings.Join(subjects(w.sink.Messages()), "; ")
	})
}

// recordQuoteHistory waits for the quote's workflow to end and records its
// history as workflows/quote/testdata/<name>.json (PAO_RECORD_HISTORIES).
func recordQuoteHistory(t *testing.T, w world, workflowID, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	run := w.Runtime.Temporal.GetWorkflow(ctx, workflowID, "")
	if err := run.Get(ctx, nil); err != nil {
		t.Fatalf("quote workflow %s: %v", workflowID, err)
	}
	recordHistoryAt(t, w.Runtime.Temporal, workflowID, run.GetRunID(), filepath.Join("workflows", "quote", "testdata", name+".json"))
}

// startQuoteWorld is the system with the demo data and a mail sink.
func startQuoteWorld(t *testing.T) world {
	t.Helper()
	return startWorld(t, nil, testenv.Options{})
}
