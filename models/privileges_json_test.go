package models_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// legacyPrivileges is the JSON shape Privileges had before it marshalled
// names: the recorded workflow histories hold it ({"software":1,…}).
type legacyPrivileges struct {
	Software      int16 `json:"software"`
	Reporting     int16 `json:"reporting"`
	Entitlements  int16 `json:"entitlements"`
	ManageAccess  int16 `json:"manage_access"`
	ContactUpdate int16 `json:"contact_update"`
	Documents     int16 `json:"documents"`
}

func legacyOf(p models.Privileges) legacyPrivileges {
	return legacyPrivileges{int16(p.Software), int16(p.Reporting), int16(p.Entitlements),
		int16(p.ManageAccess), int16(p.ContactUpdate), int16(p.Documents)}
}

func mustMarshal(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %+v: %v", v, err)
	}
	return string(b)
}

// Privileges marshal as level names per tool, every tool in B1 order, the
// same names the API shows; a level without a name stays an integer.
func TestPrivilegesMarshalJSONNamesEveryTool(t *testing.T) {
	for _, c := range []struct {
		name string
		in   models.Privileges
		want string
	}{
		{"none", models.Privileges{}, `{"software":"none","reporting":"none","entitlements":"none","manage_access":"none","contact_update":"none","documents":"none"}`},
		{"primary", models.PrimaryPrivileges, `{"software":"full","reporting":"view","entitlements":"update","manage_access":"update","contact_update":"update","documents":"view"}`},
		{"downloads and media", models.Privileges{Software: models.SoftwareDownloadsMedia, Reporting: models.LevelView},
			`{"software":"downloads_media","reporting":"view","entitlements":"none","manage_access":"none","contact_update":"none","documents":"none"}`},
		{"out of range keeps the integer", models.Privileges{Software: 9, Reporting: -1},
			`{"software":9,"reporting":-1,"entitlements":"none","manage_access":"none","contact_update":"none","documents":"none"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := mustMarshal(t, c.in); got != c.want {
				t.Errorf("value:   %s\nwant:    %s", got, c.want)
			}
			if got := mustMarshal(t, &c.in); got != c.want {
				t.Errorf("pointer: %s\nwant:    %s", got, c.want)
			}
		})
	}
}

// Privileges unmarshal from names, from the integers older histories hold,
// and from a mix; a tool left out (or null) keeps its level as with a plain
// struct; anything else is an error that names the tool.
func TestPrivilegesUnmarshalJSON(t *testing.T) {
	start := models.Privileges{Documents: models.LevelView}
	for _, c := range []struct {
		name    string
		in      string
		want    models.Privileges
		wantErr string // substring of the error; "" means success
	}{
		{name: "names", in: `{"software":"downloads","reporting":"view","entitlements":"none","manage_access":"none","contact_update":"none","documents":"none"}`,
			want: models.Privileges{Software: models.SoftwareDownloads, Reporting: models.LevelView}},
		{name: "recorded integers (nomination_approved.json)", in: `{"software":3,"reporting":1,"entitlements":2,"manage_access":2,"contact_update":2,"documents":1}`,
			want: models.PrimaryPrivileges},
		{name: "recorded zero (support_access_approved.json)", in: `{"software":0,"reporting":0,"entitlements":0,"manage_access":0,"contact_update":0,"documents":0}`,
			want: models.Privileges{}},
		{name: "mixed", in: `{"software":"downloads_media","entitlements":1}`,
			want: models.Privileges{Software: models.SoftwareDownloadsMedia, Entitlements: models.LevelView, Documents: models.LevelView}},
		{name: "left out keeps", in: `{}`, want: start},
		{name: "null tool keeps", in: `{"documents":null,"reporting":"view"}`, want: models.Privileges{Reporting: models.LevelView, Documents: models.LevelView}},
		{name: "null", in: `null`, want: start},
		{name: "spaces", in: " { \"software\" : \"full\" } ", want: models.Privileges{Software: models.SoftwareFull, Documents: models.LevelView}},
		{name: "out of range integer is kept (Valid refuses it)", in: `{"software":9}`, want: models.Privileges{Software: 9, Documents: models.LevelView}},
		{name: "unknown tool", in: `{"printing":"view"}`, wantErr: `unknown tool "printing"`},
		{name: "account management is not stored", in: `{"account_management":"update"}`, wantErr: "account_management"},
		{name: "tool names are exact", in: `{"Software":"full"}`, wantErr: `"Software"`},
		{name: "unknown level name", in: `{"software":"view"}`, wantErr: "software"},
		{name: "level names are exact", in: `{"software":"FULL"}`, wantErr: "software"},
		{name: "no level-N names", in: `{"software":"level-1"}`, wantErr: "software"},
		{name: "fraction", in: `{"reporting":1.5}`, wantErr: "reporting"},
		{name: "beyond smallint", in: `{"reporting":70000}`, wantErr: "reporting"},
		{name: "bool", in: `{"reporting":true}`, wantErr: "reporting"},
		{name: "object level", in: `{"reporting":{}}`, wantErr: "reporting"},
		{name: "array", in: `["software"]`, wantErr: "privileges"},
		{name: "string", in: `"full"`, wantErr: "privileges"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := start
			err := json.Unmarshal([]byte(c.in), &got)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("Unmarshal(%s) = %+v, %v; want an error mentioning %q", c.in, got, err, c.wantErr)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("Unmarshal(%s) = %+v, %v; want %+v", c.in, got, err, c.want)
			}
		})
	}
}

// A pointer field the workflow state uses (granted) is omitted when nil,
// decoded into a fresh value from either form, and marshalled by name.
func TestPrivilegesPointerFieldJSON(t *testing.T) {
	type state struct {
		Granted      *models.Privileges   `json:"granted,omitempty"`
		SupportLevel *models.SupportLevel `json:"support_level,omitempty"`
	}
	if got := mustMarshal(t, state{}); got != `{}` {
		t.Errorf("nil fields = %s, want {}", got)
	}
	full := models.SupportFull
	got := mustMarshal(t, state{Granted: &models.Privileges{Software: models.SoftwareDownloads}, SupportLevel: &full})
	if !strings.Contains(got, `"granted":{"software":"downloads",`) || !strings.Contains(got, `"support_level":"full"`) {
		t.Errorf("state = %s", got)
	}
	for _, in := range []string{
		`{"granted":{"software":1,"reporting":0},"support_level":2}`,
		`{"granted":{"software":"downloads","reporting":"none"},"support_level":"full"}`,
	} {
		var s state
		if err := json.Unmarshal([]byte(in), &s); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if s.Granted == nil || *s.Granted != (models.Privileges{Software: models.SoftwareDownloads}) || s.SupportLevel == nil || *s.SupportLevel != models.SupportFull {
			t.Errorf("%s decoded to %+v / %v", in, s.Granted, s.SupportLevel)
		}
	}
}

// Support levels marshal as their names and unmarshal from names or the
// integers older histories hold.
func TestSupportLevelJSON(t *testing.T) {
	for l, name := range map[models.SupportLevel]string{
		models.SupportNone: `"none"`, models.SupportBasic: `"basic"`, models.SupportFull: `"full"`,
		models.SupportAdmin: `"administrator"`, 7: `7`, -2: `-2`,
	} {
		if got := mustMarshal(t, l); got != name {
			t.Errorf("Marshal(%d) = %s, want %s", l, got, name)
		}
	}
	for _, c := range []struct {
		in      string
		want    models.SupportLevel
		wantErr bool
	}{
		{`"basic"`, models.SupportBasic, false},
		{`"administrator"`, models.SupportAdmin, false},
		{`2`, models.SupportFull, false},
		{`0`, models.SupportNone, false},
		{`null`, models.SupportBasic, false}, // unchanged
		{`"Full"`, 0, true},
		{`"admin"`, 0, true},
		{`2.5`, 0, true},
		{`40000`, 0, true},
		{`true`, 0, true},
		{`{}`, 0, true},
	} {
		got := models.SupportBasic
		err := json.Unmarshal([]byte(c.in), &got)
		if (err != nil) != c.wantErr || (!c.wantErr && got != c.want) {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v (error %v)", c.in, got, err, c.want, c.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "support level") {
			t.Errorf("Unmarshal(%s) error %q does not say what failed", c.in, err)
		}
	}
}

// Every valid Privileges round-trips through its names, through the
// legacy integer form, and its names are those the API shows (Named).
func TestPrivilegesJSONRoundTripEveryValidValue(t *testing.T) {
	n := 0
	for bits := uint32(0); bits < 1<<24; bits += 0x10101 {
		p := privilegesFrom(bits)
		checkRoundTrip(t, p)
		var names map[string]string
		if err := json.Unmarshal([]byte(mustMarshal(t, p)), &names); err != nil {
			t.Fatalf("%+v does not marshal to names only: %v", p, err)
		}
		for tool, name := range p.Named() {
			if names[string(tool)] != name {
				t.Fatalf("%+v: JSON %s=%q, API %q", p, tool, names[string(tool)], name)
			}
		}
		n++
	}
	if n < 100 {
		t.Fatalf("only %d values checked", n)
	}
}

// checkRoundTrip asserts p survives its own JSON and the legacy integer
// JSON unchanged.
func checkRoundTrip(t testing.TB, p models.Privileges) {
	t.Helper()
	for _, form := range []string{mustMarshal(t, p), mustMarshal(t, legacyOf(p))} {
		var got models.Privileges
		if err := json.Unmarshal([]byte(form), &got); err != nil || got != p {
			t.Fatalf("Unmarshal(%s) = %+v, %v; want %+v", form, got, err, p)
		}
	}
}

// Any levels, valid or not, survive a round trip in either form, and valid
// ones are written by name only.
func FuzzPrivilegesJSONRoundTrip(f *testing.F) {
	f.Add(int16(0), int16(0), int16(0), int16(0), int16(0), int16(0))
	f.Add(int16(3), int16(1), int16(2), int16(2), int16(2), int16(1))
	f.Add(int16(2), int16(1), int16(0), int16(0), int16(0), int16(0))
	f.Add(int16(4), int16(-1), int16(32767), int16(-32768), int16(3), int16(2))
	f.Fuzz(func(t *testing.T, s, r, e, m, c, d int16) {
		p := models.Privileges{Software: models.Level(s), Reporting: models.Level(r), Entitlements: models.Level(e),
			ManageAccess: models.Level(m), ContactUpdate: models.Level(c), Documents: models.Level(d)}
		checkRoundTrip(t, p)
		var names map[string]string
		namesOnly := json.Unmarshal([]byte(mustMarshal(t, p)), &names) == nil
		if valid := p.Valid() == nil; valid != namesOnly {
			t.Fatalf("%+v: valid=%v but written by names only=%v (%s)", p, valid, namesOnly, mustMarshal(t, p))
		}
	})
}

// Whatever UnmarshalJSON accepts it reads back the same from its own
// output; it never panics.
func FuzzPrivilegesUnmarshalJSON(f *testing.F) {
	f.Add([]byte(`{"software":"downloads","reporting":1}`))
	f.Add([]byte(`{"software":3,"reporting":1,"entitlements":2,"manage_access":2,"contact_update":2,"documents":1}`))
	f.Add([]byte(`{"documents":null}`))
	f.Add([]byte(`{"software":"level-1"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p models.Privileges
		if err := json.Unmarshal(data, &p); err != nil {
			return
		}
		checkRoundTrip(t, p)
	})
}

func FuzzSupportLevelJSONRoundTrip(f *testing.F) {
	for _, l := range []int16{0, 1, 2, 3, 4, -1, 32767} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, n int16) {
		l := models.SupportLevel(n)
		for _, form := range []string{mustMarshal(t, l), mustMarshal(t, n)} {
			var got models.SupportLevel
			if err := json.Unmarshal([]byte(form), &got); err != nil || got != l {
				t.Fatalf("Unmarshal(%s) = %v, %v; want %v", form, got, err, l)
			}
		}
		if named := strings.HasPrefix(mustMarshal(t, l), `"`); named != (n >= 0 && n <= 3) {
			t.Fatalf("level %d marshalled to %s", n, mustMarshal(t, l))
		}
	})
}
