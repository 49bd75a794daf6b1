package metrics_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"testing"
	"time"

	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/internal/testenv"
)

// TestOutboxGaugesCountEachStateAndTheOldestUnsent: the outbox gauges
// count the emails queued, retrying, given up (by the real sender, after
// its last attempt) and sent, and the age of the oldest email still to be
// sent — the given-up one, though older, is not it.
func TestOutboxGaugesCountEachStateAndTheOldestUnsent(t *testing.T) {
	db := testenv.DB(t)
	const insert = `INSERT INTO outbox (key, notice, recipients, subject, text_body, html_body`
	// One last attempt due, to an SMTP server that is not there.
	exec(t, db, insert+`, attempts, created_at) VALUES ('t/given-up', 'test', '{a@example.com}', 's', 't', 'h', 25, now() - interval '3 hours')`)
	port, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	sender := &mail.Sender{DB: db, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Poll: time.Second,
		SMTP: mail.SMTPConfig{Host: "127.0.0.1", Port: port, From: "pao <no-reply@example.com>", TLS: "none"}}
	if _, err := sender.SendDue(context.Background()); err != nil {
		t.Fatalf("send due: %v", err)
	}
	exec(t, db,
		insert+`, created_at) VALUES ('t/queued-1', 'test', '{a@example.com}', 's', 't', 'h', now() - interval '1 hour')`,
		insert+`) VALUES ('t/queued-2', 'test', '{a@example.com}', 's', 't', 'h')`,
		insert+`, attempts, last_error, next_attempt_at) VALUES ('t/retrying', 'test', '{a@example.com}', 's', 't', 'h', 2, 'connection refused', now() + interval '1 minute')`,
		insert+`, sent_at) VALUES ('t/sent', 'test', '{a@example.com}', 's', 't', 'h', now())`,
	)

	fams := newScraper(t, db).scrape()
	for state, want := range map[string]float64{"queued": 2, "retrying": 1, "failed": 1, "sent": 1} {
		if got, ok := fams.Value("pao_outbox_messages", "state", state); !ok || got != want {
			t.Errorf(`pao_outbox_messages{state=%q} = %v (present %v), want %v`, state, got, ok, want)
		}
	}
	age, _ := fams.Value("pao_outbox_oldest_unsent_age_seconds")
	if math.Abs(age-3600) > 60 {
		t.Errorf("oldest unsent age = %v s, want about 3600 (the queued hour-old email, not the given-up one)", age)
	}
	if ok, _ := fams.Value("pao_read_model_scrape_ok", "source", "outbox"); ok != 1 {
		t.Errorf(`pao_read_model_scrape_ok{source="outbox"} = %v`, ok)
	}
}
