package activities

import (
	"context"

	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
)

// email is one notice to queue: its outbox key, template, site (0: none),
// the recipients with the rule that chose each, and the template's data.
type email struct {
	Key, Template string
	SiteID        int64
	To            []models.Recipient
	Data          any
}

// queue renders e and queues it in the outbox under its key, once: a
// retried activity finds the row already there. Nobody to send to, a
// template that does not render and a row PostgreSQL refuses are
// non-retryable; an outage is retried.
func (d Deps) queue(ctx context.Context, e email) error {
	if len(e.To) == 0 {
		return temporal.NewNonRetryableApplicationError("no recipients for "+e.Template, policy.ErrNoRecipients, nil)
	}
	msg, err := mail.Render(e.Template, e.Data)
	if err != nil {
		return temporal.NewNonRetryableApplicationError("render "+e.Template, policy.ErrTemplate, err)
	}
	row := models.OutboxEmail{
		Key: e.Key, Notice: e.Template, SiteID: siteRef(e.SiteID),
		Subject: msg.Subject, TextBody: msg.Text, HTMLBody: msg.HTML, NextAttemptAt: d.now(),
	}
	if err := row.SetRecipients(e.To); err != nil {
		return temporal.NewNonRetryableApplicationError("queue email "+e.Key, policy.ErrInvalidInput, err)
	}
	if err := d.DB.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).Create(&row).Error; err != nil {
		return classify("queue email "+e.Key, err)
	}
	return nil
}
