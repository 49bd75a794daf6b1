package models

// stepReasons say each missing checkout step as a reason an order cannot
// be placed.
var stepReasons = map[string]string{
	StepDetails: "the billing and shipping details are missing",
	StepTerms:   "the current terms and conditions are not accepted",
	StepPayment: "no payment method offered for the billing country is chosen",
	StepQuotes:  "a quote of the checkout was revised, expired or closed since it started: start a new checkout",
}

// CheckoutNotReadyReasons says each missing checkout step (internal/checkout
// Snapshot's codes) as a reason, in order; an unknown code as itself.
func CheckoutNotReadyReasons(steps []string) []string {
	out := make([]string, 0, len(steps))
	for _, s := range steps {
		if w, ok := stepReasons[s]; ok {
			out = append(out, w)
		} else {
			out = append(out, s)
		}
	}
	return out
}
