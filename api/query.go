package api

import (
	"fmt"
	"strconv"

	"github.com/gin-gonic/gin"
)

// IntQuery reads the integer query parameter name: def when it is absent
// or empty, otherwise an integer from lo to hi, or a 400 naming it.
func IntQuery(c *gin.Context, name string, def, lo, hi int) (int, error) {
	v := c.Query(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, Invalid(FieldError{Field: name, Detail: fmt.Sprintf("must be an integer from %d to %d", lo, hi)})
	}
	return n, nil
}
