package temporalx

import (
	"context"
	"fmt"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/api/proxy"
	"google.golang.org/protobuf/proto"
)

// DecodeAll decrypts, in place, every payload in msg (a history, an event,
// a response of the workflow service) but its search attributes, which
// Temporal indexes and which are never encrypted: how a history fetched
// as stored is made readable (a replay fixture, a test's positive control).
func (c *Codec) DecodeAll(ctx context.Context, msg proto.Message) error {
	return visit(ctx, msg, c.Decode, "decode")
}

// EncodeAll encrypts, in place, every payload in msg but its search
// attributes (a test makes an encrypted history of a recorded one).
func (c *Codec) EncodeAll(ctx context.Context, msg proto.Message) error {
	return visit(ctx, msg, c.Encode, "encode")
}

func visit(ctx context.Context, msg proto.Message, f func([]*commonpb.Payload) ([]*commonpb.Payload, error), what string) error {
	err := proxy.VisitPayloads(ctx, msg, proxy.VisitPayloadsOptions{
		SkipSearchAttributes: true,
		Visitor: func(_ *proxy.VisitPayloadsContext, p []*commonpb.Payload) ([]*commonpb.Payload, error) {
			return f(p)
		},
	})
	if err != nil {
		return fmt.Errorf("%s the payloads: %w", what, err)
	}
	return nil
}
