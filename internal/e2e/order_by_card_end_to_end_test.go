package e2e_test

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The seed's buy-and-renew journey over HTTP with the real worker (issue
// 10, G1–G8): alice puts a renewal quote and a new licence in her cart,
// checks out (details, terms, a card), submits the order; the order is
// paid, the renewal's coverage is extended to the next anniversary and the
// licence's created, the Proof of Entitlement is issued and emailed to the
// Administrative Contact (bob), the confirmation to alice, the quote is
// ordered, and the confirmation prints as PDF. The same Idempotency-Key
// again answers with the same order.
func TestOrderByCardFromCartToProofOfEntitlement(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{})
	me := w.Token(alice)
	rep := w.Token(salesRep, auth.RoleSalesRep)
	db := w.Runtime.DB

	var q struct {
		QuoteNumber string `json:"quote_number"`
	}
	orderCall(t, w, "POST", "/v1/sites/300001/quotes", me, map[string]any{"lines": []map[string]any{
		{"part_number": "E0R50LL", "quantity": 16}}, "note": "renew Db2"}, http.StatusCreated, &q)
	orderCall(t, w, "POST", "/v1/staff/quotes/"+q.QuoteNumber+"/issue", rep, map[string]any{}, http.StatusOK, nil)
	orderCall(t, w, "POST", "/v1/sites/300001/cart/quotes", me, map[string]any{"quote_number": q.QuoteNumber}, http.StatusCreated, nil)
	orderCall(t, w, "POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "D0MQ1LL", "quantity": 100}, http.StatusCreated, nil)

	var before time.Time
	if err := db.Raw(`SELECT v.end_date FROM coverages v JOIN sites s ON s.id = v.site_id JOIN products p ON p.id = v.product_id
		WHERE s.site_number = '300001' AND p.part_number = 'E0R50LL'`).Scan(&before).Error; err != nil {
		t.Fatal(err)
	}

	id := checkoutReady(t, w, me, "300001", "US", card("4242 4242 4242 4242", "123"))
	first := placeOrder(t, w, me, "300001", id, "order-e2e-1", http.StatusCreated)
	if !models.ValidOrderReference(first.Reference) || first.Payment.Brand != "visa" || first.Payment.Last4 != "4242" {
		t.Fatalf("submitted order: %+v", first)
	}
	o := waitOrder(t, w, me, first.Reference, "completed")

	// Coverage: the renewal extends from the old end to the next
	// anniversary; the new MQ licences are covered on E0MQ2LL from today.
	var anniversary time.Time
	if err := db.Raw(`SELECT a.anniversary FROM agreements a JOIN sites s ON s.agreement_id = a.id WHERE s.site_number = '300001'`).
		Scan(&anniversary).Error; err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"E0R50LL": models.NextAnniversary(anniversary, maxDay(before, time.Now())),
		"D0MQ1LL": models.NextAnniversary(anniversary, time.Now()),
	}
	for _, l := range o.Lines {
		if l.CoverageEnd == nil || !l.CoverageEnd.Equal(want[l.PartNumber]) {
			t.Errorf("line %s covered until %v, want %v", l.PartNumber, l.CoverageEnd, want[l.PartNumber])
		}
	}
	var mq struct {
		Quantity int64
		EndDate  time.Time
	}
	if err := db.Raw(`SELECT v.quantity, v.end_date FROM coverages v JOIN sites s ON s.id = v.site_id JOIN products p ON p.id = v.product_id
		WHERE s.site_number = '300001' AND p.part_number = 'E0MQ2LL'`).Scan(&mq).Error; err != nil {
		t.Fatal(err)
	}
	if mq.Quantity != 100 || !mq.EndDate.Equal(want["D0MQ1LL"]) {
		t.Errorf("MQ coverage after the new licences: %+v", mq)
	}

	// The PoE: listed for the site, fetched as PDF by a documents viewer.
	if len(o.Documents) != 1 {
		t.Fatalf("order documents: %v", o.Documents)
	}
	var docs struct {
		Documents []struct {
			ID     int64  `json:"id"`
			Number string `json:"number"`
			Kind   string `json:"kind"`
		} `json:"documents"`
	}
	orderCall(t, w, "GET", "/v1/sites/300001/documents", w.Token(bob), nil, http.StatusOK, &docs)
	var poes []int64 // the site's PoEs, listed with its agreement documents
	for _, d := range docs.Documents {
		if d.Kind == "proof_of_entitlement" {
			if d.Number != o.Documents[0] {
				t.Fatalf("site PoE %s, want %s", d.Number, o.Documents[0])
			}
			poes = append(poes, d.ID)
		}
	}
	if len(poes) != 1 {
		t.Fatalf("site documents: %+v", docs)
	}
	pdf := w.Do("GET", "/v1/documents/"+itoa(poes[0]), w.Token(bob), nil)
	if pdf.Status != http.StatusOK || !bytes.HasPrefix(pdf.Body, []byte("%PDF-")) {
		t.Fatalf("PoE PDF = %d %q", pdf.Status, pdf.Body[:min(len(pdf.Body), 40)])
	}
	conf := w.Do("GET", "/v1/orders/"+o.Reference+"/confirmation.pdf", me, nil)
	if conf.Status != http.StatusOK || !bytes.HasPrefix(conf.Body, []byte("%PDF-")) {
		t.Fatalf("confirmation PDF = %d", conf.Status)
	}

	// Emails: the confirmation to alice, the PoE to bob (A6).
	eventually(t, 20*time.Second, func() string {
		var confirmation, poe bool
		for _, m := range w.sink.Messages() {
			confirmation = confirmation || (strings.Contains(m.Subject, "Order confirmation "+o.Reference) && slices.Contains(m.To, alice))
			poe = poe || (strings.Contains(m.Subject, "Proof of Entitlement "+o.Documents[0]) && slices.Contains(m.To, bob))
		}
		if !confirmation || !poe {
			return "emails so far: " + strings.Join(subjects(w.sink.Messages()), "; ")
		}
		return ""
	})

	// The quote it settled is ordered; the same key answers the same order.
	var qd quoteDoc
	orderCall(t, w, "GET", "/v1/quotes/"+q.QuoteNumber, me, nil, http.StatusOK, &qd)
	if qd.Status != "ordered" {
		t.Errorf("quote %s is %s after the order", q.QuoteNumber, qd.Status)
	}
	again := placeOrder(t, w, me, "300001", id, "order-e2e-1", http.StatusOK)
	if again.Reference != o.Reference || again.Status != "completed" {
		t.Errorf("same key again: %+v", again)
	}
	var captures int64
	if err := db.Raw(`SELECT count(*) FROM order_payments p JOIN orders o ON o.id = p.order_id WHERE o.reference = ? AND p.step = 'capture'`,
		o.Reference).Scan(&captures).Error; err != nil || captures != 1 {
		t.Errorf("captures recorded = %d (%v), want 1", captures, err)
	}
}

func maxDay(a, b time.Time) time.Time {
	if models.Day(a).After(models.Day(b)) {
		return a
	}
	return b
}
