package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
)

// newValidator returns a validator that names fields by their JSON names.
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
	return v
}

// bind decodes a JSON body strictly (unknown fields are errors, so a body
// cannot set what the route does not accept) and validates it. Errors are
// problems naming the offending fields; 413 past the body limit.
func (s *Server) bind(c *gin.Context, dst any) error {
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeProblem(err, s.MaxBodyBytes)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return Invalid(FieldError{Field: "body", Detail: "must be a single JSON object"})
	}
	if err := s.validate.Struct(dst); err != nil {
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

func decodeProblem(err error, limit int64) error {
	var mbe *http.MaxBytesError
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &mbe):
		return tooLarge(limit)
	case errors.Is(err, io.EOF):
		return Invalid(FieldError{Field: "body", Detail: "a JSON object is required"})
	case errors.As(err, &se), errors.Is(err, io.ErrUnexpectedEOF):
		return Invalid(FieldError{Field: "body", Detail: "malformed JSON"})
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "body"
		}
		return Invalid(FieldError{Field: field, Detail: "must be a " + te.Type.String()})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return Invalid(FieldError{Field: name, Detail: "unknown field"})
	}
	return Invalid(FieldError{Field: "body", Detail: err.Error()})
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
	case "required":
		return "is required"
	case "email":
		return "must be an email address"
	case "max":
		return "must be at most " + fe.Param() + " characters"
	case "min":
		return "must be at least " + fe.Param() + " characters"
	case "oneof":
		return "must be one of: " + fe.Param()
	case "numeric":
		return "must be digits"
	case "len":
		return "must be " + fe.Param() + " characters"
	case "e164":
		return "must be a phone number in international format, e.g. +6281234567890"
	case "uppercase":
		return "must be upper case"
	case "datetime":
		return "must be a date like " + fe.Param()
	}
	return "is invalid (" + fe.Tag() + ")"
}
