package devmail

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// GET /v1/dev/mail (dev mode only): the emails addressed to the caller, as
// queued in the outbox, with their delivery state. Read-only.
func (h *Handlers) devMail(c *gin.Context) error {
	var rows []models.OutboxEmail
	if err := h.DB.WithContext(c).Where("? = ANY(recipients)", api.Caller(c).Email).
		Order("id DESC").Limit(100).Find(&rows).Error; err != nil {
		return fmt.Errorf("list mail: %w", err)
	}
	type mailView struct {
		To        []string   `json:"to"`
		Subject   string     `json:"subject"`
		Text      string     `json:"text"`
		Notice    string     `json:"notice"`
		QueuedAt  time.Time  `json:"queued_at"`
		SentAt    *time.Time `json:"sent_at"`
		Attempts  int        `json:"attempts"`
		LastError string     `json:"last_error,omitempty"`
	}
	out := make([]mailView, 0, len(rows))
	for _, r := range rows {
		out = append(out, mailView{To: r.Recipients, Subject: r.Subject, Text: r.TextBody, Notice: r.Notice,
			QueuedAt: r.CreatedAt, SentAt: r.SentAt, Attempts: r.Attempts, LastError: r.LastError})
	}
	c.JSON(http.StatusOK, gin.H{"mail": out})
	return nil
}
