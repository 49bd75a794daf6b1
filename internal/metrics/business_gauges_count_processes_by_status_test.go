package metrics_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestBusinessGaugesCountProcessesByStatus: the business gauges count the
// rows of the read model by their fixed enums, report 0 for a status no
// row has, and carry nothing else (no email, number or name).
func TestBusinessGaugesCountProcessesByStatus(t *testing.T) {
	db := testenv.DB(t)
	exec(t, db,
		`INSERT INTO customers (id, customer_number, name) VALUES (9001, '9000001', 'Gauge Co')`,
		`INSERT INTO sites (id, site_number, customer_id, kind, name, country, currency) VALUES (9101, '9100001', 9001, 'express', 'Gauge site', 'US', 'USD')`,
		`INSERT INTO users (id, email) VALUES (9201, 'gauge-person@example.com')`,
		`INSERT INTO access_requests (id, kind, workflow_id, site_id, customer_id, requester_id, requester_email, name, company, phone, reason, status)
		 VALUES (gen_random_uuid(), 'nomination', 'nomination/9100001/9201', 9101, 9001, 9201, 'gauge-person@example.com', 'G', 'Gauge Co', '+1', 'r', 'approved'),
		        (gen_random_uuid(), 'nomination', 'nomination/9100001/9201', 9101, 9001, 9201, 'gauge-person@example.com', 'G', 'Gauge Co', '+1', 'r', 'approved'),
		        (gen_random_uuid(), 'support-access', 'support-access/9000001/9201', NULL, 9001, 9201, 'gauge-person@example.com', 'G', 'Gauge Co', '+1', 'r', 'pending')`,
		`INSERT INTO quotes (quote_number, kind, site_id, customer_id, rep_id, status, workflow_id)
		 VALUES ('Q-2026-900001', 'sales', 9101, 9001, 9201, 'requested', 'quote/Q-2026-900001')`,
		`INSERT INTO renewals (site_id, customer_id, due_date, status, workflow_id)
		 VALUES (9101, 9001, '2031-01-01', 'lapsed', 'renewal/9100001/2031-01-01')`,
		`INSERT INTO checkouts (id, site_id, user_id, currency, total_minor) VALUES (9301, 9101, 9201, 'USD', 100)`,
		`INSERT INTO orders (id, reference, site_id, customer_id, buyer_id, checkout_id, status, currency, total_minor, payment_method, billing, shipping, terms_version, workflow_id)
		 VALUES (9401, 'ORD-2026-900001', 9101, 9001, 9201, 9301, 'completed', 'USD', 100, 'card', '{}', '{}', 'v1', 'order/ORD-2026-900001')`,
		`INSERT INTO order_payments (order_id, attempt, step, idempotency_key, outcome, amount_minor, currency)
		 VALUES (9401, 1, 'authorize', 'order/ORD-2026-900001/1/authorize', 'declined', 100, 'USD'),
		        (9401, 2, 'authorize', 'order/ORD-2026-900001/2/authorize', 'succeeded', 100, 'USD'),
		        (9401, 2, 'capture', 'order/ORD-2026-900001/2/capture', 'succeeded', 100, 'USD')`,
	)

	fams := newScraper(t, db).scrape()
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"pao_access_requests", []string{"kind", "nomination", "status", "approved"}, 2},
		{"pao_access_requests", []string{"kind", "support-access", "status", "pending"}, 1},
		{"pao_access_requests", []string{"kind", "nomination", "status", "pending"}, 0},
		{"pao_quotes", []string{"kind", "sales", "status", "requested"}, 1},
		{"pao_quotes", []string{"kind", "renewal", "status", "open"}, 0},
		{"pao_renewals", []string{"status", "lapsed"}, 1},
		{"pao_renewals", []string{"status", "renewed"}, 0},
		{"pao_orders", []string{"status", "completed"}, 1},
		{"pao_orders", []string{"status", "refunded"}, 0},
		{"pao_order_payments_total", []string{"step", "authorize", "outcome", "declined"}, 1},
		{"pao_order_payments_total", []string{"step", "authorize", "outcome", "succeeded"}, 1},
		{"pao_order_payments_total", []string{"step", "capture", "outcome", "succeeded"}, 1},
	} {
		if got, ok := fams.Value(c.name, c.labels...); !ok || got != c.want {
			t.Errorf("%s%v = %v (present %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
	if n := len(fams["pao_orders"].GetMetric()); n != 8 {
		t.Errorf("pao_orders has %d series, want one per order status (8)", n)
	}
	for _, lv := range fams.LabelValues() {
		for _, secret := range []string{"@", "9000001", "9100001", "Gauge", "ORD-", "Q-2026"} {
			if strings.Contains(lv, secret) {
				t.Errorf("label %s carries %q", lv, secret)
			}
		}
	}
}
