// Package config loads the process configuration from environment variables.
//
// Every setting has a default fit for `make dev`; a value that cannot be
// parsed or fails validation stops the process with an error naming the
// variable.
package config

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/mail"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
)

// Config is the whole runtime configuration of the pao binary.
type Config struct {
	// DatabaseURL is the PostgreSQL connection string. Empty in `pao dev`
	// means "start a local PostgreSQL under .data/".
	DatabaseURL string `env:"DATABASE_URL"`

	TemporalAddress   string `env:"TEMPORAL_ADDRESS" envDefault:"127.0.0.1:7233"`
	TemporalNamespace string `env:"TEMPORAL_NAMESPACE" envDefault:"default"`
	TaskQueue         string `env:"PAO_TASK_QUEUE" envDefault:"pao"`

	HTTPAddr     string `env:"PAO_HTTP_ADDR" envDefault:":8080"`
	MaxBodyBytes int64  `env:"PAO_MAX_BODY_BYTES" envDefault:"1048576"`
	// TrustedProxies (IPs or CIDRs, comma-separated) may name the client in
	// X-Forwarded-For; by default nobody does.
	TrustedProxies  []string      `env:"PAO_TRUSTED_PROXIES" envSeparator:","`
	ShutdownTimeout time.Duration `env:"PAO_SHUTDOWN_TIMEOUT" envDefault:"15s"`
	LogLevel        string        `env:"PAO_LOG_LEVEL" envDefault:"info"`
	// WorkerMetricsAddr is where the worker serves /metrics (Prometheus);
	// "off" serves none. The API serves its /metrics on PAO_HTTP_ADDR.
	WorkerMetricsAddr string `env:"PAO_WORKER_METRICS_ADDR" envDefault:":9090"`

	// Rate limits (token buckets, README "Rate limits"): requests per
	// second and burst per client IP (every request but the probes and
	// /metrics) and per signed-in user; per user and route, requests per
	// minute and burst on the sign-up-like flows (nominations,
	// support-access requests, order submission, card payments). A rate
	// of 0 turns that limit off.
	RateIPRPS              float64 `env:"PAO_RATE_IP_RPS" envDefault:"100"`
	RateIPBurst            int     `env:"PAO_RATE_IP_BURST" envDefault:"200"`
	RateUserRPS            float64 `env:"PAO_RATE_USER_RPS" envDefault:"20"`
	RateUserBurst          int     `env:"PAO_RATE_USER_BURST" envDefault:"40"`
	RateSensitivePerMinute float64 `env:"PAO_RATE_SENSITIVE_PER_MINUTE" envDefault:"6"`
	RateSensitiveBurst     int     `env:"PAO_RATE_SENSITIVE_BURST" envDefault:"10"`

	// Token settings: HS256 with a shared secret, or (TokenJWKSURL set)
	// RS256 with an identity provider's keys; one mode at a time.
	TokenSecret   string        `env:"PAO_TOKEN_SECRET" envDefault:"dev-only-insecure-secret-change-me-0123456789"`
	TokenIssuer   string        `env:"PAO_TOKEN_ISSUER" envDefault:"pao-dev"`
	TokenAudience string        `env:"PAO_TOKEN_AUDIENCE" envDefault:"pao-api"`
	TokenTTL      time.Duration `env:"PAO_TOKEN_TTL" envDefault:"12h"`
	// AllowDevTokenSecret lets `pao serve` and `pao worker` run with the
	// built-in (public) PAO_TOKEN_SECRET; `pao dev` sets it.
	AllowDevTokenSecret bool `env:"PAO_ALLOW_DEV_TOKEN_SECRET" envDefault:"false"`
	// TokenJWKSURL, when set, switches to RS256 tokens verified against
	// this JSON Web Key Set, fetched every TokenJWKSRefresh and when a
	// token names an unknown key id (at most once per TokenJWKSUnknownKID).
	TokenJWKSURL        string        `env:"PAO_TOKEN_JWKS_URL"`
	TokenJWKSRefresh    time.Duration `env:"PAO_TOKEN_JWKS_REFRESH" envDefault:"1h"`
	TokenJWKSUnknownKID time.Duration `env:"PAO_TOKEN_JWKS_UNKNOWN_KID_REFRESH" envDefault:"1m"`

	// Software downloads (issue 12): links are signed with HMAC-SHA256
	// under DownloadSecret and expire DownloadLinkTTL after they are issued.
	DownloadSecret  string        `env:"PAO_DOWNLOAD_SECRET" envDefault:"dev-only-insecure-download-secret-0123456789"`
	DownloadLinkTTL time.Duration `env:"PAO_DOWNLOAD_LINK_TTL" envDefault:"15m"`

	// SMTP settings for the outbox sender.
	SMTPHost     string `env:"PAO_SMTP_HOST" envDefault:"127.0.0.1"`
	SMTPPort     int    `env:"PAO_SMTP_PORT" envDefault:"1025"`
	SMTPUsername string `env:"PAO_SMTP_USERNAME"`
	SMTPPassword string `env:"PAO_SMTP_PASSWORD"`
	SMTPFrom     string `env:"PAO_SMTP_FROM" envDefault:"Passport Advantage <no-reply@pao.example.com>"`
	// SMTPTLS is one of none, starttls, tls.
	SMTPTLS string `env:"PAO_SMTP_TLS" envDefault:"none"`
	// MailPoll is how often the outbox sender looks for due emails.
	MailPoll time.Duration `env:"PAO_MAIL_POLL" envDefault:"2s"`

	// Self-nomination and support-access timers (SPEC C5).
	RequestRemindAfter   time.Duration `env:"PAO_REQUEST_REMIND_AFTER" envDefault:"72h"`
	RequestEscalateAfter time.Duration `env:"PAO_REQUEST_ESCALATE_AFTER" envDefault:"168h"`
	RequestExpireAfter   time.Duration `env:"PAO_REQUEST_EXPIRE_AFTER" envDefault:"336h"`
	// RequestReconcileEvery is the interval of the request-reconciler
	// Schedule, which closes pending requests whose workflow ended without
	// an outcome.
	RequestReconcileEvery time.Duration `env:"PAO_REQUEST_RECONCILE_EVERY" envDefault:"5m"`

	// PaymentGateway chooses the payment processor: "sandbox" (a processor
	// of its own with a ledger in Postgres; development and tests) or
	// "stripe" (the Stripe API at StripeAPIURL with StripeSecretKey).
	PaymentGateway  string `env:"PAO_PAYMENT_GATEWAY" envDefault:"sandbox"`
	StripeSecretKey string `env:"PAO_STRIPE_SECRET_KEY"`
	StripeAPIURL    string `env:"PAO_STRIPE_API_URL" envDefault:"https://api.stripe.com"`
	// Order timers (SPEC G5): a purchase order awaits the IBM side's
	// confirmation, with a reminder to them, until it expires (the order
	// is cancelled); a declined payment awaits another card or method
	// until DeclinedExpireAfter.
	OrderPORemindAfter       time.Duration `env:"PAO_ORDER_PO_REMIND_AFTER" envDefault:"72h"`
	OrderPOExpireAfter       time.Duration `env:"PAO_ORDER_PO_EXPIRE_AFTER" envDefault:"240h"`
	OrderDeclinedExpireAfter time.Duration `env:"PAO_ORDER_DECLINED_EXPIRE_AFTER" envDefault:"168h"`

	// The renewal calendar (SPEC F2), each before the due date; minutes or
	// seconds in development. Reminders is a comma-separated list.
	RenewalVerificationBefore time.Duration   `env:"PAO_RENEWAL_VERIFICATION_BEFORE" envDefault:"2880h"`
	RenewalQuoteBefore        time.Duration   `env:"PAO_RENEWAL_QUOTE_BEFORE" envDefault:"2160h"`
	RenewalRemindersBefore    []time.Duration `env:"PAO_RENEWAL_REMINDERS_BEFORE" envDefault:"1440h,720h,168h" envSeparator:","`
	// RenewalDiscoveryEvery is the interval of the renewal-discovery
	// Schedule (daily); each pass starts the renewals of coverage ending
	// within the verification offset (plus one interval). 0: no Schedule
	// (the test harness, so no pass starts renewals in a test).
	RenewalDiscoveryEvery time.Duration `env:"PAO_RENEWAL_DISCOVERY_EVERY" envDefault:"24h"`

	// DataDir is where `pao dev` keeps its PostgreSQL and Temporal data.
	DataDir string `env:"PAO_DATA_DIR" envDefault:".data"`
	// TemporalCLI is the path of the pinned Temporal CLI used by `pao dev`.
	TemporalCLI string `env:"PAO_TEMPORAL_CLI" envDefault:".bin/temporal"`
	// DevMode exposes development-only endpoints (the read-only mail
	// outbox); it does not allow the built-in token secret
	// (AllowDevTokenSecret does).
	DevMode bool `env:"PAO_DEV_MODE" envDefault:"false"`

	// Payload encryption (docs/operations.md): CodecKeys lists AES-256
	// keys as `id:base64(32 bytes)`, comma-separated, the first one
	// encrypting and every one decrypting. Unset means the built-in
	// development key (temporalx.DevKeys), which serve, worker and codec
	// refuse. The codec server (`pao codec`, and inside `pao dev`) serves
	// Temporal UI's /decode and /encode on CodecAddr to the browser origins
	// of CodecCORSOrigins, for a bearer token with the ibm-ops role or
	// CodecSecret as the bearer.
	CodecKeys        string   `env:"PAO_CODEC_KEYS"`
	CodecAddr        string   `env:"PAO_CODEC_ADDR" envDefault:"127.0.0.1:8234"`
	CodecSecret      string   `env:"PAO_CODEC_SECRET"`
	CodecCORSOrigins []string `env:"PAO_CODEC_CORS_ORIGINS" envDefault:"http://localhost:8233,http://127.0.0.1:8233" envSeparator:","`
}

