package app_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pao/pao/internal/app"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/temporalx"
)

// The codec server answers without credentials only when every payload
// key is the public development key (`pao dev`: what it decrypts, anyone
// can); with a key of one's own, even beside the development key, it
// wants an ibm-ops token or the secret.
func TestCodecAnswersAnonymouslyOnlyWithThePublicKey(t *testing.T) {
	own := "own:" + strings.Repeat("B", 43) + "="
	for list, want := range map[string]int{
		"":                            http.StatusOK, // unset: the development key
		own:                           http.StatusUnauthorized,
		own + "," + temporalx.DevKeys: http.StatusUnauthorized,
		temporalx.DevKeys:             http.StatusOK, // set explicitly
	} {
		cfg, err := config.LoadFrom(map[string]string{"PAO_CODEC_KEYS": list})
		if err != nil {
			t.Fatal(err)
		}
		codec, err := app.NewCodec(cfg)
		if err != nil {
			t.Fatal(err)
		}
		tokens := auth.New(cfg.TokenSecret, cfg.TokenIssuer, cfg.TokenAudience, cfg.TokenTTL)
		h, err := app.CodecHandler(cfg, codec, tokens, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/decode", strings.NewReader(`{"payloads":[]}`))
		req.Header.Set("Origin", "http://localhost:8233")
		req.Header.Set("X-Namespace", "default")
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("PAO_CODEC_KEYS=%q: status %d, want %d", list, rec.Code, want)
		}
	}
}
