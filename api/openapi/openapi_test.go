package openapi_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pao/pao/api/openapi"
	"github.com/pao/pao/api/openapi/validate"
)

// TestTheDocumentIsValidOpenAPI31: the merged document loads with
// kin-openapi, every $ref resolves, it validates as OpenAPI 3.1, and each
// operation has a unique operationId, a tag, a summary and a success
// response.
func TestTheDocumentIsValidOpenAPI31(t *testing.T) {
	raw, err := openapi.Document()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := validate.Parse(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			if op.OperationID == "" {
				t.Errorf("%s has no operationId", where)
			} else if prev, ok := ids[op.OperationID]; ok {
				t.Errorf("%s and %s share operationId %s", prev, where, op.OperationID)
			}
			ids[op.OperationID] = where
			if len(op.Tags) == 0 || op.Summary == "" || strings.Contains(op.Summary, "TODO") {
				t.Errorf("%s needs a tag and a summary", where)
			}
			ok := false
			for code := range op.Responses.Map() {
				ok = ok || strings.HasPrefix(code, "2")
			}
			if !ok {
				t.Errorf("%s documents no success response", where)
			}
		}
	}
}

// TestMergeRefusesWhatTwoFilesBothDefine: a domain file may not redefine
// an operation, a component or a tag another file defines, nor carry
// top-level keys other than paths, tags and components.
func TestMergeRefusesWhatTwoFilesBothDefine(t *testing.T) {
	root := "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Money: {type: object}\n"
	cases := map[string]struct{ a, b, want string }{
		"operation": {
			a:    "paths:\n  /v1/x:\n    get: {responses: {'200': {description: ok}}}\n",
			b:    "paths:\n  /v1/x:\n    get: {responses: {'200': {description: ok}}}\n",
			want: "paths./v1/x.get",
		},
		"component": {
			a:    "components:\n  schemas:\n    Money: {type: string}\n",
			b:    "paths: {}\n",
			want: "components.schemas.Money",
		},
		"tag": {
			a:    "tags: [{name: x}]\n",
			b:    "tags: [{name: x}]\n",
			want: "tags.x",
		},
		"top-level key": {
			a:    "info: {title: other}\n",
			b:    "paths: {}\n",
			want: `not "info"`,
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"spec/root.yaml": {Data: []byte(root)},
				"spec/a.yaml":    {Data: []byte(c.a)},
				"spec/b.yaml":    {Data: []byte(c.b)},
			}
			_, err := openapi.Merge(fsys, "spec")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Merge = %v, want an error naming %s", err, c.want)
			}
		})
	}
}

// TestMergeJoinsMethodsOfOnePathAndAddsTheCommonResponses: two files may
// describe different methods of one path; every /v1 operation gains the
// shared 400, 401, 413, 429 and 500 unless it describes them itself.
func TestMergeJoinsMethodsOfOnePathAndAddsTheCommonResponses(t *testing.T) {
	fsys := fstest.MapFS{
		"spec/root.yaml": {Data: []byte("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n")},
		"spec/a.yaml":    {Data: []byte("paths:\n  /v1/x:\n    get: {responses: {200: {description: ok}, 401: {description: own}}}\n")},
		"spec/b.yaml":    {Data: []byte("paths:\n  /v1/x:\n    post: {responses: {201: {description: ok}}}\n  /healthz:\n    get: {responses: {200: {description: ok}}}\n")},
	}
	doc, err := openapi.Merge(fsys, "spec")
	if err != nil {
		t.Fatal(err)
	}
	paths := doc["paths"].(map[string]any)
	x := paths["/v1/x"].(map[string]any)
	get := x["get"].(map[string]any)["responses"].(map[string]any)
	post := x["post"].(map[string]any)["responses"].(map[string]any)
	for _, code := range []string{"400", "413", "429", "500"} {
		if get[code] == nil || post[code] == nil {
			t.Errorf("%s missing: get %v, post %v", code, get, post)
		}
	}
	if d, _ := get["401"].(map[string]any)["description"].(string); d != "own" {
		t.Errorf("get's own 401 replaced: %v", get["401"])
	}
	if _, ok := get["200"]; !ok {
		t.Errorf("the status read as a number was not kept as \"200\": %v", get)
	}
	health := paths["/healthz"].(map[string]any)["get"].(map[string]any)["responses"].(map[string]any)
	if len(health) != 1 {
		t.Errorf("a route outside /v1 gained responses: %v", health)
	}
}
