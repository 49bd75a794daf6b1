package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
)

const ctxBinder = "pao.binder"

// bindOption tunes Bind.
type bindOption int

// allowEmpty accepts an empty body as the zero value.
const allowEmpty bindOption = iota + 1

type binder struct {
	validate *validator.Validate
	limit    int64
}

// binder makes Bind's validator and body limit available to handlers.
func (s *Server) binder() gin.HandlerFunc {
	b := &binder{validate: s.validate, limit: s.maxBody}
	return func(c *gin.Context) { c.Set(ctxBinder, b) }
}

// breaksLine reports a control character or a Unicode line or paragraph
// separator: what a single-line field may not hold.
func breaksLine(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp)
}

// newValidator returns a validator that names fields by their JSON names,
// with the text rules of the API:
//   - singleline: no control characters or line separators (names, titles);
//   - digits: ASCII digits only (customer, site and agreement numbers);
//   - multiline: line breaks and tabs allowed, no other control characters;
//   - notblank: not only white space.
func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("register validation: %v", err)) // programming error at start-up
		}
	}
	must(v.RegisterValidation("singleline", func(fl validator.FieldLevel) bool {
		return !strings.ContainsFunc(fl.Field().String(), breaksLine)
	}))
	must(v.RegisterValidation("digits", func(fl validator.FieldLevel) bool {
		f := fl.Field().String()
		return f != "" && !strings.ContainsFunc(f, func(r rune) bool { return r < '0' || r > '9' })
	}))
	must(v.RegisterValidation("multiline", func(fl validator.FieldLevel) bool {
		return !strings.ContainsFunc(fl.Field().String(), func(r rune) bool {
			return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
		})
	}))
	must(v.RegisterValidation("notblank", func(fl validator.FieldLevel) bool {
		return strings.TrimSpace(fl.Field().String()) != ""
	}))
	return v
}

// Bind decodes a JSON object body strictly into dst (a pointer to a struct)
// and validates it. Refused, each with a problem naming the field: unknown
// fields (a body cannot set what the route does not accept), duplicate
// keys, text PostgreSQL cannot store (NUL characters, invalid UTF-8), wrong
// types and every validation failure at once; 413 past the body limit.
func Bind(c *gin.Context, dst any, opts ...bindOption) error {
	v, _ := c.Get(ctxBinder)
	b, ok := v.(*binder)
	if !ok {
		return errors.New("bind: the binder middleware is not installed")
	}
	raw, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge(b.limit)
		}
		return Invalid(FieldError{Field: "body", Detail: "could not be read"})
	}
	if len(bytes.TrimSpace(raw)) == 0 && slices.Contains(opts, allowEmpty) {
		return nil
	}
	if err := scanBody(raw, jsonFields(dst)); err != nil {
		return err
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return decodeProblem(raw, err)
	}
	if err := b.validate.Struct(dst); err != nil {
		var ves validator.ValidationErrors
		if !errors.As(err, &ves) {
			return fmt.Errorf("validate: %w", err)
		}
		fields := make([]FieldError, 0, len(ves))
		for _, fe := range ves {
			fields = append(fields, FieldError{Field: jsonPath(fe.Namespace()), Detail: describe(fe)})
		}
		return Invalid(fields...)
	}
	return nil
}

// jsonFields lists the JSON names of dst's struct fields.
func jsonFields(dst any) map[string]bool {
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	out := map[string]bool{}
	if t.Kind() != reflect.Struct {
		return nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = true
	}
	return out
}

// scanBody walks the body's JSON tokens once before decoding: it must be a
// single object whose keys are known (allowed), unique at every level, and
// whose text is valid UTF-8 without NUL characters.
func scanBody(raw []byte, allowed map[string]bool) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return Invalid(FieldError{Field: "body", Detail: "a JSON object is required"})
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return Invalid(FieldError{Field: "body", Detail: "malformed JSON"})
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return Invalid(FieldError{Field: "body", Detail: "must be a JSON object"})
	}
	var bad []FieldError
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Invalid(FieldError{Field: "body", Detail: "malformed JSON"})
		}
		key, _ := tok.(string)
		start := dec.InputOffset()
		nested, err := scanValue(dec, key, 1)
		if errors.Is(err, errTooDeep) {
			return Invalid(FieldError{Field: printable(key), Detail: fmt.Sprintf("nests deeper than %d levels", maxDepth)})
		}
		if err != nil {
			return Invalid(FieldError{Field: "body", Detail: "malformed JSON"})
		}
		field := printable(key)
		switch {
		case seen[key]:
			bad = append(bad, FieldError{Field: field, Detail: "duplicate key"})
		case allowed != nil && !allowed[key]:
			bad = append(bad, FieldError{Field: field, Detail: "unknown field"})
		case !utf8.Valid(raw[start:dec.InputOffset()]):
			bad = append(bad, FieldError{Field: field, Detail: "must be valid UTF-8 text"})
		default:
			bad = append(bad, nested...)
		}
		seen[key] = true
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return Invalid(FieldError{Field: "body", Detail: "malformed JSON"})
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Invalid(FieldError{Field: "body", Detail: "must be a single JSON object"})
	}
	if len(bad) > 0 {
		return Invalid(bad...)
	}
	return nil
}

