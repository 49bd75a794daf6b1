package temporalx_test

import (
	"strings"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"google.golang.org/protobuf/proto"

	"github.com/pao/pao/internal/temporalx"
)

// A sealed payload that was changed — a flipped bit, cut short, its key ID
// swapped for another configured key, an unknown cipher — is refused with
// a clear error, never opened to something else.
func TestCodecRefusesTamperedPayloads(t *testing.T) {
	c := codecOf(t, key("k1", 1)+","+key("k2", 2))
	sealed := encodeOne(t, c, jsonPayload(`{"email":"carol@acme.example.com"}`))
	change := func(f func(p *commonpb.Payload)) *commonpb.Payload {
		p := proto.Clone(sealed).(*commonpb.Payload)
		f(p)
		return p
	}
	for name, tc := range map[string]struct {
		p    *commonpb.Payload
		want string
	}{
		"a flipped bit":  {change(func(p *commonpb.Payload) { p.Data[len(p.Data)/2] ^= 1 }), "does not authenticate"},
		"cut short":      {change(func(p *commonpb.Payload) { p.Data = p.Data[:10] }), "too short"},
		"another key ID": {change(func(p *commonpb.Payload) { p.Metadata[temporalx.MetadataKeyID] = []byte("k2") }), "does not authenticate"},
		"no key ID":      {change(func(p *commonpb.Payload) { delete(p.Metadata, temporalx.MetadataKeyID) }), "not configured"},
		"unknown cipher": {change(func(p *commonpb.Payload) { p.Metadata[temporalx.MetadataCipher] = []byte("ROT13") }), "not supported"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := c.Decode([]*commonpb.Payload{tc.p})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Decode = %v, want an error with %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "carol") {
				t.Errorf("the error quotes the payload: %v", err)
			}
		})
	}
	if _, err := c.Decode([]*commonpb.Payload{sealed}); err != nil {
		t.Fatalf("the untouched payload: %v", err)
	}
}