// RenewalOffsets is the renewal calendar of the configuration.
func (c Config) RenewalOffsets() models.RenewalOffsets {
	return models.RenewalOffsets{Verification: c.RenewalVerificationBefore, Quote: c.RenewalQuoteBefore,
		Reminders: append([]time.Duration(nil), c.RenewalRemindersBefore...)}
}

// MinReconcileEvery is the shortest PAO_REQUEST_RECONCILE_EVERY: each pass
// asks Temporal about every pending request, so a pass every few seconds
// would only load the server.
const MinReconcileEvery = 10 * time.Second

// DevTokenSecret is the built-in token secret (the PAO_TOKEN_SECRET
// default): fine for `pao dev` and tests, refused by `pao serve` and `pao
// worker` unless PAO_ALLOW_DEV_TOKEN_SECRET=true, since anyone can read it
// here.
const DevTokenSecret = "dev-only-insecure-secret-change-me-0123456789"

// DevDownloadSecret is the built-in download link secret (the
// PAO_DOWNLOAD_SECRET default): fine for `pao dev` and tests, refused by
// `pao serve` and `pao worker`, since anyone can read it here and sign
// links with it.
const DevDownloadSecret = "dev-only-insecure-download-secret-0123456789"

// MaxDownloadLinkTTL bounds PAO_DOWNLOAD_LINK_TTL: a download link is
// meant to be short-lived.
const MaxDownloadLinkTTL = 24 * time.Hour

