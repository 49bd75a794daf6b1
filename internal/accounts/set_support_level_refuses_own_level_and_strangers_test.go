package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// D1: nobody changes their own support level (forbidden); only a user of
// one of the account's sites gets one (unprocessable otherwise, including
// people of another account and people who do not exist).
func TestSetSupportLevelRefusesOwnLevelAndStrangers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.customer(acme)
	audits := f.auditCount()
	refused(t, f.svc.SetSupportLevel(f.ctx(), actor(carol), c.ID, carol, models.SupportBasic), accounts.Forbidden, "D1")
	for _, who := range []string{frank, budi, "ghost@acme.example.com"} {
		refused(t, f.svc.SetSupportLevel(f.ctx(), actor(carol), c.ID, who, models.SupportBasic), accounts.Unprocessable, "D1")
	}
	f.unchanged(audits)
	if lvl, _ := f.supportLevel(acme, carol); lvl != models.SupportAdmin {
		t.Fatalf("carol = %s", lvl)
	}
	if _, ok := f.supportLevel(acme, budi); ok {
		t.Fatal("budi got a support row on another account")
	}
}
