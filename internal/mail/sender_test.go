package mail_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	netmail "net/mail"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

func startSink(t *testing.T) *mail.Sink {
	t.Helper()
	s := &mail.Sink{}
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func newSender(gdb *gorm.DB, sink *mail.Sink) *mail.Sender {
	return &mail.Sender{
		DB:   gdb,
		SMTP: mail.SMTPConfig{Host: "127.0.0.1", Port: sink.Port(), From: "Passport Advantage <no-reply@pao.example.com>", TLS: "none"},
		Log:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		Poll: 50 * time.Millisecond,
	}
}

func queue(t *testing.T, gdb *gorm.DB, key string, recipients ...string) models.OutboxEmail {
	t.Helper()
	r := models.OutboxEmail{
		Key: key, Notice: "request_new", Recipients: pq.StringArray(recipients),
		Subject:  "Subject of " + key,
		TextBody: "text of " + key, HTMLBody: "<p>html of " + key + "</p>",
		NextAttemptAt: time.Now().Add(-time.Minute),
	}
	if err := gdb.Create(&r).Error; err != nil {
		t.Fatalf("queue %s: %v", key, err)
	}
	return r
}

func reload(t *testing.T, gdb *gorm.DB, id int64) models.OutboxEmail {
	t.Helper()
	var r models.OutboxEmail
	if err := gdb.First(&r, id).Error; err != nil {
		t.Fatal(err)
	}
	return r
}

// byKey indexes the sink's messages by their X-PAO-Outbox-Key header.
func byKey(t *testing.T, msgs []mail.Received) map[string][]mail.Received {
	t.Helper()
	out := map[string][]mail.Received{}
	for _, m := range msgs {
		pm, err := netmail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatalf("parse received message: %v\n%s", err, m.Data)
		}
		k := pm.Header.Get("X-PAO-Outbox-Key")
		out[k] = append(out[k], m)
	}
	return out
}

func sendDue(t *testing.T, s *mail.Sender) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	n, err := s.SendDue(ctx)
	if err != nil {
		t.Fatalf("SendDue: %v", err)
	}
	return n
}

func TestSendDueDeliversOnce(t *testing.T) {
	gdb := testenv.DB(t)
	sink := startSink(t)
	snd := newSender(gdb, sink)
	rows := []models.OutboxEmail{
		queue(t, gdb, "request/abc/notify-approvers", "ann@example.com", "bob@example.com"),
		queue(t, gdb, "request/abc/remind-approvers", "ann@example.com"),
		queue(t, gdb, "request/def/expire requester", "carol@example.com"),
	}
	later := queue(t, gdb, "request/ghi/not-yet", "dave@example.com")
	if err := gdb.Model(&models.OutboxEmail{}).Where("id = ?", later.ID).
		Update("next_attempt_at", gorm.Expr("now() + interval '1 hour'")).Error; err != nil {
		t.Fatal(err)
	}

	if n := sendDue(t, snd); n != len(rows) {
		t.Errorf("SendDue sent %d, want %d", n, len(rows))
	}
	got := byKey(t, sink.Messages())
	if len(sink.Messages()) != len(rows) {
		t.Errorf("sink received %d messages, want %d", len(sink.Messages()), len(rows))
	}
	wantIDs := map[string]string{
		"request/abc/notify-approvers": "<request.abc.notify-approvers@pao.example.com>",
		"request/abc/remind-approvers": "<request.abc.remind-approvers@pao.example.com>",
		"request/def/expire requester": "<request.def.expire_requester@pao.example.com>",
	}
	for _, r := range rows {
		ms := got[r.Key]
		if len(ms) != 1 {
			t.Errorf("%s delivered %d times, want once", r.Key, len(ms))
			continue
		}
		m := ms[0]
		if to := slices.Sorted(slices.Values(m.To)); !slices.Equal(to, []string(r.Recipients)) {
			t.Errorf("%s: RCPT TO %v, want %v", r.Key, m.To, r.Recipients)
		}
		if m.Subject != r.Subject {
			t.Errorf("%s: subject %q, want %q", r.Key, m.Subject, r.Subject)
		}
		if m.MessageID != wantIDs[r.Key] {
			t.Errorf("%s: Message-ID %q, want %q", r.Key, m.MessageID, wantIDs[r.Key])
		}
		if m.From != "no-reply@pao.example.com" {
			t.Errorf("%s: MAIL FROM %q", r.Key, m.From)
		}
		pm, err := netmail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		hdrTo, err := pm.Header.AddressList("To")
		if err != nil {
			t.Errorf("%s: To header: %v", r.Key, err)
		}
		var addrs []string
		for _, a := range hdrTo {
			addrs = append(addrs, a.Address)
		}
		slices.Sort(addrs)
		if !slices.Equal(addrs, []string(r.Recipients)) {
			t.Errorf("%s: To header %v, want %v", r.Key, addrs, r.Recipients)
		}
		data := string(m.Data)
		if !strings.Contains(data, r.TextBody) || !strings.Contains(data, r.HTMLBody) {
			t.Errorf("%s: message lacks the text or html body:\n%s", r.Key, data)
		}
		row := reload(t, gdb, r.ID)
		if row.SentAt == nil || row.Attempts != 1 || row.LastError != "" {
			t.Errorf("%s after delivery: sent_at %v, attempts %d, last_error %q", r.Key, row.SentAt, row.Attempts, row.LastError)
		}
	}
	if _, ok := got[later.Key]; ok {
		t.Errorf("%s delivered before it was due", later.Key)
	}
	if row := reload(t, gdb, later.ID); row.SentAt != nil || row.Attempts != 0 {
		t.Errorf("not-yet-due row touched: %+v", row)
	}

	// Nothing is due any more: a second pass sends nothing.
	if n := sendDue(t, snd); n != 0 {
		t.Errorf("second SendDue sent %d, want 0", n)
	}
	if n := len(sink.Messages()); n != len(rows) {
		t.Errorf("sink has %d messages after the second pass, want %d", n, len(rows))
	}
}

