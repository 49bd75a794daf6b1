package seed

import (
	"fmt"

	"github.com/pao/pao/models"
)

// packageSpec is a downloadable package of a product coverage is held on
// (its S&S renewal part): a version for a platform, the file's name, size
// and SHA-256 (of the placeholder content models.NewPlaceholder generates
// for that name and size; a test checks each), and how many days before
// the load it was released.
type packageSpec struct {
	part, version string
	platform      models.Platform
	file          string
	size          int64
	releasedAgo   int
	sha256        string
}

// packages: every product the demo sites hold coverage of has a few
// versions on a few platforms; the newest were released in the last
// months, so a site whose coverage lapses keeps the older ones only.
var packages = []packageSpec{
	{"E0R50LL", "11.5.9", models.PlatformLinuxX86, "db2-aese-11.5.9-linux-x86_64.tar.gz", 930000, 720, "524c1708cfa5b0eddd8b47afb5050b1fa4309118856a7a1ed8d1f5ca8e6c14d1"},
	{"E0R50LL", "11.5.9", models.PlatformAIX, "db2-aese-11.5.9-aix-ppc64.tar.gz", 1010000, 720, "253147367474c473e71480d7e045a84bd3ce05828c044656296ab51736f2e9db"},
	{"E0R50LL", "11.5.9", models.PlatformWindows, "db2-aese-11.5.9-windows-x64.zip", 870000, 720, "80486fc23b9f6bd97ecaa5fa487ca43af822afb13a1f7c52df6ca42a2713f7a9"},
	{"E0R50LL", "12.1.0", models.PlatformLinuxX86, "db2-aese-12.1.0-linux-x86_64.tar.gz", 980000, 300, "31397933288a9fa29206ef8876907705913c55c18a9b07e1aff246fe7d72ac8b"},
	{"E0R50LL", "12.1.0", models.PlatformLinuxZ, "db2-aese-12.1.0-linux-s390x.tar.gz", 960000, 300, "df26668fcdeee2afb7a2cc64891cd165ff2127092e58fee8e0cae79bf196cde0"},
	{"E0R50LL", "12.1.0", models.PlatformWindows, "db2-aese-12.1.0-windows-x64.zip", 905000, 300, "b7b091e805e853d9fae40f2ae625df69f9d2a4e97edafabda0961a16f7c26f13"},
	{"E0R50LL", "12.1.1", models.PlatformLinuxX86, "db2-aese-12.1.1-linux-x86_64.tar.gz", 1001000, 60, "3a8309126a9c41ffb2c64287b765f6dc88819d3cfc9ca522d6146f9e75ab2a6e"},
	{"E0R50LL", "12.1.1", models.PlatformAIX, "db2-aese-12.1.1-aix-ppc64.tar.gz", 1048576, 60, "2242c406d5d4e29c8afb2022b62df8dae829bf78bb9ffa417974a405f0d0d14d"},
	{"E0MQ2LL", "9.3.0", models.PlatformLinuxX86, "mq-advanced-9.3.0-linux-x86_64.tar.gz", 610000, 1000, "a4b5a78150640fdb3e71d0082c04433111a48b33536c8b6eae1ca4fe57c8000b"},
	{"E0MQ2LL", "9.4.0", models.PlatformLinuxX86, "mq-advanced-9.4.0-linux-x86_64.tar.gz", 640000, 420, "04a38e20cb44439b68e23f8131cb8460be0ac5dd4337309da5a3e06d9b472a06"},
	{"E0MQ2LL", "9.4.0", models.PlatformWindows, "mq-advanced-9.4.0-windows-x64.zip", 700000, 420, "77e8cbd648615138cb40acd3d4d7623fbe01297027e58dde4a20f51c27d5b421"},
	{"E0MQ2LL", "9.4.0", models.PlatformAIX, "mq-advanced-9.4.0-aix-ppc64.tar.gz", 655000, 420, "446b365bbd3ef1d71bd2ed1440972eab043b8ec5a3270f49b07987dcb57af355"},
	{"E0MQ2LL", "9.4.2", models.PlatformLinuxX86, "mq-advanced-9.4.2-linux-x86_64.tar.gz", 648000, 90, "12f34111de6336e9939816bdd63650115a3b4c65022a6662254f73f6fce1361c"},
	{"E0MQ2LL", "9.4.2", models.PlatformWindows, "mq-advanced-9.4.2-windows-x64.zip", 705000, 90, "1dc6643d8a10cf0571cb648934cb39a72ae75a12756d3387e00b7f83262e5210"},
	{"E0VJ6LL", "7.5.0-UP10", models.PlatformLinuxX86, "qradar-siem-7.5.0-UP10-linux-x86_64.iso", 1040000, 400, "859922e9abafe1f4c127c0d764fa713a3abdc03ed43c6916a4875cde4da575c2"},
	{"E0VJ6LL", "7.5.0-UP12", models.PlatformLinuxX86, "qradar-siem-7.5.0-UP12-linux-x86_64.iso", 1046000, 120, "9114baf07ca78bbe1b775653ad9993a3f837fdaea407324430786ac57e1a4eae"},
	{"E0TP9LL", "24.0.0", models.PlatformLinuxX86, "cp4ba-24.0.0-linux-x86_64.tar.gz", 820000, 365, "dad743109f6aebc789917f457f46a0a1fdcef8b51026c9ca651389108c721557"},
	{"E0TP9LL", "24.0.0", models.PlatformLinuxZ, "cp4ba-24.0.0-linux-s390x.tar.gz", 815000, 365, "32cb011aa3f991d84f75bb22d7dd930255ce23c9597ce133379b65b01e2ca671"},
	{"E0TP9LL", "24.0.1", models.PlatformLinuxX86, "cp4ba-24.0.1-linux-x86_64.tar.gz", 826000, 100, "491f17ef6e6eeb05af4dcc7d1d20a90260421bd5868bfd96bfe9348b8f8d2ed7"},
	{"E0TP9LL", "24.0.1", models.PlatformLinuxPower, "cp4ba-24.0.1-linux-ppc64le.tar.gz", 818000, 100, "efe0da570bd9d6176a40e3b17561b6eb0fccccb27dab400eaca399c4708daade"},
	{"E0TP9LL", "24.0.1", models.PlatformLinuxZ, "cp4ba-24.0.1-linux-s390x.tar.gz", 821000, 100, "7e977ed0ace3d72a3191f706c26079e17050553c4e1ef16ca2ebf8d07739d7d9"},
	{"E0N7MLL", "29.0.2", models.PlatformWindows, "spss-statistics-29.0.2-windows-x64.zip", 512000, 450, "fa4cac470c01644e4ab680584b300645dc9aed762b2ba1227a0625215e92fd05"},
	{"E0N7MLL", "29.0.2", models.PlatformMacOS, "spss-statistics-29.0.2-macos-arm64.dmg", 498000, 450, "b956e0e14fb823901839fcb366a905448b469b82b83eefa4fd7fdc0fdb1ab516"},
	{"E0N7MLL", "30.0.0", models.PlatformWindows, "spss-statistics-30.0.0-windows-x64.zip", 530000, 150, "e677e92693876db03985f65d56cb910ebeb47d949be834d9ad07b4f20b95c58f"},
	{"E0N7MLL", "30.0.0", models.PlatformMacOS, "spss-statistics-30.0.0-macos-arm64.dmg", 515000, 150, "958747f76e122a21647e7fa1ac1bc6de577cdcb4628e7f5a7b3e08a063b3080b"},
	{"E0N7MLL", "30.0.0", models.PlatformLinuxX86, "spss-statistics-30.0.0-linux-x86_64.tar.gz", 505000, 150, "9e6b6ea169092d335a6ad2a9f8173a5ffde3dea4b2ba9c4b471b794a2aa9234f"},
	{"E0WS1LL", "9.0.5.20", models.PlatformLinuxX86, "was-nd-9.0.5.20-linux-x86_64.zip", 760000, 240, "de20544dbaa4ee96f1ef6fa59429cfe561f11044e8082a4d7786ed3e744a9429"},
	{"E0WS1LL", "9.0.5.20", models.PlatformAIX, "was-nd-9.0.5.20-aix-ppc64.zip", 772000, 240, "20890d34ef56eac903e6f73189e083430efc849a32b834c09ec311599d0dff33"},
	{"E0WS1LL", "9.0.5.22", models.PlatformLinuxX86, "was-nd-9.0.5.22-linux-x86_64.zip", 763000, 30, "ec3e426e99436393aaa72a09ab2e583bf14766011f18f3e1013b820324c6b787"},
	{"E0WS1LL", "9.0.5.22", models.PlatformWindows, "was-nd-9.0.5.22-windows-x64.zip", 758000, 30, "70a7cfdd0b29e85b615ef2c76528867580a10f48826cd2b4b39c68e9c7ffb45c"},
	{"E0WS1LL", "9.0.5.22", models.PlatformZOS, "was-nd-9.0.5.22-zos.pax.Z", 790000, 30, "cb499043324992f996873922df6fd4e22dbc6cee2753acffebe84e1ae2077c49"},
}

// packages inserts the packages keyed by (product, version, platform); a
// second load adds nothing and keeps the first load's release dates.
func (l *loader) packages() error {
	rows := make([]models.Package, 0, len(packages))
	for _, p := range packages {
		id, ok := l.productIDs[p.part]
		if !ok {
			return fmt.Errorf("package %s: no product %s in the dataset", p.file, p.part)
		}
		rows = append(rows, models.Package{
			ProductID: id, Version: p.version, Platform: p.platform, FileName: p.file,
			SizeBytes: p.size, SHA256: p.sha256, ReleasedOn: l.day.AddDate(0, 0, -p.releasedAgo),
		})
	}
	if err := l.tx.Clauses(doNothing()).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert packages: %w", err)
	}
	return nil
}
