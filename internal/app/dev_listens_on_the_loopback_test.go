package app

import "testing"

// `pao dev` runs on public development secrets, so an address without a
// host listens on the loopback only; one that names a host (someone who
// chose 0.0.0.0) and "off" are kept.
func TestDevListensOnTheLoopbackUnlessAHostIsNamed(t *testing.T) {
	for in, want := range map[string]string{
		":8080":        "127.0.0.1:8080",
		":9090":        "127.0.0.1:9090",
		"0.0.0.0:8080": "0.0.0.0:8080",
		"[::1]:8080":   "[::1]:8080",
		"off":          "off",
	} {
		if got := loopback(in); got != want {
			t.Errorf("loopback(%q) = %q, want %q", in, got, want)
		}
	}
}
