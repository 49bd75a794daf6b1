package openapi

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed spec/*.yaml
var specFS embed.FS

// rootFile is the part that holds the document's head (openapi, info,
// security) and the shared components; every other file under spec/
// contributes paths, tags and components of its own.
const rootFile = "root.yaml"

// commonResponses are added to every /v1 operation that does not declare
// them, by status, with the shared response component each refers to: any
// /v1 route can refuse a bad path parameter, query or body (400), a
// missing or bad token (401), an oversize body (413), a caller over their
// rate (429) or fail unexpectedly (500).
func commonResponses() [][2]string {
	return [][2]string{
		{"400", "BadRequest"}, {"401", "Unauthorized"}, {"413", "TooLarge"}, {"429", "TooManyRequests"}, {"500", "Internal"},
	}
}

// Document is the OpenAPI 3.1 document of the API as JSON: the root file
// and every domain file of spec/ merged (see the package comment).
func Document() ([]byte, error) {
	doc, err := Merge(specFS, "spec")
	if err != nil {
		return nil, err
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("openapi: encode: %w", err)
	}
	return out, nil
}

// Merge reads dir's root.yaml and merges every other *.yaml file of dir
// into it: their paths, tags and components. A path, operation, tag or
// component defined twice is an error naming both files; so is any other
// top-level key in a domain file.
func Merge(fsys fs.FS, dir string) (map[string]any, error) {
	root, err := readYAML(fsys, path.Join(dir, rootFile))
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("openapi: list %s: %w", dir, err)
	}
	owner := map[string]string{} // "paths./v1/x.get", "components.schemas.X", "tags.x" → file
	note := func(key, file string) error {
		if prev, ok := owner[key]; ok {
			return fmt.Errorf("openapi: %s is defined in both %s and %s", key, prev, file)
		}
		owner[key] = file
		return nil
	}
	if err := claim(root, rootFile, note); err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == rootFile || !strings.HasSuffix(name, ".yaml") {
			continue
		}
		part, err := readYAML(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		for k := range part {
			if k != "paths" && k != "components" && k != "tags" {
				return nil, fmt.Errorf("openapi: %s: a domain file holds only paths, tags and components, not %q", name, k)
			}
		}
		if err := claim(part, name, note); err != nil {
			return nil, err
		}
		if err := mergeInto(root, part); err != nil {
			return nil, fmt.Errorf("openapi: %s: %w", name, err)
		}
	}
	addCommonResponses(root)
	return root, nil
}

func readYAML(fsys fs.FS, name string) (map[string]any, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("openapi: read %s: %w", name, err)
	}
	var doc any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("openapi: parse %s: %w", name, err)
	}
	m, ok := stringKeys(doc).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("openapi: %s is not a mapping", name)
	}
	return m, nil
}

// stringKeys turns YAML's mappings with non-string keys (a response's
// status, 200, reads as a number) into JSON objects keyed by strings.
func stringKeys(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = stringKeys(x)
		}
		return t
	case map[any]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[fmt.Sprint(k)] = stringKeys(x)
		}
		return out
	case []any:
		for i, x := range t {
			t[i] = stringKeys(x)
		}
		return t
	}
	return v
}

// claim records which file defines each operation, tag and component.
func claim(part map[string]any, file string, note func(key, file string) error) error {
	for p, item := range asMap(part["paths"]) {
		for op := range asMap(item) {
			if err := note("paths."+p+"."+op, file); err != nil {
				return err
			}
		}
	}
	for kind, defs := range asMap(part["components"]) {
		for name := range asMap(defs) {
			if err := note("components."+kind+"."+name, file); err != nil {
				return err
			}
		}
	}
	tags, _ := part["tags"].([]any)
	for _, t := range tags {
		name, _ := asMap(t)["name"].(string)
		if err := note("tags."+name, file); err != nil {
			return err
		}
	}
	return nil
}

// mergeInto adds part's paths (operation by operation: two files may
// share a path with different methods), components and tags to root.
func mergeInto(root, part map[string]any) error {
	for _, k := range []string{"paths", "components"} {
		if v, ok := part[k]; ok && v != nil {
			if _, isMap := v.(map[string]any); !isMap {
				return fmt.Errorf("%s is not a mapping", k)
			}
		}
	}
	paths := ensureMap(root, "paths")
	for p, item := range asMap(part["paths"]) {
		into := ensureMap(paths, p)
		maps.Copy(into, asMap(item))
	}
	comps := ensureMap(root, "components")
	for kind, defs := range asMap(part["components"]) {
		into := ensureMap(comps, kind)
		maps.Copy(into, asMap(defs))
	}
	if tags, ok := part["tags"].([]any); ok {
		have, _ := root["tags"].([]any)
		root["tags"] = append(have, tags...)
	}
	return nil
}

// addCommonResponses gives every /v1 operation the responses any route can
// answer (commonResponses), by reference to the shared components, unless
// the operation describes them itself.
func addCommonResponses(root map[string]any) {
	paths := asMap(root["paths"])
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		if !strings.HasPrefix(p, "/v1/") {
			continue
		}
		for method, op := range asMap(paths[p]) {
			if !isMethod(method) {
				continue
			}
			resp := ensureMap(asMap(op), "responses")
			for _, c := range commonResponses() {
				if _, ok := resp[c[0]]; !ok {
					resp[c[0]] = map[string]any{"$ref": "#/components/responses/" + c[1]}
				}
			}
		}
	}
}

func isMethod(s string) bool {
	switch s {
	case "get", "put", "post", "delete", "patch", "head", "options", "trace":
		return true
	}
	return false
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func ensureMap(m map[string]any, key string) map[string]any {
	if v, ok := m[key].(map[string]any); ok {
		return v
	}
	v := map[string]any{}
	m[key] = v
	return v
}
