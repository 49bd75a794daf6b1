package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/codecserver"
	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/temporalx"
)

// NewCodec is the payload codec of the configuration (PAO_CODEC_KEYS, or
// the built-in development key).
func NewCodec(cfg config.Config) (*temporalx.Codec, error) {
	keys, err := cfg.PayloadKeys()
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	c, err := temporalx.NewCodec(keys)
	if err != nil {
		return nil, fmt.Errorf("configuration: PAO_CODEC_KEYS: %w", err)
	}
	return c, nil
}

// publicKeysOnly reports whether every payload key is the built-in
// development key: then the codec protects nothing (anyone can read the
// key in the source) and the codec server may answer without credentials,
// which is how Temporal UI in `pao dev` shows decoded payloads over plain
// http (the UI passes its access token to https endpoints only).
func publicKeysOnly(cfg config.Config) (bool, error) {
	keys, err := cfg.PayloadKeys()
	if err != nil {
		return false, err
	}
	for _, k := range keys {
		if !temporalx.IsDevKey(k.Secret) {
			return false, nil
		}
	}
	return true, nil
}

// CodecHandler is the codec server of the configuration: the codec,
// tokens verified by tokens (ibm-ops role), PAO_CODEC_SECRET, the browser
// origins of PAO_CODEC_CORS_ORIGINS.
func CodecHandler(cfg config.Config, codec *temporalx.Codec, tokens *auth.Tokens, log *slog.Logger) (http.Handler, error) {
	anonymous, err := publicKeysOnly(cfg)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	if anonymous {
		log.Warn("codec server: the payload keys are the public development key, so it answers without credentials")
	}
	return codecserver.New(codecserver.Options{
		Codec: codec, Verify: tokens.VerifyContext, Secret: cfg.CodecSecret, Origins: cfg.CodecCORSOrigins,
		Anonymous: anonymous, Log: log,
	}), nil
}

// RunCodec serves the codec server on PAO_CODEC_ADDR until ctx is done
// (`pao codec`; `pao dev` runs one too).
func RunCodec(ctx context.Context, cfg config.Config, log *slog.Logger, ready func(net.Addr)) error {
	codec, err := NewCodec(cfg)
	if err != nil {
		return err
	}
	tokens, err := NewTokens(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer tokens.Close()
	log = log.With("server", "codec")
	h, err := CodecHandler(cfg, codec, tokens, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.CodecAddr)
	if err != nil {
		return fmt.Errorf("listen on %s (PAO_CODEC_ADDR): %w", cfg.CodecAddr, err)
	}
	if err := Serve(ctx, ln, h, cfg.ShutdownTimeout, log, ready); err != nil {
		return fmt.Errorf("codec server: %w", err)
	}
	return nil
}