func TestSendDueOutageRetries(t *testing.T) {
	gdb := testenv.DB(t)
	sink := startSink(t)
	snd := newSender(gdb, sink)
	r := queue(t, gdb, "request/xyz/notify-approvers", "ann@example.com")

	sink.SetDown(true)
	failedAt := time.Now()
	if n := sendDue(t, snd); n != 0 {
		t.Errorf("SendDue during an outage sent %d", n)
	}
	if n := len(sink.Messages()); n != 0 {
		t.Errorf("sink received %d messages while down", n)
	}
	row := reload(t, gdb, r.ID)
	if row.SentAt != nil {
		t.Error("row marked sent during an outage")
	}
	if row.Attempts != 1 {
		t.Errorf("attempts = %d, want 1", row.Attempts)
	}
	if !strings.Contains(row.LastError, "421") {
		t.Errorf("last_error %q does not carry the server's 421", row.LastError)
	}
	if !row.NextAttemptAt.After(time.Now().Add(-time.Second)) {
		t.Errorf("next_attempt_at %v not moved forward", row.NextAttemptAt)
	}
	// Backed off (1s after the first failure): an immediate second pass
	// does not retry. Only asserted when the pass really was immediate.
	n := sendDue(t, snd)
	if time.Since(failedAt) < 800*time.Millisecond {
		if n != 0 {
			t.Errorf("SendDue right after a failure sent %d", n)
		}
		if row := reload(t, gdb, r.ID); row.Attempts != 1 {
			t.Errorf("attempts = %d after a pass within the backoff, want 1", row.Attempts)
		}
	} else {
		t.Log("second pass too late to check the backoff")
	}
	if got := reload(t, gdb, r.ID); got.SentAt == nil {
		// Still down: a retry (if any) failed again, so only the last
		// error moves on.
		if got.LastError == "" {
			t.Error("last_error cleared while down")
		}
	} else {
		t.Fatal("row marked sent while the sink was down")
	}

	sink.SetDown(false)
	if err := gdb.Model(&models.OutboxEmail{}).Where("id = ?", r.ID).
		Update("next_attempt_at", gorm.Expr("now() - interval '1 second'")).Error; err != nil {
		t.Fatal(err)
	}
	if n := sendDue(t, snd); n != 1 {
		t.Errorf("SendDue after the outage sent %d, want 1", n)
	}
	if n := sendDue(t, snd); n != 0 {
		t.Errorf("SendDue after delivery sent %d, want 0", n)
	}
	got := byKey(t, sink.Messages())
	if len(got[r.Key]) != 1 || len(sink.Messages()) != 1 {
		t.Errorf("delivered %d times (%d messages), want exactly once", len(got[r.Key]), len(sink.Messages()))
	}
	row = reload(t, gdb, r.ID)
	if row.SentAt == nil || row.Attempts < 2 || row.LastError != "" {
		t.Errorf("after delivery: sent_at %v, attempts %d, last_error %q", row.SentAt, row.Attempts, row.LastError)
	}
}

