package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/pao/pao/models"
)

// businessFamilies are the business gauges: the processes by status, read
// from the tables their workflows write at every transition. Each lists
// the label sets it always reports, from the tables' CHECK constraints.
func businessFamilies(name func(string) string) []family {
	requestStatuses := []string{string(models.StatusPending), string(models.StatusApproved), string(models.StatusRejected),
		string(models.StatusWithdrawn), string(models.StatusExpired)}
	quoteStatuses := []string{string(models.QuoteRequested), string(models.QuoteOpen), string(models.QuoteChangeRequested),
		string(models.QuoteOrdered), string(models.QuoteExpired), string(models.QuoteDeclined), string(models.QuoteCancelled)}
	renewalStatuses := []string{string(models.RenewalScheduled), string(models.RenewalVerifying), string(models.RenewalQuoted),
		string(models.RenewalAwaitingOrder), string(models.RenewalRenewed), string(models.RenewalLapsed)}
	orderStatuses := []string{string(models.OrderSubmitted), string(models.OrderPaymentDeclined), string(models.OrderAwaitingPO),
		string(models.OrderPaid), string(models.OrderFulfilled), string(models.OrderCompleted), string(models.OrderCancelled),
		string(models.OrderRefunded)}
	// order_payments.step and .outcome (migration 00011).
	paymentSteps := []string{"authorize", "capture", "void", "refund", "po_confirmed", "po_rejected"}
	paymentOutcomes := []string{"succeeded", "declined"}

	return []family{
		{
			source: "access_requests",
			desc: prometheus.NewDesc(name("access_requests"),
				"Access requests (self-nominations and support-access requests) by kind and status.",
				[]string{"kind", "status"}, nil),
			kind:  prometheus.GaugeValue,
			query: `SELECT kind, status, count(*) FROM access_requests GROUP BY 1, 2`,
			known: cross([]string{string(models.KindNomination), string(models.KindSupportAccess)}, requestStatuses),
		},
		{
			source: "quotes",
			desc: prometheus.NewDesc(name("quotes"), "Quotes (sales and renewal) by kind and status.",
				[]string{"kind", "status"}, nil),
			kind:  prometheus.GaugeValue,
			query: `SELECT kind, status, count(*) FROM quotes GROUP BY 1, 2`,
			known: cross([]string{string(models.QuoteSales), string(models.QuoteRenewal)}, quoteStatuses),
		},
		{
			source: "renewals",
			desc:   prometheus.NewDesc(name("renewals"), "Renewals (one per site and anniversary) by status.", []string{"status"}, nil),
			kind:   prometheus.GaugeValue,
			query:  `SELECT status, count(*) FROM renewals GROUP BY 1`,
			known:  single(renewalStatuses),
		},
		{
			source: "orders",
			desc:   prometheus.NewDesc(name("orders"), "Orders by status.", []string{"status"}, nil),
			kind:   prometheus.GaugeValue,
			query:  `SELECT status, count(*) FROM orders GROUP BY 1`,
			known:  single(orderStatuses),
		},
		{
			// Payment steps are never deleted: a counter, so rate() works.
			source: "order_payments",
			desc: prometheus.NewDesc(name("order_payments_total"),
				"Payment steps recorded for orders (authorize, capture, void, refund, purchase-order confirmation or rejection) by outcome.",
				[]string{"step", "outcome"}, nil),
			kind:  prometheus.CounterValue,
			query: `SELECT step, outcome, count(*) FROM order_payments GROUP BY 1, 2`,
			known: cross(paymentSteps, paymentOutcomes),
		},
	}
}

func cross(a, b []string) [][]string {
	out := make([][]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, []string{x, y})
		}
	}
	return out
}

func single(a []string) [][]string {
	out := make([][]string, 0, len(a))
	for _, x := range a {
		out = append(out, []string{x})
	}
	return out
}