// JWKSMode reports whether tokens are RS256 from PAO_TOKEN_JWKS_URL.
func (c Config) JWKSMode() bool { return c.TokenJWKSURL != "" }

// checkTokens refuses token settings only safe on a developer's machine:
// the built-in secret (unless PAO_ALLOW_DEV_TOKEN_SECRET=true is set
// explicitly; PAO_DEV_MODE does not imply it), and a key set fetched over
// plain HTTP from another machine (whoever is on the path could swap the
// keys).
func (c Config) checkTokens() error {
	if c.JWKSMode() {
		if u, err := url.Parse(c.TokenJWKSURL); err == nil && u.Scheme == "http" && !loopback(u.Hostname()) {
			return errors.New("configuration: PAO_TOKEN_JWKS_URL: fetch the key set over https (plain http only from this machine)")
		}
		return nil
	}
	if c.TokenSecret == DevTokenSecret && !c.AllowDevTokenSecret {
		return errors.New("configuration: PAO_TOKEN_SECRET: the built-in development secret is public; set your own (or PAO_ALLOW_DEV_TOKEN_SECRET=true on a developer machine)")
	}
	return nil
}

// loopback reports whether host is localhost or a loopback address.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CheckProduction refuses settings that are only safe on a developer's
// machine, for the long-running server processes.
func (c Config) CheckProduction() error {
	if err := c.CheckCodec(); err != nil {
		return err
	}
	if c.DownloadSecret == DevDownloadSecret {
		return errors.New("configuration: PAO_DOWNLOAD_SECRET: the built-in development secret is public, so anyone could sign download links; set your own (at least 32 random bytes, e.g. `openssl rand -hex 32`)")
	}
	return nil
}

