package catalog

import (
	"context"

	"gorm.io/gorm"
)

// Explain is the plan of the statement Search runs for q (EXPLAIN (FORMAT
// JSON)), planned as Search plans it.
func Explain(ctx context.Context, db *gorm.DB, q Query) (string, error) {
	s, err := validate(q)
	if err != nil {
		return "", err
	}
	sql, args := s.statement()
	var plan string
	err = planned(ctx, db, func(tx *gorm.DB) error {
		return tx.Raw("EXPLAIN (FORMAT JSON) "+sql, args...).Row().Scan(&plan)
	})
	return plan, err
}
