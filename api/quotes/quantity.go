package quotes

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// quantity parses a quantity given as raw JSON: it must be a JSON number
// that is a whole number from 1 to 1,000,000 (not a string, not 2.5, not
// 0, not absent); the refusal names field.
func quantity(field string, raw json.RawMessage) (int64, *api.FieldError) {
	q, err := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
	if err != nil || models.CheckQuantity(field, q) != nil {
		return 0, &api.FieldError{Field: field, Detail: "must be a whole number from 1 to 1,000,000"}
	}
	return q, nil
}
