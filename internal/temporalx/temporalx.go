// Package temporalx holds the project's Temporal plumbing shared by the API,
// the worker and the dev tooling: the client, the custom search attributes,
// the startup check that the namespace has them, and the payload codec that
// encrypts every payload the project sends to Temporal (codec.go).
package temporalx

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
)

// Custom search attributes upserted by the workflows (SPEC H1).
var (
	CustomerNumber = temporal.NewSearchAttributeKeyKeyword("CustomerNumber")
	SiteNumber     = temporal.NewSearchAttributeKeyKeyword("SiteNumber")
	QuoteNumber    = temporal.NewSearchAttributeKeyKeyword("QuoteNumber")
	OrderRef       = temporal.NewSearchAttributeKeyKeyword("OrderRef")
	ProcessStatus  = temporal.NewSearchAttributeKeyKeyword("ProcessStatus")
)

// SearchAttributeKeys lists every custom search attribute of the project.
var SearchAttributeKeys = []temporal.SearchAttributeKeyKeyword{CustomerNumber, SiteNumber, QuoteNumber, OrderRef, ProcessStatus}

// SearchAttributeDefaults is the set of keys, for registering them on a
// dev server (the values are placeholders and are ignored).
func SearchAttributeDefaults() temporal.SearchAttributes {
	updates := make([]temporal.SearchAttributeUpdate, 0, len(SearchAttributeKeys))
	for _, k := range SearchAttributeKeys {
		updates = append(updates, k.ValueSet(""))
	}
	return temporal.NewSearchAttributes(updates...)
}

// DialOption adjusts the client options Dial uses.
type DialOption func(*client.Options)

// WithMetrics makes the client (and the workers built on it) report the
// SDK's metrics to h.
func WithMetrics(h client.MetricsHandler) DialOption {
	return func(o *client.Options) { o.MetricsHandler = h }
}

// WithCodec makes the client encrypt every payload with codec (and
// decrypt them): the workers built on the client and the activities given
// it inherit it. Dial requires it.
func WithCodec(codec *Codec) DialOption {
	return func(o *client.Options) {
		o.DataConverter, o.FailureConverter = codec.DataConverter(), codec.FailureConverter()
	}
}

// Dial connects a client to address/namespace; WithCodec is required, so
// no process of the project can send Temporal a plaintext payload.
func Dial(ctx context.Context, address, namespace string, logger *slog.Logger, opts ...DialOption) (client.Client, error) {
	co := client.Options{
		HostPort:  address,
		Namespace: namespace,
		Logger:    log.NewStructuredLogger(logger),
	}
	for _, o := range opts {
		o(&co)
	}
	if co.DataConverter == nil {
		return nil, errors.New("connect to Temporal: no payload codec (temporalx.WithCodec, from PAO_CODEC_KEYS)")
	}
	c, err := client.DialContext(ctx, co)
	if err != nil {
		return nil, fmt.Errorf("connect to Temporal at %s (TEMPORAL_ADDRESS): %w", address, err)
	}
	return c, nil
}

// CheckSearchAttributes fails, with the command that fixes it, when the
// namespace lacks any of the project's search attributes.
func CheckSearchAttributes(ctx context.Context, c client.Client, namespace string) error {
	resp, err := c.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("list search attributes of namespace %q: %w", namespace, err)
	}
	var missing []string
	for _, k := range SearchAttributeKeys {
		if t, ok := resp.GetCustomAttributes()[k.GetName()]; !ok || t != enumspb.INDEXED_VALUE_TYPE_KEYWORD {
			missing = append(missing, k.GetName())
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	var cmd strings.Builder
	fmt.Fprintf(&cmd, "temporal operator search-attribute create --namespace %s", namespace)
	for _, m := range missing {
		fmt.Fprintf(&cmd, " --name %s --type Keyword", m)
	}
	return fmt.Errorf("namespace %q lacks the search attributes %s; create them with:\n  %s", namespace, strings.Join(missing, ", "), cmd.String())
}