// maxDepth bounds how deeply a body's values nest: no route takes more
// than a few levels, and deep nesting is a cheap way to burn CPU.
const maxDepth = 16

// errTooDeep ends a scan of a body nested beyond maxDepth.
var errTooDeep = errors.New("nested too deeply")

// scanValue consumes one JSON value, returning the problems inside it
// (NUL characters, duplicate keys of nested objects) named by path.
func scanValue(dec *json.Decoder, path string, depth int) ([]FieldError, error) {
	if depth > maxDepth {
		return nil, errTooDeep
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", path, err)
	}
	var bad []FieldError
	switch t := tok.(type) {
	case string:
		if strings.ContainsRune(t, 0) {
			bad = append(bad, FieldError{Field: printable(path), Detail: "must not contain NUL characters"})
		}
	case json.Delim:
		seen := map[string]bool{}
		for dec.More() {
			p := path + "[]"
			if t == '{' {
				kt, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("scan %s: %w", path, err)
				}
				k, _ := kt.(string)
				p = path + "." + k
				if seen[k] || strings.ContainsRune(k, 0) {
					bad = append(bad, FieldError{Field: printable(p), Detail: "duplicate or invalid key"})
				}
				seen[k] = true
			}
			inner, err := scanValue(dec, p, depth+1)
			if err != nil {
				return nil, err
			}
			bad = append(bad, inner...)
		}
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("scan %s: %w", path, err)
		}
	}
	return bad, nil
}

// printable keeps a client-supplied key safe to echo in a problem.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
	if len(s) > 64 {
		s = s[:64] + "…"
	}
	return s
}

func decodeProblem(raw []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se), errors.Is(err, io.ErrUnexpectedEOF):
		return Invalid(FieldError{Field: "body", Detail: "malformed JSON"})
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "body"
		} else {
			field = entryOf(raw, field, te.Value)
		}
		return Invalid(FieldError{Field: printable(field), Detail: "must be a " + te.Type.String()})
	}
	return Invalid(FieldError{Field: "body", Detail: "is not a valid JSON object for this request"})
}

// entryOf names the entry of an object field whose value has the JSON kind
// a type error complains of (encoding/json names only the map field, e.g.
// "privileges", not "privileges.software"); the field itself when it is
// not an object or no entry matches.
func entryOf(raw []byte, field, kind string) string {
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil {
		return field
	}
	var entries map[string]json.RawMessage
	if json.Unmarshal(top[field], &entries) != nil {
		return field
	}
	keys := slices.Sorted(maps.Keys(entries))
	for _, k := range keys {
		if strings.HasPrefix(kind, kindOf(entries[k])) {
			return field + "." + k
		}
	}
	return field
}

// kindOf is the JSON kind of a raw value, as encoding/json names it.
func kindOf(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "?"
	}
	switch v[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// jsonPath drops the struct name from a validator namespace.
func jsonPath(ns string) string {
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return ns
}

func describe(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required", "required_if", "required_unless":
		return "is required"
	case "isdefault":
		return "must be left out"
	case "notblank":
		return "must not be blank"
	case "singleline":
		return "must be a single line without control characters"
	case "multiline":
		return "must not contain control characters other than line breaks and tabs"
	case "email":
		return "must be an email address"
	case "max":
		if fe.Kind() == reflect.String {
			return "must be at most " + fe.Param() + " characters"
		}
		return "must be at most " + fe.Param()
	case "min":
		if fe.Kind() == reflect.String {
			return "must be at least " + fe.Param() + " characters"
		}
		return "must be at least " + fe.Param()
	case "oneof":
		return "must be one of: " + fe.Param()
	case "numeric", "digits":
		return "must be digits"
	case "iso3166_1_alpha2":
		return "must be an ISO 3166 country code, e.g. ID"
	case "iso4217":
		return "must be an ISO 4217 currency code, e.g. IDR"
	case "len":
		return "must be " + fe.Param() + " characters"
	case "e164":
		return "must be a phone number in international format, e.g. +6281234567890"
	case "uppercase":
		return "must be upper case"
	case "datetime":
		return "must be a date like " + fe.Param()
	}
	return "is invalid"
}

// NoBody is Bind for routes that take no body: nothing, or an empty JSON
// object, is accepted; anything else is refused before the action is
// taken (400), so a client that sends fields it thinks count learns that
// they do not.
func NoBody(c *gin.Context) error {
	return Bind(c, &struct{}{}, allowEmpty)
}
