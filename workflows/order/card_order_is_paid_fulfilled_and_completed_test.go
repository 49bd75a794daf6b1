package order_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// A card the gateway approves: the authorization and the capture are
// recorded under keys of the order and attempt 1, the order is fulfilled
// and completed, the buyer gets the confirmation and the PoE contacts the
// Proof of Entitlement, and the quotes are settled.
func TestApprovedCardOrderIsPaidFulfilledAndCompleted(t *testing.T) {
	h := newHarness(t, orderInput(), cardOrder(tokApproved))
	h.run()

	wantSeq(t, "writes", statuses(h.f.writes()), []string{
		"submitted[authorize]", "paid[capture]", "fulfilled", "completed",
	})
	w := h.f.writes()
	auths, caps := h.f.OK(order.ActivityAuthorize), h.f.OK(order.ActivityCapture)
	if len(auths) != 1 || len(caps) != 1 || h.f.gatewayCalls() != 2 {
		t.Fatalf("authorize %d, capture %d, gateway calls %d; want one each", len(auths), len(caps), h.f.gatewayCalls())
	}
	authKey, capKey := "order/"+ref+"/payment/1/authorize", "order/"+ref+"/payment/1/capture"
	if a := auths[0].Charge; a.Key != authKey || a.Token != tokApproved || a.Amount != total || a.Reference != ref {
		t.Fatalf("authorize = %+v", a)
	}
	if c := caps[0].Charge; c.Key != capKey || c.PaymentID != auths[0].Result.ID || c.Amount != total {
		t.Fatalf("capture = %+v (authorization %s)", c, auths[0].Result.ID)
	}
	if ev := w[0].Record.Event; ev.Key != authKey || !ev.Succeeded || ev.GatewayID != auths[0].Result.ID || ev.Attempt != 1 {
		t.Fatalf("authorize event = %+v", ev)
	}
	if w[0].Record.State.AuthorizationID != auths[0].Result.ID {
		t.Fatalf("authorization not in the state: %+v", w[0].Record.State)
	}
	if ev := w[1].Record.Event; ev.Key != capKey || !ev.Succeeded || ev.GatewayID != caps[0].Result.ID || ev.Amount != total {
		t.Fatalf("capture event = %+v", ev)
	}
	if got := w[2].Record.State.DocumentNumber; got != docNumber {
		t.Fatalf("fulfilled with document %q", got)
	}
	if len(h.f.entries("capture")) != 1 || len(h.f.entries("authorize")) != 1 {
		t.Fatalf("ledger = %+v", h.f.ledger)
	}

	wantSet(t, "notices", templates(h.f.notices()), []string{"order_confirmation→buyer", "order_poe→poe"})
	wantSet(t, "outbox keys", keys(h.f.notices()), []string{"order/" + ref + "/confirmation", "order/" + ref + "/poe"})
	for _, n := range h.f.notices() {
		if n.Notice.State.Payment.Card == nil || n.Notice.State.Payment.Card.Token != "" || n.Notice.State.DocumentNumber != docNumber {
			t.Fatalf("notice %s carries %+v", n.Notice.Key, n.Notice.State.Payment.Card)
		}
	}
	settled := h.f.OK(order.ActivitySettleQuotes)
	if len(settled) != 1 || settled[0].Settlement.Reference != ref ||
		len(settled[0].Settlement.Quotes) != 1 || settled[0].Settlement.Quotes[0] != (order.QuoteRef{Number: quoteNumber, Version: 1}) {
		t.Fatalf("settlements = %+v", settled)
	}
	wantSeq(t, "ProcessStatus", h.sa.ProcessStatuses(), []string{"submitted", "submitted", "paid", "fulfilled", "completed"})

	res := h.result()
	if res.Status != models.OrderCompleted || res.Reason != "" || res.Attempt != 1 || res.CaptureID != caps[0].Result.ID ||
		res.DocumentNumber != docNumber || res.Total != total || len(res.Failures) != 0 {
		t.Fatalf("result = %+v", res)
	}
}