// CheckCodec is CheckProduction for `pao codec`, which verifies tokens and
// holds the payload keys but signs no download links.
func (c Config) CheckCodec() error {
	if err := c.checkTokens(); err != nil {
		return err
	}
	if c.CodecKeys == "" {
		return errors.New("configuration: PAO_CODEC_KEYS: unset, so payloads would be encrypted with the built-in development key, which is public; " +
			"set your own (id:base64 of 32 random bytes, e.g. `echo k1:$(openssl rand -base64 32)`; docs/operations.md), " +
			"or on a developer machine set it to the development key explicitly")
	}
	return nil
}

// PayloadKeys is the payload key ring: PAO_CODEC_KEYS, or the built-in
// development key when it is unset.
func (c Config) PayloadKeys() ([]temporalx.Key, error) {
	list := c.CodecKeys
	if list == "" {
		list = temporalx.DevKeys
	}
	keys, err := temporalx.ParseKeys(list)
	if err != nil {
		return nil, fmt.Errorf("PAO_CODEC_KEYS: %w", err)
	}
	return keys, nil
}

// Load reads the configuration from the environment.
func Load() (Config, error) {
	return LoadFrom(nil)
}

// LoadFrom reads the configuration from the given variables (the process
// environment when vars is nil).
func LoadFrom(vars map[string]string) (Config, error) {
	var c Config
	opts := env.Options{}
	if vars != nil {
		opts.Environment = vars
	}
	if err := env.ParseWithOptions(&c, opts); err != nil {
		return Config{}, fmt.Errorf("configuration: %w", nameVariables(err))
	}
	if err := c.Validate(); err != nil {
		return Config{}, fmt.Errorf("configuration: %w", err)
	}
	return c, nil
}

