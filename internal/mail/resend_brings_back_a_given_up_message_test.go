package mail_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// TestResendBringsBackAGivenUpMessage: a message the sender gave up on
// (its last attempt failed) is listed as undelivered, Resend with no key
// makes it due again with a fresh attempt count, and the sender then
// delivers it once; a sent message is never resent.
func TestResendBringsBackAGivenUpMessage(t *testing.T) {
	gdb := testenv.DB(t)
	ctx := context.Background()
	r := queue(t, gdb, "order/PAO-RESEND/confirmation", "buyer@example.com")
	if err := gdb.Model(&models.OutboxEmail{}).Where("id = ?", r.ID).Update("attempts", 25).Error; err != nil {
		t.Fatal(err)
	}
	sink := startSink(t)
	sink.SetDown(true) // this attempt fails, and it is the last
	if n, err := newSender(gdb, sink).SendDue(ctx); err != nil || n != 0 {
		t.Fatalf("SendDue with SMTP down = %d, %v", n, err)
	}
	if got := reload(t, gdb, r.ID); got.SentAt != nil || !strings.Contains(got.LastError, "gave up") || got.NextAttemptAt.Year() != 9999 {
		t.Fatalf("after the last attempt: sent %v, error %q, next %v; want given up", got.SentAt, got.LastError, got.NextAttemptAt)
	}
	list, err := mail.Undelivered(ctx, gdb, 10)
	if err != nil || len(list) != 1 || list[0].Key != r.Key {
		t.Fatalf("Undelivered = %v, %v; want the given-up message", list, err)
	}

	n, err := mail.Resend(ctx, gdb, time.Now())
	if err != nil || n != 1 {
		t.Fatalf("Resend(given up) = %d, %v; want 1", n, err)
	}
	if got := reload(t, gdb, r.ID); got.Attempts != 0 || got.NextAttemptAt.After(time.Now()) {
		t.Fatalf("after Resend: attempts %d, next %v; want 0 and due now", got.Attempts, got.NextAttemptAt)
	}
	sink.SetDown(false)
	if n, err := newSender(gdb, sink).SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("SendDue after Resend = %d, %v; want 1", n, err)
	}
	if got := len(sink.Messages()); got != 1 {
		t.Fatalf("the sink received %d messages, want 1", got)
	}

	if n, err := mail.Resend(ctx, gdb, time.Now(), r.Key); !errors.Is(err, mail.ErrAlreadySent) || n != 0 {
		t.Fatalf("Resend of a sent message = %d, %v; want ErrAlreadySent", n, err)
	}
	if n, err := mail.Resend(ctx, gdb, time.Now()); err != nil || n != 0 {
		t.Fatalf("Resend with nothing given up = %d, %v; want 0", n, err)
	}
}
