package temporalx_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/internal/testenv"
)

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func allNames() []string {
	var out []string
	for _, k := range temporalx.SearchAttributeKeys {
		out = append(out, k.GetName())
	}
	return out
}

func TestSearchAttributeKeys(t *testing.T) {
	want := []string{"CustomerNumber", "SiteNumber", "QuoteNumber", "OrderRef", "ProcessStatus"}
	got := allNames()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("SearchAttributeKeys = %v, want %v", got, want)
	}
	defaults := temporalx.SearchAttributeDefaults()
	if defaults.Size() != len(want) {
		t.Errorf("SearchAttributeDefaults has %d keys, want %d", defaults.Size(), len(want))
	}
	for _, k := range temporalx.SearchAttributeKeys {
		if !defaults.ContainsKey(k) {
			t.Errorf("SearchAttributeDefaults lacks %s", k.GetName())
		}
	}
}

func TestCheckSearchAttributesRegistered(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := temporalx.Dial(ctx, testenv.TemporalAddress(t), "default", quietLogger(), devCodec(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := temporalx.CheckSearchAttributes(ctx, c, "default"); err != nil {
		t.Fatalf("CheckSearchAttributes on the harness server: %v", err)
	}
}

func TestDialUnreachableNamesTheVariable(t *testing.T) {
	port, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	c, err := temporalx.Dial(ctx, "127.0.0.1:"+strconv.Itoa(port), "default", quietLogger(), devCodec(t))
	if err == nil {
		c.Close()
		t.Fatal("Dial to a closed port succeeded")
	}
	if !strings.Contains(err.Error(), "TEMPORAL_ADDRESS") {
		t.Errorf("error %q does not name TEMPORAL_ADDRESS", err)
	}
}

// startBareServer starts a dev server without the project's search
// attributes.
func startBareServer(t *testing.T) *testsuite.DevServer {
	t.Helper()
	cli, err := testenv.TemporalCLI()
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := testsuite.StartDevServer(ctx, testsuite.DevServerOptions{
		ExistingPath:  cli,
		LogLevel:      "warn",
		ClientOptions: &client.Options{Namespace: "default", Logger: log.NewStructuredLogger(quietLogger())},
		Stdout:        &logs,
		Stderr:        &logs,
	})
	if err != nil {
		t.Fatalf("start bare dev server: %v\n%s", err, logs.String())
	}
	t.Cleanup(func() {
		if err := srv.Stop(); err != nil {
			t.Logf("stop dev server: %v", err)
		}
	})
	return srv
}

func TestCheckSearchAttributesMissing(t *testing.T) {
	srv := startBareServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := temporalx.Dial(ctx, srv.FrontendHostPort(), "default", quietLogger(), devCodec(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	err = temporalx.CheckSearchAttributes(ctx, c, "default")
	if err == nil {
		t.Fatal("CheckSearchAttributes on a server without the attributes = nil")
	}
	msg := err.Error()
	if !strings.Contains(msg, "temporal operator search-attribute create") {
		t.Errorf("error does not give the fixing command: %s", msg)
	}
	if !strings.Contains(msg, "--namespace default") {
		t.Errorf("command does not name the namespace: %s", msg)
	}
	for _, n := range allNames() {
		if !strings.Contains(msg, "--name "+n+" --type Keyword") {
			t.Errorf("error does not create %s: %s", n, msg)
		}
	}

	// Register two as Keyword and one with the wrong type: the rest, and
	// the mistyped one, are still reported; the registered ones are not.
	_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: "default",
		SearchAttributes: map[string]enumspb.IndexedValueType{
			"CustomerNumber": enumspb.INDEXED_VALUE_TYPE_KEYWORD,
			"SiteNumber":     enumspb.INDEXED_VALUE_TYPE_KEYWORD,
			"ProcessStatus":  enumspb.INDEXED_VALUE_TYPE_TEXT,
		},
	})
	if err != nil {
		t.Fatalf("add search attributes: %v", err)
	}
	err = temporalx.CheckSearchAttributes(ctx, c, "default")
	if err == nil {
		t.Fatal("CheckSearchAttributes with three attributes missing or mistyped = nil")
	}
	msg = err.Error()
	for _, n := range []string{"QuoteNumber", "OrderRef", "ProcessStatus"} {
		if !strings.Contains(msg, "--name "+n+" ") {
			t.Errorf("error does not create %s: %s", n, msg)
		}
	}
	for _, n := range []string{"CustomerNumber", "SiteNumber"} {
		if strings.Contains(msg, n) {
			t.Errorf("error mentions registered %s: %s", n, msg)
		}
	}

	// An unknown namespace is an error too, not a pass.
	if err := temporalx.CheckSearchAttributes(ctx, c, "no-such-namespace"); err == nil {
		t.Error("CheckSearchAttributes on an unknown namespace = nil")
	}
}
