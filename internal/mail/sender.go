package mail

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// SMTPConfig is where and how to deliver.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
	TLS      string // none, starttls, tls
}

// Sender delivers outbox rows over SMTP (H3). Rows are claimed with
// FOR UPDATE SKIP LOCKED and a lease, so several senders never deliver the
// same row; a failed delivery is retried later with backoff, so an outage
// loses nothing.
// Each message's Message-ID derives from its outbox key, so a receiver can
// recognise the rare redelivery after a crash between send and mark.
type Sender struct {
	DB    *gorm.DB
	SMTP  SMTPConfig
	Log   *slog.Logger
	Poll  time.Duration
	Batch int
}

// Run delivers due rows every Poll until ctx is done.
func (s *Sender) Run(ctx context.Context) error {
	t := time.NewTicker(s.Poll)
	defer t.Stop()
	for {
		if _, err := s.SendDue(ctx); err != nil && ctx.Err() == nil {
			s.Log.Warn("outbox delivery", "error", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// SendDue delivers the rows that are due and returns how many were sent.
// Rows are claimed in a short transaction that leases them (pushes their
// next attempt out by the lease), then each is sent outside any transaction
// and marked on its own: a failure or crash re-sends at most the one message
// that was in flight, and a crashed sender's claims come back after the
// lease.
func (s *Sender) SendDue(ctx context.Context) (int, error) {
	var rows []models.OutboxEmail
	err := s.DB.WithContext(ctx).Raw(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + ?::interval
		WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
		             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
		RETURNING *`, interval(leaseFor), s.batch()).Scan(&rows).Error
	if err != nil {
		return 0, fmt.Errorf("claim outbox rows: %w", err)
	}
	if len(rows) == 0 {
		return 0, nil
	}
	c, err := s.client()
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, r := range rows {
		msg, err := s.message(r)
		if err == nil {
			err = c.DialAndSendWithContext(ctx, msg)
		}
		if err != nil {
			if ferr := s.markFailed(ctx, r, err); ferr != nil {
				return sent, ferr
			}
			continue
		}
		if err := s.DB.WithContext(ctx).Model(&models.OutboxEmail{}).Where("id = ?", r.ID).
			Updates(map[string]any{"sent_at": gorm.Expr("now()"), "last_error": ""}).Error; err != nil {
			return sent, fmt.Errorf("mark sent: %w", err)
		}
		sent++
	}
	return sent, nil
}

// Delivery limits: the lease a claim holds, and the attempts after which a
// message is given up (left unsent with its last error, for an operator).
const (
	leaseFor    = 2 * time.Minute
	maxAttempts = 25
)

func interval(d time.Duration) string { return fmt.Sprintf("%d milliseconds", d.Milliseconds()) }

func (s *Sender) markFailed(ctx context.Context, r models.OutboxEmail, cause error) error {
	next := gorm.Expr("now() + ?::interval", interval(min(time.Duration(1<<min(r.Attempts, 10))*time.Second, 10*time.Minute)))
	msg := truncate(cause.Error(), 500)
	if r.Attempts >= maxAttempts {
		next = gorm.Expr("'9999-12-31'::timestamptz") // never again (infinity would not scan into time.Time)
		msg = fmt.Sprintf("gave up after %d attempts: %s", r.Attempts, msg)
	}
	if err := s.DB.WithContext(ctx).Model(&models.OutboxEmail{}).Where("id = ?", r.ID).
		Updates(map[string]any{"last_error": msg, "next_attempt_at": next}).Error; err != nil {
		return fmt.Errorf("record failed delivery: %w", err)
	}
	s.Log.Warn("email delivery failed", "key", r.Key, "attempt", r.Attempts, "error", cause)
	return nil
}

func (s *Sender) batch() int {
	if s.Batch <= 0 {
		return 20
	}
	return s.Batch
}

func (s *Sender) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.SMTP.Port), gomail.WithTimeout(10 * time.Second)}
	switch s.SMTP.TLS {
	case "tls":
		opts = append(opts, gomail.WithSSL())
	case "starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.SMTP.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(s.SMTP.Username), gomail.WithPassword(s.SMTP.Password))
	}
	c, err := gomail.NewClient(s.SMTP.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp client: %w", err)
	}
	return c, nil
}

func (s *Sender) message(r models.OutboxEmail) (*gomail.Msg, error) {
	m := gomail.NewMsg()
	if err := m.From(s.SMTP.From); err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	if err := m.To(r.Recipients...); err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	m.Subject(r.Subject)
	m.SetMessageIDWithValue(messageID(r.Key))
	m.SetGenHeader("X-PAO-Outbox-Key", r.Key)
	m.SetBodyString(gomail.TypeTextPlain, r.TextBody)
	m.AddAlternativeString(gomail.TypeTextHTML, r.HTMLBody)
	return m, nil
}

func messageID(key string) string {
	r := strings.NewReplacer("/", ".", "@", "=", " ", "_")
	return r.Replace(key) + "@pao.example.com"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
