package activities

import (
	"log/slog"
	"time"

	"gorm.io/gorm"
)

// Deps are the dependencies shared by the activity structs.
type Deps struct {
	DB  *gorm.DB
	Log *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (d Deps) now() time.Time {
	if d.Now == nil {
		return time.Now().UTC()
	}
	return d.Now().UTC()
}
