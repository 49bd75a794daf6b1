package software_test

import (
	"testing"

	"github.com/pao/pao/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }
