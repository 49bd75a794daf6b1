package app

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/config"
)

// NewTokens builds the token verifier of the configuration: RS256 against
// the key set of PAO_TOKEN_JWKS_URL when it is set (refreshed until ctx
// ends or the Tokens is closed), else HS256 with PAO_TOKEN_SECRET.
func NewTokens(ctx context.Context, cfg config.Config, log *slog.Logger) (*auth.Tokens, error) {
	if !cfg.JWKSMode() {
		return auth.New(cfg.TokenSecret, cfg.TokenIssuer, cfg.TokenAudience, cfg.TokenTTL), nil
	}
	t, err := auth.NewJWKS(ctx, auth.JWKSOptions{
		URL: cfg.TokenJWKSURL, Issuer: cfg.TokenIssuer, Audience: cfg.TokenAudience,
		Refresh: cfg.TokenJWKSRefresh, UnknownKID: cfg.TokenJWKSUnknownKID, Log: log,
	})
	if err != nil {
		return nil, fmt.Errorf("PAO_TOKEN_JWKS_URL: %w", err)
	}
	return t, nil
}
