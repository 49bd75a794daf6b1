package quotes

import (
	"context"
	"fmt"
	"strings"

	"github.com/pao/pao/api"
)

// product is a catalog product as a quote line names it.
type product struct {
	ID          int64
	PartNumber  string
	Description string
}

// products looks up the products named by part numbers (case-insensitive,
// trimmed) and refuses, naming each field, the ones that do not exist.
// field(i) names the i-th part number in the request.
func (h *Handlers) products(ctx context.Context, parts []string, field func(i int) string) ([]product, error) {
	norm := make([]string, len(parts))
	for i, p := range parts {
		norm[i] = strings.ToUpper(strings.TrimSpace(p))
	}
	var rows []product
	if err := h.DB.WithContext(ctx).Table("products").Select("id, part_number, description").
		Where("part_number IN ?", norm).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("look up products: %w", err)
	}
	byPart := make(map[string]product, len(rows))
	for _, r := range rows {
		byPart[r.PartNumber] = r
	}
	out := make([]product, len(parts))
	var bad []api.FieldError
	for i, p := range norm {
		r, ok := byPart[p]
		if !ok {
			bad = append(bad, api.FieldError{Field: field(i), Detail: "no product has this part number"})
			continue
		}
		out[i] = r
	}
	if len(bad) > 0 {
		return nil, api.Invalid(bad...)
	}
	return out, nil
}
