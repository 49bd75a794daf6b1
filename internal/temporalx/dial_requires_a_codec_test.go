package temporalx_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pao/pao/internal/temporalx"
)

// Dial without the payload codec is refused before it connects: no
// process of the project can send Temporal a plaintext payload.
func TestDialRequiresACodec(t *testing.T) {
	c, err := temporalx.Dial(context.Background(), "127.0.0.1:1", "default", quietLogger())
	if err == nil {
		c.Close()
		t.Fatal("Dial without a codec succeeded")
	}
	if !strings.Contains(err.Error(), "codec") {
		t.Fatalf("error %q does not say the codec is missing", err)
	}
}
