package activities

import (
	"log/slog"
	"time"

	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/payment"
)

// Deps are the dependencies shared by the activity structs.
type Deps struct {
	DB  *gorm.DB
	Log *slog.Logger
	// Temporal is the worker's client, for activities that ask Temporal
	// about other workflows (the reconciler); nil where none is needed.
	Temporal client.Client
	// TaskQueue is the worker's task queue, where activities that start
	// workflows (renewal discovery) start them; empty where none is needed.
	TaskQueue string
	// Gateway is the payment processor (order payments); nil where none
	// is needed.
	Gateway payment.Gateway
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (d Deps) now() time.Time {
	if d.Now == nil {
		return time.Now().UTC()
	}
	return d.Now().UTC()
}
