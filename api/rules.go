package api

import (
	"errors"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
)

// RuleProblem maps a change the accounts service refused to its problem
// (409, 403 or 422 naming the rule); any other error passes through.
func RuleProblem(err error) error {
	var r *accounts.RuleError
	if !errors.As(err, &r) {
		return err
	}
	switch r.Kind {
	case accounts.Conflict:
		return Conflict(r.Rule, r.Detail)
	case accounts.Forbidden:
		p := Forbidden(r.Detail)
		p.Rule = r.Rule
		return p
	}
	return Unprocessable(r.Rule, r.Detail)
}

// EmailParam validates and normalizes an email path parameter.
func EmailParam(c *gin.Context, name string) (string, error) {
	e, err := auth.NormalizeEmail(c.Param(name))
	if err != nil {
		return "", Invalid(FieldError{Field: name, Detail: "must be an email address"})
	}
	return e, nil
}

// PrivilegeErrors names each refused entry of a privileges object
// (models.ParseNamed's complaints) as privileges.<tool>.
func PrivilegeErrors(bad map[string]string) error {
	fields := make([]FieldError, 0, len(bad))
	for k, v := range bad {
		fields = append(fields, FieldError{Field: "privileges." + printable(k), Detail: v})
	}
	return Invalid(fields...) // Invalid sorts: a stable order
}
