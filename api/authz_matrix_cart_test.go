package api_test

import "net/http"

// The cart routes in the authorization matrix (issue 9 item 5): the cart
// needs Software & services at full on the site (the matrix tries
// everybody below it and everybody without access); the right user's
// steps leave her cart as they found it.
func init() {
	paramValues["line"] = []string{"1", "Q-2026-000001:D0R4ZLL"}
	validBodies["POST /v1/sites/:site/cart/items"] = func(map[string]string) any {
		return map[string]any{"part_number": "D0R4ZLL", "quantity": 1}
	}
	validBodies["PATCH /v1/sites/:site/cart/items/:line"] = func(map[string]string) any {
		return map[string]any{"quantity": 2}
	}
	validBodies["POST /v1/sites/:site/cart/quotes"] = func(map[string]string) any {
		return map[string]any{"quote_number": "Q-2026-000001"}
	}
	c := acmeSite + "/cart"
	for k, s := range map[string][]step{
		"GET /v1/sites/:site/cart":                    {{"GET", c, nil, http.StatusOK}},
		"GET /v1/sites/:site/cart/checkout-readiness": {{"GET", c + "/checkout-readiness", nil, http.StatusOK}},
		"POST /v1/sites/:site/cart/items": {
			{"POST", c + "/items", map[string]any{"part_number": "D0R4ZLL", "quantity": 1}, http.StatusCreated},
			{"POST", c + "/items", map[string]any{"part_number": "NOPE99", "quantity": 1}, http.StatusBadRequest},
			{"DELETE", c, nil, http.StatusOK},
		},
		// The line ids are the world's: the right user is let through to
		// the validation of her input.
		"PATCH /v1/sites/:site/cart/items/:line": {{"PATCH", c + "/items/1", map[string]any{"quantity": 0}, http.StatusBadRequest}},
		"DELETE /v1/sites/:site/cart/items/:line": {
			{"DELETE", c + "/items/1", map[string]any{"unexpected": true}, http.StatusBadRequest},
		},
		"DELETE /v1/sites/:site/cart": {{"DELETE", c, nil, http.StatusOK}},
		"POST /v1/sites/:site/cart/quotes": {
			{"POST", c + "/quotes", map[string]any{"quote_number": ""}, http.StatusBadRequest},
		},
	} {
		moreRightUserSteps[k] = func() []step { return s }
	}
}
