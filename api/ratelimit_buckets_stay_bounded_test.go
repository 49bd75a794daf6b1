package api

import (
	"fmt"
	"testing"
	"time"
)

// TestRateLimitBucketsStayBounded: however many clients come, at most the
// capacity of buckets is kept (the least recently seen go first), and a
// bucket idle long enough to be full again is dropped when a new client
// comes — without a goroutine of their own.
func TestRateLimitBucketsStayBounded(t *testing.T) {
	b := newBuckets(1, 5, 100)
	now := time.Unix(1_700_000_000, 0)
	for i := range 1000 {
		b.take(fmt.Sprintf("10.0.%d.%d", i/256, i%256), now)
	}
	if n := b.size(); n != 100 {
		t.Errorf("%d buckets kept after 1000 clients, want the capacity 100", n)
	}
	later := now.Add(b.idle + time.Second)
	b.take("192.0.2.1", later)
	if n := b.size(); n != 1 {
		t.Errorf("%d buckets kept once the others were idle past %s, want 1", n, b.idle)
	}
}

// TestRateLimitRetryAfterIsTheTimeToTheNextToken: an empty bucket says how
// long until its next token, and a refused request spends nothing.
func TestRateLimitRetryAfterIsTheTimeToTheNextToken(t *testing.T) {
	b := newBuckets(0.5, 2, 10) // a token every 2 s
	now := time.Unix(1_700_000_000, 0)
	for i := range 2 {
		if d := b.take("u", now); d != 0 {
			t.Fatalf("take %d within the burst waited %s", i+1, d)
		}
	}
	if d := b.take("u", now); d != 2*time.Second {
		t.Errorf("empty bucket: wait %s, want 2s", d)
	}
	if d := b.take("u", now.Add(500*time.Millisecond)); d != 1500*time.Millisecond {
		t.Errorf("half a second later: wait %s, want 1.5s (the refusal spent nothing)", d)
	}
	if d := b.take("u", now.Add(2*time.Second)); d != 0 {
		t.Errorf("two seconds later: wait %s, want a token", d)
	}
}

// TestRateLimitClientKeysGroupAnIPv6NetworkAndKeepIPv4: IPv4 clients (and
// IPv4-mapped IPv6) are keyed by address; IPv6 clients by their /64.
func TestRateLimitClientKeysGroupAnIPv6NetworkAndKeepIPv4(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.7":                 "192.0.2.7",
		"::ffff:192.0.2.7":          "192.0.2.7",
		"2001:db8:1:2:aaaa::1":      "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff:ffff::9": "2001:db8:1:2::/64",
	} {
		if got := clientKey(in); got != want {
			t.Errorf("clientKey(%s) = %s, want %s", in, got, want)
		}
	}
}
