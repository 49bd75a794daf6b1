package api

import (
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/internal/metrics"
)

// RateLimits are the API's token buckets (OWASP API4, API6); a rate of 0
// turns that limit off.
type RateLimits struct {
	// IPPerSecond and IPBurst: every request of a client address (an IPv6
	// client by its /64), before authentication; the probes and /metrics
	// are exempt.
	IPPerSecond float64
	IPBurst     int
	// UserPerSecond and UserBurst: every /v1 request of a signed-in user.
	UserPerSecond float64
	UserBurst     int
	// SensitivePerMinute and SensitiveBurst: a user's requests to each of
	// the sign-up-like flows (SensitiveRoutes), on top of the above.
	SensitivePerMinute float64
	SensitiveBurst     int
}

// SensitiveRoutes are the flows an abuser would script: they create work
// for other people (a nomination or support-access request emails the
// deciders), commit money (an order), or test stolen cards (the card
// payments). Each user has a stricter bucket per route.
func SensitiveRoutes() []string {
	return []string{
		"POST /v1/nominations",
		"POST /v1/support-access-requests",
		"POST /v1/sites/:site/orders",
		"POST /v1/orders/:ref/payment",
		"PUT /v1/checkouts/:checkout/payment",
	}
}

// bucketKeys bounds how many clients (and users) are remembered per kind
// of bucket: beyond it, the least recently seen are forgotten.
const bucketKeys = 100_000

// limiter applies the buckets; a nil set of buckets is a limit turned off.
type limiter struct {
	ip, user, sensitive *buckets
	sensitiveRoutes     map[string]bool
	metrics             *metrics.HTTP
	now                 func() time.Time
}

func newLimiter(l RateLimits, m *metrics.Metrics) *limiter {
	lim := &limiter{
		ip:              newBuckets(l.IPPerSecond, l.IPBurst, bucketKeys),
		user:            newBuckets(l.UserPerSecond, l.UserBurst, bucketKeys),
		sensitive:       newBuckets(l.SensitivePerMinute/60, l.SensitiveBurst, bucketKeys),
		sensitiveRoutes: map[string]bool{},
		now:             time.Now,
	}
	for _, r := range SensitiveRoutes() {
		lim.sensitiveRoutes[r] = true
	}
	if m != nil {
		lim.metrics = m.HTTP()
	}
	return lim
}

// unlimited are the routes no client bucket applies to: the probes (a
// load balancer polls them from one address) and the metrics scrape.
func unlimited(route string) bool {
	return route == "/healthz" || route == "/readyz" || route == "/metrics"
}

// byIP spends a token of the client address's bucket before anything
// else is done for the request (authentication included).
func (l *limiter) byIP() gin.HandlerFunc {
	return func(c *gin.Context) {
		if l.ip == nil || unlimited(c.FullPath()) {
			c.Next()
			return
		}
		if wait := l.ip.take(clientKey(c.ClientIP()), l.now()); wait > 0 {
			l.refuse(c, "ip", wait)
			return
		}
		c.Next()
	}
}

// byUser spends a token of the signed-in user's bucket, and on a
// sensitive route one of their bucket for that route; it runs after
// authentication, before the route's requirement is checked.
func (l *limiter) byUser() gin.HandlerFunc {
	return func(c *gin.Context) {
		u := Caller(c)
		if u.ID == 0 {
			c.Next()
			return
		}
		id := strconv.FormatInt(u.ID, 10)
		now := l.now()
		if l.user != nil {
			if wait := l.user.take(id, now); wait > 0 {
				l.refuse(c, "user", wait)
				return
			}
		}
		if route := c.Request.Method + " " + c.FullPath(); l.sensitive != nil && l.sensitiveRoutes[route] {
			if wait := l.sensitive.take(id+" "+route, now); wait > 0 {
				l.refuse(c, "sensitive", wait)
				return
			}
		}
		c.Next()
	}
}

// refuse answers 429 with Retry-After: the whole seconds until the bucket
// holds a token again.
func (l *limiter) refuse(c *gin.Context, bucket string, wait time.Duration) {
	secs := max(int64(math.Ceil(wait.Seconds())), 1)
	if l.metrics != nil {
		l.metrics.Limited(bucket)
	}
	c.Header("Retry-After", strconv.FormatInt(secs, 10))
	writeProblem(c, TooManyRequests(secs))
}

// TooManyRequests is a 429: a rate limit was reached; retry after secs.
func TooManyRequests(secs int64) *Problem {
	return problem(http.StatusTooManyRequests, "rate-limited", "Too Many Requests",
		fmt.Sprintf("too many requests; retry in %d s", secs))
}

// clientKey is the bucket key of a client address: an IPv4 address
// itself, an IPv6 address by its /64 (one subscriber's network, whose
// addresses cost an abuser nothing).
func clientKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, err := a.Prefix(64)
	if err != nil {
		return a.String()
	}
	return p.String()
}