// TestSendDueConcurrentSenders: several senders polling the same outbox
// deliver every row exactly once.
func TestSendDueConcurrentSenders(t *testing.T) {
	gdb := testenv.DB(t)
	sink := startSink(t)
	const rows = 12
	for i := range rows {
		queue(t, gdb, fmt.Sprintf("bulk/%02d", i), fmt.Sprintf("u%d@example.com", i))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := newSender(gdb, sink)
			s.Batch = 3
			for range 10 {
				n, err := s.SendDue(context.Background())
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				total += n
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("SendDue: %v", err)
	}
	if total != rows {
		t.Errorf("senders report %d sent, want %d", total, rows)
	}
	got := byKey(t, sink.Messages())
	for i := range rows {
		k := fmt.Sprintf("bulk/%02d", i)
		if len(got[k]) != 1 {
			t.Errorf("%s delivered %d times, want once", k, len(got[k]))
		}
	}
}

// TestSendDueHeaderInjection: a subject carrying CR LF (from a requester
// name) does not add headers or recipients.
func TestSendDueHeaderInjection(t *testing.T) {
	gdb := testenv.DB(t)
	sink := startSink(t)
	r := queue(t, gdb, "request/inj/notify", "ann@example.com")
	if err := gdb.Model(&models.OutboxEmail{}).Where("id = ?", r.ID).
		Update("subject", "Access request from Eve\r\nBcc: mallory@example.com\r\nX-Evil: 1").Error; err != nil {
		t.Fatal(err)
	}
	if n := sendDue(t, newSender(gdb, sink)); n != 1 {
		t.Fatalf("sent %d, want 1", n)
	}
	m := sink.Messages()[0]
	if !slices.Equal(m.To, []string{"ann@example.com"}) {
		t.Errorf("RCPT TO %v", m.To)
	}
	pm, err := netmail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatal(err)
	}
	if pm.Header.Get("Bcc") != "" || pm.Header.Get("X-Evil") != "" {
		t.Errorf("injected headers present:\n%s", m.Data)
	}
}

// TestSenderRunStopsWithContext: Run delivers due rows and returns nil when
// its context ends.
func TestSenderRunStopsWithContext(t *testing.T) {
	gdb := testenv.DB(t)
	sink := startSink(t)
	queue(t, gdb, "run/1", "ann@example.com")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- newSender(gdb, sink).Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for len(sink.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop")
	}
	if n := len(sink.Messages()); n != 1 {
		t.Errorf("Run delivered %d messages, want 1", n)
	}
}

// TestSendDueGivesUpAfterMaxAttempts: a message that keeps failing stops
// being retried, stays unsent and says why.
func TestSendDueGivesUpAfterMaxAttempts(t *testing.T) {
	gdb := testenv.DB(t)
	sink := startSink(t)
	s := newSender(gdb, sink)
	row := queue(t, gdb, "wf/run/give-up", "someone@example.com")
	if err := gdb.Exec("UPDATE outbox SET attempts = 24 WHERE id = ?", row.ID).Error; err != nil {
		t.Fatal(err)
	}
	sink.SetDown(true)
	if n := sendDue(t, s); n != 0 {
		t.Fatalf("sent %d while down", n)
	}
	got := reload(t, gdb, row.ID)
	var infinite bool
	if err := gdb.Raw("SELECT next_attempt_at >= '9999-01-01' FROM outbox WHERE id = ?", row.ID).Scan(&infinite).Error; err != nil {
		t.Fatal(err)
	}
	if got.SentAt != nil || got.Attempts != 25 || !infinite || !strings.HasPrefix(got.LastError, "gave up after 25 attempts") {
		t.Fatalf("row = %+v infinite=%v", got, infinite)
	}
	sink.SetDown(false)
	if n := sendDue(t, s); n != 0 || len(sink.Messages()) != 0 {
		t.Fatal("a given-up message was sent")
	}
}
