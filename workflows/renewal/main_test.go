package renewal_test

import (
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestMain stops the Temporal dev server the real-server test started.
func TestMain(m *testing.M) { testenv.Main(m) }