// nameVariables rewrites the library's parse errors, which name Go struct
// fields, so that each names the environment variable instead.
func nameVariables(err error) error {
	var agg env.AggregateError
	if !errors.As(err, &agg) {
		return err
	}
	t := reflect.TypeOf(Config{})
	out := make([]error, 0, len(agg.Errors))
	for _, e := range agg.Errors {
		var pe env.ParseError
		if errors.As(e, &pe) {
			if f, ok := t.FieldByName(pe.Name); ok {
				out = append(out, fmt.Errorf("%s: cannot parse as %s: %w", f.Tag.Get("env"), pe.Type, pe.Err))
				continue
			}
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

// Validate checks values that parse but make no sense.
func (c Config) Validate() error {
	var errs []error
	if c.DatabaseURL != "" {
		if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			errs = append(errs, errors.New("DATABASE_URL: must be a postgres:// URL"))
		}
	}
	if _, _, err := net.SplitHostPort(c.TemporalAddress); err != nil {
		errs = append(errs, fmt.Errorf("TEMPORAL_ADDRESS: must be host:port: %w", err))
	}
	if strings.TrimSpace(c.TemporalNamespace) == "" {
		errs = append(errs, errors.New("TEMPORAL_NAMESPACE: must not be empty"))
	}
	if strings.TrimSpace(c.TaskQueue) == "" {
		errs = append(errs, errors.New("PAO_TASK_QUEUE: must not be empty"))
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		errs = append(errs, fmt.Errorf("PAO_HTTP_ADDR: must be [host]:port: %w", err))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, errors.New("PAO_SHUTDOWN_TIMEOUT: must be positive"))
	}
	if _, err := mail.ParseAddress(c.SMTPFrom); err != nil {
		errs = append(errs, fmt.Errorf("PAO_SMTP_FROM: must be an address like 'Name <user@host>': %w", err))
	}
	switch c.PaymentGateway {
	case "sandbox":
	case "stripe":
		if c.StripeSecretKey == "" {
			errs = append(errs, errors.New("PAO_STRIPE_SECRET_KEY: required with PAO_PAYMENT_GATEWAY=stripe"))
		}
		if u, err := url.Parse(c.StripeAPIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs = append(errs, errors.New("PAO_STRIPE_API_URL: must be an http(s) URL"))
		}
	default:
		errs = append(errs, errors.New("PAO_PAYMENT_GATEWAY: must be sandbox or stripe"))
	}
	for _, d := range []struct {
		name string
		d    time.Duration
	}{
		{"PAO_ORDER_PO_REMIND_AFTER", c.OrderPORemindAfter}, {"PAO_ORDER_PO_EXPIRE_AFTER", c.OrderPOExpireAfter},
		{"PAO_ORDER_DECLINED_EXPIRE_AFTER", c.OrderDeclinedExpireAfter},
	} {
		if d.d <= 0 {
			errs = append(errs, fmt.Errorf("%s: must be positive", d.name))
		}
	}
	if c.OrderPORemindAfter >= c.OrderPOExpireAfter {
		errs = append(errs, errors.New("PAO_ORDER_PO_REMIND_AFTER: must be shorter than PAO_ORDER_PO_EXPIRE_AFTER"))
	}
	if c.RenewalVerificationBefore <= 0 || c.RenewalQuoteBefore <= 0 || c.RenewalQuoteBefore > c.RenewalVerificationBefore {
		errs = append(errs, errors.New("PAO_RENEWAL_QUOTE_BEFORE: must be positive and at most PAO_RENEWAL_VERIFICATION_BEFORE"))
	}
	for _, r := range c.RenewalRemindersBefore {
		if r <= 0 || r >= c.RenewalQuoteBefore {
			errs = append(errs, errors.New("PAO_RENEWAL_REMINDERS_BEFORE: each must be positive and shorter than PAO_RENEWAL_QUOTE_BEFORE"))
			break
		}
	}
	if c.RenewalDiscoveryEvery != 0 && c.RenewalDiscoveryEvery < time.Second {
		errs = append(errs, errors.New("PAO_RENEWAL_DISCOVERY_EVERY: must be at least 1s (or 0: no discovery Schedule)"))
	}
	for _, p := range c.TrustedProxies {
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			errs = append(errs, fmt.Errorf("PAO_TRUSTED_PROXIES: %q is not an IP address or CIDR", p))
		}
	}
	if c.MaxBodyBytes <= 0 {
		errs = append(errs, errors.New("PAO_MAX_BODY_BYTES: must be positive"))
	}
	errs = append(errs, c.validateRates()...)
	if len(c.TokenSecret) < 32 {
		errs = append(errs, errors.New("PAO_TOKEN_SECRET: must be at least 32 bytes"))
	}
	if c.TokenIssuer == "" {
		errs = append(errs, errors.New("PAO_TOKEN_ISSUER: must not be empty"))
	}
	if c.TokenAudience == "" {
		errs = append(errs, errors.New("PAO_TOKEN_AUDIENCE: must not be empty"))
	}
	if c.TokenTTL <= 0 {
		errs = append(errs, errors.New("PAO_TOKEN_TTL: must be positive"))
	}
	if len(c.DownloadSecret) < 32 {
		errs = append(errs, errors.New("PAO_DOWNLOAD_SECRET: must be at least 32 bytes"))
	}
	if c.DownloadLinkTTL < time.Second || c.DownloadLinkTTL > MaxDownloadLinkTTL {
		errs = append(errs, fmt.Errorf("PAO_DOWNLOAD_LINK_TTL: must be from 1s to %s", MaxDownloadLinkTTL))
	}
	errs = append(errs, c.validateJWKS()...)
	if c.SMTPPort <= 0 || c.SMTPPort > 65535 {
		errs = append(errs, errors.New("PAO_SMTP_PORT: must be 1-65535"))
	}
	if c.MailPoll <= 0 {
		errs = append(errs, errors.New("PAO_MAIL_POLL: must be positive"))
	}
	switch c.SMTPTLS {
	case "none", "starttls", "tls":
	default:
		errs = append(errs, errors.New("PAO_SMTP_TLS: must be none, starttls or tls"))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, errors.New("PAO_LOG_LEVEL: must be debug, info, warn or error"))
	}
	if !(c.RequestRemindAfter > 0 && c.RequestRemindAfter < c.RequestEscalateAfter && c.RequestEscalateAfter < c.RequestExpireAfter) {
		errs = append(errs, errors.New("PAO_REQUEST_REMIND_AFTER, PAO_REQUEST_ESCALATE_AFTER, PAO_REQUEST_EXPIRE_AFTER: must be positive and increasing"))
	}
	if c.RequestReconcileEvery < MinReconcileEvery {
		errs = append(errs, fmt.Errorf("PAO_REQUEST_RECONCILE_EVERY: must be at least %s", MinReconcileEvery))
	}
	errs = append(errs, c.validateCodec()...)
	return errors.Join(errs...)
}

