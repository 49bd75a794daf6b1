package temporalx_test

import (
	"errors"
	"strings"
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/internal/temporalx"
)

// An error's message may quote business data: the failure converter moves
// it into an encrypted payload, and a client with the codec reads it back.
func TestCodecEncryptsFailureMessages(t *testing.T) {
	c := codecOf(t, key("k1", 1))
	fc := c.FailureConverter()
	f := fc.ErrorToFailure(temporal.NewNonRetryableApplicationError("dave@acme.example.com may not approve", "refused", nil))
	if strings.Contains(f.GetMessage(), "dave@") || strings.Contains(f.GetStackTrace(), "dave@") {
		t.Fatalf("the failure shows the message: %q", f.GetMessage())
	}
	ea := f.GetEncodedAttributes()
	if string(ea.GetMetadata()[temporalx.MetadataEncoding]) != temporalx.EncodingEncrypted || strings.Contains(string(ea.GetData()), "dave@") {
		t.Fatalf("the encoded attributes are not sealed: %v", ea.GetMetadata())
	}
	var appErr *temporal.ApplicationError
	if err := fc.FailureToError(f); !errors.As(err, &appErr) || appErr.Message() != "dave@acme.example.com may not approve" || appErr.Type() != "refused" {
		t.Fatalf("read back: %v", err)
	}
}
