package seed

import "github.com/pao/pao/models"

type contactSpec struct {
	site  string
	role  models.ContactRole
	email string
}

var contacts = []contactSpec{
	// Acme origin: every A2 role filled, some people holding several.
	{"300001", models.RolePrimary, "alice@acme.example.com"},
	{"300001", models.RoleAdministrative, "bob@acme.example.com"},
	{"300001", models.RoleTechnical, "carol@acme.example.com"},
	{"300001", models.RoleSecondary, "dave@acme.example.com"},
	{"300001", models.RoleSecondary, "grace@acme.example.com"},
	{"300001", models.RoleRenewal, "bob@acme.example.com"},
	{"300001", models.RoleMedia, "carol@acme.example.com"},
	{"300001", models.RoleBilling, "henry@acme.example.com"},

	{"300002", models.RolePrimary, "heidi@acme.example.com"},
	{"300002", models.RoleAdministrative, "bob@acme.example.com"},
	{"300002", models.RoleTechnical, "carol@acme.example.com"},

	{"300101", models.RolePrimary, "budi@nusantara.example.com"},
	{"300101", models.RoleAdministrative, "siti@nusantara.example.com"},
	{"300101", models.RoleTechnical, "dewi@nusantara.example.com"},
	{"300101", models.RoleRenewal, "siti@nusantara.example.com"},
	{"300101", models.RoleMedia, "dewi@nusantara.example.com"},
	{"300101", models.RoleBilling, "siti@nusantara.example.com"},

	{"300201", models.RolePrimary, "rina@banksejahtera.example.com"},
	{"300201", models.RoleAdministrative, "agus@banksejahtera.example.com"},
	{"300201", models.RoleTechnical, "agus@banksejahtera.example.com"},
	{"300201", models.RoleSecondary, "putri@banksejahtera.example.com"},

	{"300301", models.RolePrimary, "ian@brightwell.example.com"},
	{"300301", models.RoleTechnical, "jack@brightwell.example.com"},

	// The Primary is the only contact of this site: it receives everything.
	{"300302", models.RolePrimary, "solo@brightwell.example.com"},

	{"400001", models.RolePrimary, "made@kopikita.example.com"},
	{"400001", models.RoleTechnical, "made@kopikita.example.com"},
}

// Privilege sets of the demo (B1).
var (
	privAdministrative = models.Privileges{Software: models.SoftwareFull, Reporting: models.LevelView, Documents: models.LevelView}
	privTechnical      = models.Privileges{Software: models.SoftwareDownloadsMedia, Reporting: models.LevelView, Entitlements: models.LevelUpdate}
	privAdminAndSTC    = privAdministrative.Max(privTechnical)
	privSecondary      = models.Privileges{Software: models.SoftwareDownloads, Reporting: models.LevelView, Entitlements: models.LevelView}
	privDelegate       = models.Privileges{
		Software: models.SoftwareFull, Reporting: models.LevelView, Entitlements: models.LevelView,
		ManageAccess: models.LevelUpdate, ContactUpdate: models.LevelView, Documents: models.LevelView,
	}
	privBilling    = models.Privileges{Reporting: models.LevelView, Documents: models.LevelView}
	privDownloads  = models.Privileges{Software: models.SoftwareDownloads}
	privReportOnly = models.Privileges{Reporting: models.LevelView}
)

type accessSpec struct {
	site, email string
	priv        models.Privileges
}

// access: every contact and plain user has a row; every Primary holds
// models.PrimaryPrivileges.
var access = []accessSpec{
	{"300001", "alice@acme.example.com", models.PrimaryPrivileges},
	{"300001", "bob@acme.example.com", privAdministrative},
	{"300001", "carol@acme.example.com", privTechnical},
	{"300001", "dave@acme.example.com", privSecondary},
	{"300001", "grace@acme.example.com", privDelegate},
	{"300001", "henry@acme.example.com", privBilling},
	{"300001", "erin@acme.example.com", privDownloads},

	{"300002", "heidi@acme.example.com", models.PrimaryPrivileges},
	{"300002", "bob@acme.example.com", privAdministrative},
	{"300002", "carol@acme.example.com", privTechnical},

	{"300101", "budi@nusantara.example.com", models.PrimaryPrivileges},
	{"300101", "siti@nusantara.example.com", privAdministrative},
	{"300101", "dewi@nusantara.example.com", privTechnical},

	{"300201", "rina@banksejahtera.example.com", models.PrimaryPrivileges},
	{"300201", "agus@banksejahtera.example.com", privAdminAndSTC},
	{"300201", "putri@banksejahtera.example.com", privReportOnly},

	{"300301", "ian@brightwell.example.com", models.PrimaryPrivileges},
	{"300301", "jack@brightwell.example.com", privTechnical},

	{"300302", "solo@brightwell.example.com", models.PrimaryPrivileges},

	{"400001", "made@kopikita.example.com", models.PrimaryPrivileges},
}

type supportSpec struct {
	customer, email string
	level           models.SupportLevel
}

// support: each site's STC administers support access of its customer (D2).
var support = []supportSpec{
	{"1000001", "carol@acme.example.com", models.SupportAdmin},
	{"1000001", "alice@acme.example.com", models.SupportFull},
	{"1000001", "grace@acme.example.com", models.SupportFull},
	{"1000001", "heidi@acme.example.com", models.SupportFull},
	{"1000001", "bob@acme.example.com", models.SupportBasic},
	{"1000001", "dave@acme.example.com", models.SupportBasic},
	{"1000001", "henry@acme.example.com", models.SupportNone},
	{"1000001", "erin@acme.example.com", models.SupportNone},

	{"1000002", "dewi@nusantara.example.com", models.SupportAdmin},
	{"1000002", "budi@nusantara.example.com", models.SupportFull},
	{"1000002", "siti@nusantara.example.com", models.SupportBasic},

	{"1000003", "agus@banksejahtera.example.com", models.SupportAdmin},
	{"1000003", "rina@banksejahtera.example.com", models.SupportFull},
	{"1000003", "putri@banksejahtera.example.com", models.SupportNone},

	{"1000004", "jack@brightwell.example.com", models.SupportAdmin},
	{"1000004", "ian@brightwell.example.com", models.SupportFull},
	{"1000004", "solo@brightwell.example.com", models.SupportBasic},

	{"1000005", "made@kopikita.example.com", models.SupportAdmin},
}
