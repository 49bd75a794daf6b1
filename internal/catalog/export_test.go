package catalog

// Statement is the SQL and arguments Search runs for q, for the tests that
// EXPLAIN it.
func Statement(q Query) (string, []any, error) {
	s, err := validate(q)
	if err != nil {
		return "", nil, err
	}
	sql, args := s.statement()
	return sql, args, nil
}
