// Package devmail serves development-only, read-only views: the emails the
// outbox queued for the caller (mounted only in dev mode).
package devmail

import (
	"gorm.io/gorm"

	"github.com/pao/pao/api"
)

// Handlers are the dev routes with what they use.
type Handlers struct {
	DB *gorm.DB
}

// Routes declares the dev routes.
func (h *Handlers) Routes(r *api.Router) {
	r.Handle("GET", "/dev/mail", api.SignedIn(), h.devMail)
}
