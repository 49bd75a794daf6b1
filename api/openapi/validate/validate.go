// Package validate checks HTTP responses against the API's OpenAPI
// document (api/openapi) with kin-openapi: the route is found with its
// gorilla/mux router, the status must be documented for the operation and
// the body and headers must match the documented ones. The end-to-end and
// API tests run every response they receive through it (internal/testenv).
// It is test machinery: the server does not import it.
package validate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/pao/pao/api/openapi"
)

// Validator holds the loaded document and its router.
type Validator struct {
	doc    *openapi3.T
	router routers.Router
}

// Load parses and validates the document (OpenAPI 3.1, every $ref
// resolved) and builds its router.
func Load(ctx context.Context) (*Validator, error) {
	raw, err := openapi.Document()
	if err != nil {
		return nil, err
	}
	doc, err := Parse(ctx, raw)
	if err != nil {
		return nil, err
	}
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("openapi router: %w", err)
	}
	return &Validator{doc: doc, router: r}, nil
}

// Parse loads raw as an OpenAPI document and validates it.
func Parse(ctx context.Context, raw []byte) (*openapi3.T, error) {
	l := openapi3.NewLoader()
	l.Context = ctx
	doc, err := l.LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("openapi load: %w", err)
	}
	if err := doc.Validate(ctx); err != nil {
		return nil, fmt.Errorf("openapi validate: %w", err)
	}
	return doc, nil
}

// Doc is the loaded document.
func (v *Validator) Doc() *openapi3.T { return v.doc }

// Response checks one response to req. A request no documented operation
// matches (an unknown path or method) must have been refused with a
// documented problem (4xx, application/problem+json).
func (v *Validator) Response(ctx context.Context, req *http.Request, status int, header http.Header, body []byte) error {
	if req.Method == http.MethodHead {
		return nil
	}
	route, params, err := v.router.FindRoute(req)
	if errors.Is(err, routers.ErrPathNotFound) || errors.Is(err, routers.ErrMethodNotAllowed) {
		return v.undocumented(ctx, req, status, header, body)
	}
	if err != nil {
		return fmt.Errorf("find route: %w", err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
		return fmt.Errorf("%s %s (%s %s) answered %d: %w", req.Method, req.URL.Path, route.Method, route.Path, status, err)
	}
	return nil
}

// undocumented checks the answer to a route the document does not have:
// a 4xx problem.
func (v *Validator) undocumented(ctx context.Context, req *http.Request, status int, header http.Header, body []byte) error {
	where := fmt.Sprintf("%s %s (no documented operation) answered %d", req.Method, req.URL.Path, status)
	if status < 400 || status >= 500 {
		return fmt.Errorf("%s: only a 4xx problem is expected", where)
	}
	ct := header.Get("Content-Type")
	if !strings.HasPrefix(ct, "application/problem+json") {
		return fmt.Errorf("%s with Content-Type %q, want application/problem+json", where, ct)
	}
	schema := v.doc.Components.Schemas["Problem"]
	var value any
	if err := json.Unmarshal(body, &value); err != nil {
		return fmt.Errorf("%s: the body is not JSON: %w", where, err)
	}
	if err := schema.Value.VisitJSON(value, openapi3.EnableJSONSchema2020(), openapi3.MultiErrors()); err != nil {
		return fmt.Errorf("%s: the problem does not match the Problem schema: %w", where, err)
	}
	return nil
}