// maxRate bounds every rate limit (a larger one is a typo, not a limit).
const maxRate = 1e9

// validateRates checks the rate limits and the worker's metrics address.
func (c Config) validateRates() []error {
	var errs []error
	for _, r := range []struct {
		rate, burst string
		perUnit     float64
		burstN      int
	}{
		{"PAO_RATE_IP_RPS", "PAO_RATE_IP_BURST", c.RateIPRPS, c.RateIPBurst},
		{"PAO_RATE_USER_RPS", "PAO_RATE_USER_BURST", c.RateUserRPS, c.RateUserBurst},
		{"PAO_RATE_SENSITIVE_PER_MINUTE", "PAO_RATE_SENSITIVE_BURST", c.RateSensitivePerMinute, c.RateSensitiveBurst},
	} {
		if math.IsNaN(r.perUnit) || r.perUnit < 0 || r.perUnit > maxRate {
			errs = append(errs, fmt.Errorf("%s: must be a number from 0 (off) to %g", r.rate, float64(maxRate)))
		}
		if r.burstN < 0 || r.burstN > maxRate || (r.perUnit > 0 && r.burstN < 1) {
			errs = append(errs, fmt.Errorf("%s: must be at least 1 while %s is on (and at most %g)", r.burst, r.rate, float64(maxRate)))
		}
	}
	if c.WorkerMetricsAddr != "off" {
		if _, _, err := net.SplitHostPort(c.WorkerMetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("PAO_WORKER_METRICS_ADDR: must be [host]:port or off: %w", err))
		}
	}
	return errs
}

// validateJWKS checks the RS256 settings; the secret and the key set
// exclude each other, so that no token is accepted by a mode the operator
// did not mean.
func (c Config) validateJWKS() []error {
	var errs []error
	if c.TokenJWKSURL != "" {
		if u, err := url.Parse(c.TokenJWKSURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs = append(errs, errors.New("PAO_TOKEN_JWKS_URL: must be an absolute https URL"))
		}
		if c.TokenSecret != DevTokenSecret {
			errs = append(errs, errors.New("PAO_TOKEN_JWKS_URL, PAO_TOKEN_SECRET: set one, not both (RS256 tokens from the key set, or HS256 tokens with the secret)"))
		}
	}
	if c.TokenJWKSRefresh < 10*time.Second {
		errs = append(errs, errors.New("PAO_TOKEN_JWKS_REFRESH: must be at least 10s"))
	}
	if c.TokenJWKSUnknownKID < time.Second {
		errs = append(errs, errors.New("PAO_TOKEN_JWKS_UNKNOWN_KID_REFRESH: must be at least 1s"))
	}
	return errs
}

// validateCodec checks the payload codec's settings.
func (c Config) validateCodec() []error {
	var errs []error
	if _, err := c.PayloadKeys(); err != nil {
		errs = append(errs, err)
	}
	if _, _, err := net.SplitHostPort(c.CodecAddr); err != nil {
		errs = append(errs, fmt.Errorf("PAO_CODEC_ADDR: must be [host]:port: %w", err))
	}
	if c.CodecSecret != "" && len(c.CodecSecret) < 32 {
		errs = append(errs, errors.New("PAO_CODEC_SECRET: must be at least 32 bytes"))
	}
	for _, o := range c.CodecCORSOrigins {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil {
			errs = append(errs, fmt.Errorf("PAO_CODEC_CORS_ORIGINS: %q is not an origin like http://localhost:8233", o))
		}
	}
	return errs
}
