package api_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// The order and document routes in the strange-input tests (issue 10):
// the world's :ref is an order of 300001 whose card was declined (so a
// payment body is read, not refused for the order's status) and :id the
// Proof of Entitlement of a completed one (read-model rows, as the order
// workflow leaves them); paying again finds no running process (409). An
// order submission always carries an Idempotency-Key, so what is refused
// is the strange input; its valid body names a checkout that does not
// exist (a business refusal, 409). A decision on the fixture order finds
// no running process (409).
func init() {
	baseBodies["POST /v1/sites/:site/orders"] = func() jnode { return jobj("checkout_id", jraw(orderStrangeCheckout)) }
	baseBodies["POST /v1/orders/:ref/payment"] = func() jnode {
		return jobj("method", "purchase_order", "purchase_order", jobj("number", "PO-4500012345", "reference", "Austin lab"))
	}
	baseBodies["POST /v1/staff/orders/:ref/purchase-order/confirm"] = func() jnode { return jobj("reason", "PO 4500012345 checked") }
	baseBodies["POST /v1/staff/orders/:ref/purchase-order/reject"] = func() jnode { return jobj("reason", "no such PO on file") }
	queryReaders["GET /v1/sites/:site/orders"] = []string{"limit"}
	queryReaders["GET /v1/sites/:site/documents"] = []string{"limit"}
	queryReaders["GET /v1/staff/orders"] = []string{"status", "limit"}
	queryValid["GET /v1/staff/orders"] = map[string]string{"status": string(models.OrderAwaitingPO)}

	strangeHeaders = append(strangeHeaders, func(method, path string) map[string]string {
		if method == "POST" && strings.HasPrefix(path, "/v1/sites/") && strings.HasSuffix(path, "/orders") {
			return map[string]string{"Idempotency-Key": "strange-input-probe"}
		}
		return nil
	})

	moreStrangeFixtures = append(moreStrangeFixtures, func(t *testing.T, w *strangeWorld) {
		t.Helper()
		ref, _ := orderFixture(t, w.a.Runtime.DB, "300001", models.OrderPaymentDeclined)
		_, doc := orderFixture(t, w.a.Runtime.DB, "300001", models.OrderCompleted)
		w.more["ref"] = ref
		w.more["id"] = strconv.FormatInt(doc, 10)
	})
}

// orderStrangeCheckout is the checkout the strange world's valid order
// submission names: none has this id, so the order's process refuses it,
// not the validation of the request.
const orderStrangeCheckout = "987654321"
