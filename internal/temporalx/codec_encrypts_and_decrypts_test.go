package temporalx_test

import (
	"bytes"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"google.golang.org/protobuf/proto"

	"github.com/pao/pao/internal/temporalx"
)

// A payload is sealed whole (its metadata too) under the current key and
// opens to the same payload; nothing of it is readable in between, and two
// encodings of it differ (a random nonce each time).
func TestCodecEncryptsAndDecryptsAPayload(t *testing.T) {
	c := codecOf(t, key("k1", 1))
	in := jsonPayload(`{"email":"alice@acme.example.com","last4":"0005"}`)
	enc := encodeOne(t, c, in)

	md := enc.GetMetadata()
	if string(md[temporalx.MetadataEncoding]) != temporalx.EncodingEncrypted || string(md[temporalx.MetadataKeyID]) != "k1" ||
		string(md[temporalx.MetadataCipher]) != temporalx.CipherAES256GCM {
		t.Fatalf("metadata %q", md)
	}
	for _, plain := range []string{"alice@acme.example.com", "0005", "json/plain"} {
		if bytes.Contains(enc.GetData(), []byte(plain)) {
			t.Errorf("the sealed payload holds %q", plain)
		}
	}
	if again := encodeOne(t, c, in); bytes.Equal(again.GetData(), enc.GetData()) {
		t.Error("two encodings of one payload are identical: the nonce is not random")
	}
	out, err := c.Decode([]*commonpb.Payload{enc})
	if err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(out[0], in) {
		t.Fatalf("decoded %v, want %v", out[0], in)
	}
}

// Through the data converter the clients and workers use, a Go value
// makes the round trip.
func TestCodecDataConverterRoundTrip(t *testing.T) {
	dc := codecOf(t, key("k1", 1)).DataConverter()
	type order struct {
		Email string
		Total int64
	}
	p, err := dc.ToPayload(order{Email: "bob@acme.example.com", Total: 12345})
	if err != nil {
		t.Fatal(err)
	}
	if string(p.GetMetadata()[temporalx.MetadataEncoding]) != temporalx.EncodingEncrypted {
		t.Fatalf("the converter wrote %q", p.GetMetadata()[temporalx.MetadataEncoding])
	}
	var got order
	if err := dc.FromPayload(p, &got); err != nil {
		t.Fatal(err)
	}
	if got != (order{Email: "bob@acme.example.com", Total: 12345}) {
		t.Fatalf("got %+v", got)
	}
	if _, err := dc.ToPayloads(nil, "x", 1); err != nil {
		t.Fatalf("several values, a nil among them: %v", err)
	}
}
