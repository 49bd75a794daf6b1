package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pao/pao/api"
	cartapi "github.com/pao/pao/api/cart"
	checkoutapi "github.com/pao/pao/api/checkout"
	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
)

// lockedBuffer is a log sink the server's goroutines share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// leakyGateway is the sandbox, except for three card numbers whose
// answers quote the card as carelessly as a processor might: a decline
// whose reason names the number, an outage and an unexpected error whose
// texts carry the number and the code.
type leakyGateway struct {
	payment.Gateway
	decline, outage, broken string
}

func (g leakyGateway) Tokenize(ctx context.Context, c payment.Card) (payment.Token, error) {
	switch strings.ReplaceAll(c.Number, " ", "") {
	case g.decline:
		return payment.Token{}, &payment.Declined{Code: payment.DeclineGeneric, Reason: "card " + c.Number + " (code " + c.CVC + ") was declined"}
	case g.outage:
		return payment.Token{}, fmt.Errorf("%w: timeout charging %s/%s", payment.ErrUnavailable, c.Number, c.CVC)
	case g.broken:
		return payment.Token{}, fmt.Errorf("processor exploded on number=%s cvc=%s", c.Number, c.CVC)
	}
	return g.Gateway.Tokenize(ctx, c)
}

// luhnComplete appends the Luhn check digit to digits.
func luhnComplete(digits string) string {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return digits + string(rune('0'+(10-sum%10)%10))
}

var uuidLike = regexp.MustCompile(`[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|tok_[0-9a-f]+`)

// dumpEverything is the text of every row of every table of every schema
// (the public one and the sandbox processor's), with UUIDs and token ids
// removed (random hex in which any digits can occur).
func dumpEverything(t *testing.T, a *testenv.App) string {
	t.Helper()
	var tables []struct{ Schema, Name string }
	if err := a.Runtime.DB.Raw(`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
		WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`).
		Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	if len(tables) < 20 {
		t.Fatalf("only %d tables", len(tables))
	}
	var b strings.Builder
	for _, tb := range tables {
		var text string
		q := fmt.Sprintf(`SELECT coalesce(string_agg(row_to_json(t)::text, E'\n'), '') FROM %q.%q t`, tb.Schema, tb.Name)
		if err := a.Runtime.DB.Raw(q).Scan(&text).Error; err != nil {
			t.Fatalf("dump %s.%s: %v", tb.Schema, tb.Name, err)
		}
		b.WriteString(tb.Schema + "." + tb.Name + "\n" + text + "\n")
	}
	return uuidLike.ReplaceAllString(b.String(), "<id>")
}

// holdsCode reports the security code as a token of its own in text (not
// inside a longer number or word).
func holdsCode(text, code string) bool {
	return regexp.MustCompile(`(^|[^0-9A-Za-z])` + code + `([^0-9A-Za-z]|$)`).MatchString(uuidLike.ReplaceAllString(text, "<id>"))
}

