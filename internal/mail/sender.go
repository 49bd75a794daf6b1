package mail

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

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
// FOR UPDATE SKIP LOCKED, so several senders never deliver the same row; a
// failed delivery is retried later with backoff, so an outage loses nothing.
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
func (s *Sender) SendDue(ctx context.Context) (int, error) {
	sent := 0
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []models.OutboxEmail
		err := tx.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).
			Where("sent_at IS NULL AND next_attempt_at <= now()").Order("id").Limit(s.batch()).Find(&rows).Error
		if err != nil {
			return fmt.Errorf("claim outbox rows: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		c, err := s.client()
		if err != nil {
			return err
		}
		for _, r := range rows {
			msg, err := s.message(r)
			if err == nil {
				err = c.DialAndSendWithContext(ctx, msg)
			}
			if err != nil {
				backoff := min(time.Duration(1<<min(r.Attempts, 10))*time.Second, 10*time.Minute)
				if uerr := tx.Model(&models.OutboxEmail{}).Where("id = ?", r.ID).Updates(map[string]any{
					"attempts": r.Attempts + 1, "last_error": truncate(err.Error(), 500),
					"next_attempt_at": gorm.Expr("now() + ?::interval", fmt.Sprintf("%d milliseconds", backoff.Milliseconds())),
				}).Error; uerr != nil {
					return fmt.Errorf("record failed delivery: %w", uerr)
				}
				s.Log.Warn("email delivery failed, will retry", "key", r.Key, "attempt", r.Attempts+1, "error", err)
				continue
			}
			if err := tx.Model(&models.OutboxEmail{}).Where("id = ?", r.ID).
				Updates(map[string]any{"sent_at": gorm.Expr("now()"), "attempts": r.Attempts + 1, "last_error": ""}).Error; err != nil {
				return fmt.Errorf("mark sent: %w", err)
			}
			sent++
		}
		return nil
	})
	return sent, err
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
