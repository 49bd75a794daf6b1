package checkout

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"unicode"

	"github.com/pao/pao/api"
)

// field is one member of a nested object: its JSON name and where it
// goes (a pointer to a string or an int).
type field struct {
	name string
	dst  any
}

// present reports a nested object that was sent (not left out, not null).
func present(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && !bytes.Equal(t, []byte("null"))
}

// decodeFields decodes a nested object strictly, naming every fault at
// once as prefix.name: a value that is not an object, each unknown key,
// each value of the wrong type. api.Bind has already refused what no
// field may hold (NUL characters, invalid UTF-8, duplicate keys, deep
// nesting). No detail quotes a value.
func decodeFields(prefix string, raw json.RawMessage, fields ...field) []api.FieldError {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return []api.FieldError{{Field: prefix, Detail: "must be a JSON object"}}
	}
	var errs []api.FieldError
	known := make([]string, len(fields))
	for i, f := range fields {
		known[i] = f.name
		v, ok := m[f.name]
		if !ok || !present(v) {
			continue
		}
		if err := json.Unmarshal(v, f.dst); err != nil {
			errs = append(errs, api.FieldError{Field: prefix + "." + f.name, Detail: "must be " + kindOf(f.dst)})
		}
	}
	for k := range m {
		if !slices.Contains(known, k) {
			errs = append(errs, api.FieldError{Field: prefix + "." + printable(k), Detail: "unknown field"})
		}
	}
	return errs
}

func kindOf(dst any) string {
	switch dst.(type) {
	case *int, *int64:
		return "a whole number"
	case *bool:
		return "true or false"
	}
	return "a string"
}

// printable keeps a client-supplied key safe to echo in a problem.
func printable(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if len(s) > 64 {
		s = strings.ToValidUTF8(s[:64], "") + "…"
	}
	return s
}

// named reports whether errs already names field.
func named(errs []api.FieldError, field string) bool {
	return slices.ContainsFunc(errs, func(e api.FieldError) bool { return e.Field == field })
}

// merge adds the rule failures of fields not already named (a value of
// the wrong type also fails the rules as a zero value: one complaint
// each).
func merge(errs []api.FieldError, more ...api.FieldError) []api.FieldError {
	for _, e := range more {
		if !named(errs, e.Field) {
			errs = append(errs, e)
		}
	}
	return errs
}