// TestCheckoutCardDataNeverLandsAnywhere (G4): cards sent to PUT
// /v1/checkouts/:checkout/payment — approved, refused by the card rules,
// sent with the number as a JSON number, declined by the processor with a
// reason quoting the card, failing with an outage or an unexpected error
// whose texts quote the number and the code — leave neither a number nor
// the security code in any row of any table (row_to_json of every table
// of every schema), in any line of the server's log (the access log at
// debug level, the errors it records), or in any answer. Only the last
// four digits of the approved card are kept.
func TestCheckoutCardDataNeverLandsAnywhere(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	logs := &lockedBuffer{}
	g := leakyGateway{Gateway: a.Runtime.Gateway, decline: "371449635398431", outage: "378734493671000",
		broken: luhnComplete("34343434343434")}
	if a.Runtime.Gateway == nil {
		t.Fatal("the runtime has no payment gateway")
	}
	srv := api.New(api.Config{DB: a.Runtime.DB, Temporal: a.Runtime.Temporal, Tokens: a.Runtime.Tokens,
		Log:       slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		TaskQueue: a.Runtime.Cfg.TaskQueue, MaxBodyBytes: a.Runtime.Cfg.MaxBodyBytes},
		&cartapi.Handlers{DB: a.Runtime.DB, Temporal: a.Runtime.Temporal}, &checkoutapi.Handlers{DB: a.Runtime.DB, Gateway: g})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	tok := a.Token(alice)
	do := func(method, path string, body any) (int, string) {
		t.Helper()
		var rd io.Reader
		if body != nil {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		}
		req, _ := http.NewRequest(method, ts.URL+path, rd)
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(out)
	}

	// A security code that is nowhere yet (as a token of its own).
	before := dumpEverything(t, a)
	code := ""
	for _, c := range []string{"7391", "8264", "5917", "6483", "9052", "4718"} {
		if !holdsCode(before, c) {
			code = c
			break
		}
	}
	if code == "" {
		t.Fatal("every candidate security code is in the database already")
	}

	if s, b := do("POST", acmeSite+"/cart/items", map[string]any{"part_number": "D0R4ZLL", "quantity": 1}); s != http.StatusCreated {
		t.Fatalf("cart: %d %s", s, b)
	}
	s, b := do("POST", acmeSite+"/checkouts", nil)
	var co struct{ ID int64 }
	if err := json.Unmarshal([]byte(b), &co); s != http.StatusCreated || err != nil {
		t.Fatalf("checkout: %d %s", s, b)
	}
	if s, b := do("PUT", checkoutPath(co.ID, "/details"), details(party())); s != http.StatusOK {
		t.Fatalf("details: %d %s", s, b)
	}

	approved := "378282246310005"
	numbers := []string{approved, g.decline, g.outage, g.broken, "378282246310006"}
	card := func(number any) map[string]any {
		return map[string]any{"method": "card", "card": map[string]any{"number": number, "exp_month": 11, "exp_year": 2031, "cvc": code}}
	}
	var answers []string
	for _, tc := range []struct {
		number any
		want   int
	}{
		{"378282246310006", http.StatusBadRequest}, // Luhn
		{378282246310005, http.StatusBadRequest},   // a JSON number
		{g.decline, http.StatusUnprocessableEntity},
		{g.outage, http.StatusServiceUnavailable},
		{g.broken[:4] + " " + g.broken[4:10] + " " + g.broken[10:], http.StatusInternalServerError},
		{"3782 822463 10005", http.StatusOK},
	} {
		s, b := do("PUT", checkoutPath(co.ID, "/payment"), card(tc.number))
		if s != tc.want {
			t.Errorf("card %v = %d, want %d: %s", tc.number, s, tc.want, b)
		}
		if tc.want == http.StatusUnprocessableEntity && !strings.Contains(b, `"field":"card"`) {
			t.Errorf("a decline does not name card: %s", b)
		}
		answers = append(answers, b)
	}
	if !strings.Contains(answers[len(answers)-1], `"last4":"0005"`) {
		t.Errorf("the approved card: %s", answers[len(answers)-1])
	}

	after := dumpEverything(t, a)
	logText := logs.String()
	for _, n := range numbers {
		for _, form := range []string{n, n[:4] + " " + n[4:10] + " " + n[10:]} {
			if strings.Contains(after, form) {
				t.Errorf("the database holds card number %s", form)
			}
			if strings.Contains(logText, form) {
				t.Errorf("the log holds card number %s", form)
			}
			for _, ans := range answers {
				if strings.Contains(ans, form) {
					t.Errorf("an answer holds card number %s: %s", form, ans)
				}
			}
		}
	}
	if holdsCode(after, code) {
		t.Errorf("the database holds the security code %s", code)
	}
	if holdsCode(logText, code) {
		t.Errorf("the log holds the security code %s", code)
	}
	for _, ans := range answers {
		if holdsCode(ans, code) {
			t.Errorf("an answer holds the security code: %s", ans)
		}
	}
	// The log did record the requests and the unexpected error (scrubbed).
	if !strings.Contains(logText, `"route":"/v1/checkouts/:checkout/payment"`) || !strings.Contains(logText, "processor exploded on number=[redacted]") {
		t.Errorf("the log does not show the payment requests and the scrubbed error:\n%s", logText)
	}
	if !strings.Contains(after, `"card_last4":"0005"`) {
		t.Error("the approved card's last four digits are not kept")
	}
}
