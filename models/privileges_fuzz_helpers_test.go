package models_test

import "github.com/pao/pao/models"

// levelCounts is the number of levels of each grantable tool, in
// models.GrantableTools order (B1): software none…full, reporting none/view,
// entitlements, manage access and contact update none/view/update,
// documents none/view.
var levelCounts = []int{4, 2, 3, 3, 3, 2}

// privilegesFrom decodes 4 bits per tool of x into in-range Privileges, so
// a fuzzer's integers always name valid levels.
func privilegesFrom(x uint32) models.Privileges {
	var p models.Privileges
	for i, t := range models.GrantableTools {
		p = p.Set(t, models.Level(int(x>>(4*i)&0xF)%levelCounts[i]))
	}
	return p
}

// bitsOf is the inverse of privilegesFrom, for seed corpora.
func bitsOf(p models.Privileges) uint32 {
	var x uint32
	for i, t := range models.GrantableTools {
		x |= uint32(p.Get(t)) << (4 * i)
	}
	return x
}
