package testenv

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
)

// workflowIDsWithPersonalData lists the workflow IDs on the Temporal server
// at address that hold an email address ('@'), in every namespace: workflow
// IDs show in Temporal UI, search and outbox keys, where a payload codec
// cannot hide them, so none may carry personal data. Main fails a test
// binary that leaves one behind.
func workflowIDsWithPersonalData(ctx context.Context, address string) ([]string, error) {
	c, err := client.DialContext(ctx, client.Options{HostPort: address, Logger: quietLogger()})
	if err != nil {
		return nil, fmt.Errorf("connect to temporal: %w", err)
	}
	defer c.Close()
	var bad []string
	var nsToken []byte
	for {
		nss, err := c.WorkflowService().ListNamespaces(ctx, &workflowservice.ListNamespacesRequest{PageSize: 100, NextPageToken: nsToken})
		if err != nil {
			return nil, fmt.Errorf("list namespaces: %w", err)
		}
		for _, ns := range nss.GetNamespaces() {
			name := ns.GetNamespaceInfo().GetName()
			if name == "temporal-system" {
				continue
			}
			var token []byte
			for {
				resp, err := c.WorkflowService().ListWorkflowExecutions(ctx, &workflowservice.ListWorkflowExecutionsRequest{
					Namespace: name, PageSize: 1000, NextPageToken: token,
				})
				if err != nil {
					return nil, fmt.Errorf("list workflows of %s: %w", name, err)
				}
				for _, e := range resp.GetExecutions() {
					if id := e.GetExecution().GetWorkflowId(); strings.Contains(id, "@") {
						bad = append(bad, name+": "+id)
					}
				}
				if token = resp.GetNextPageToken(); len(token) == 0 {
					break
				}
			}
		}
		if nsToken = nss.GetNextPageToken(); len(nsToken) == 0 {
			return bad, nil
		}
	}
}

// checkWorkflowIDs runs the personal-data check on the binary's Temporal
// server, if it used one; it returns the exit code to use.
func checkWorkflowIDs(code int, address string) int {
	if address == "" {
		return code
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	bad, err := workflowIDsWithPersonalData(ctx, address)
	switch {
	case err != nil:
		fmt.Fprintf(os.Stderr, "testenv: workflow ID check: %v\n", err)
		return 1
	case len(bad) > 0:
		fmt.Fprintf(os.Stderr, "testenv: workflow IDs carry email addresses: %v\n", bad)
		return 1
	}
	return code
}
