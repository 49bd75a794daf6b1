package main

import (
	"log/slog"

	"github.com/pao/pao/internal/config"
)

// warnDevSettings logs, at start of serve and worker, each development
// setting that was turned on explicitly: both are allowed, neither
// silently.
func warnDevSettings(cfg config.Config, log *slog.Logger) {
	if cfg.DevMode {
		log.Warn("PAO_DEV_MODE=true: development-only endpoints (/v1/dev/mail) are served")
	}
	if cfg.AllowDevTokenSecret && !cfg.JWKSMode() && cfg.TokenSecret == config.DevTokenSecret {
		log.Warn("PAO_ALLOW_DEV_TOKEN_SECRET=true: tokens are verified with the public built-in secret; anyone can mint one")
	}
}
