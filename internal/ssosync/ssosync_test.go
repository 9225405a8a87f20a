package ssosync

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/testenv"
)

// A person's config: comments, odd spacing, their own profiles, one of
// which has a name the portal's accounts would take.
const before = `# my config ; keep me
[default]
region=eu-west-1   

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile acme-prod-Admin]   # mine, by hand
sso_session = corp
sso_account_id = 999999999999
sso_role_name = Admin
`

var granted = []Role{
	{AccountID: "222222222222", AccountName: "Acme Dev", RoleName: "ReadOnly"},
	{AccountID: "111111111111", AccountName: "acme prod", RoleName: "Admin"},
	{AccountID: "222222222222", AccountName: "Acme Dev", RoleName: "Admin"},
	{AccountID: "333333333333", AccountName: "Acme\nDev!", RoleName: "Admin"}, // a name like another's, and a line break
	{AccountID: "44444444444", AccountName: "short", RoleName: "Admin"},       // not an account ID
}

// revoked is the profile of the account the portal stops granting.
const revoked = `
[profile Acme-Dev-Admin-333333333333]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = Admin
sso_account_name = Acme Dev!
region = us-east-1
`

func TestSync(t *testing.T) {
	res, err := Sync("config", []byte(before), granted, Options{Session: "corp", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	got := string(res.Data)
	if !strings.HasPrefix(got, before) {
		t.Fatalf("the bytes before the block changed:\n%s", got)
	}
	wantBlock := `
# >>> awsp sso sync: corp (generated: edits inside are undone by the next sync) sha256:SUM
[profile Acme-Dev-Admin]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = Admin
sso_account_name = Acme Dev
region = us-east-1
` + revoked + `
[profile Acme-Dev-ReadOnly]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = ReadOnly
sso_account_name = Acme Dev
region = us-east-1
# <<< awsp sso sync: corp
`
	if block := strings.Replace(got[len(before):], checksumOf(t, res.Data), "SUM", 1); block != wantBlock {
		t.Errorf("block:\n%s\nwant:\n%s", block, wantBlock)
	}
	wantRes := "added [Acme-Dev-Admin Acme-Dev-Admin-333333333333 Acme-Dev-ReadOnly] renamed [Acme-Dev-Admin: account 333333333333 role Admin is Acme-Dev-Admin-333333333333] " +
		`skipped [acme-prod-Admin: a profile of that name is outside the block (account 111111111111, role Admin not written) account "44444444444" role "Admin": not an AWS account ID and role name] profiles 3`
	if s := summary(res); s != wantRes || !res.Changed {
		t.Errorf("result %s, want %s", s, wantRes)
	}

	// Again with nothing changed: nothing to write.
	again, err := Sync("config", res.Data, granted, Options{Session: "corp", Region: "us-east-1"})
	if err != nil || again.Changed || string(again.Data) != got || len(again.Added) != 0 {
		t.Errorf("a second sync changed %v %v %q", err, again.Changed, again.Added)
	}

	// A hand edit outside the block stays; a revoked account is kept,
	// then pruned.
	edited := strings.Replace(got, "region=eu-west-1   ", "region=eu-west-2 ; moved", 1) + "\n[profile after]\nregion = x\n"
	stillGranted := granted[:3]
	kept, _ := Sync("config", []byte(edited), stillGranted, Options{Session: "corp", Region: "us-east-1"})
	if kept.Changed || summary(kept) != "kept [Acme-Dev-Admin-333333333333] skipped [acme-prod-Admin: a profile of that name is outside the block (account 111111111111, role Admin not written)] profiles 3" {
		t.Errorf("without --prune: %v %s", kept.Changed, summary(kept))
	}
	pruned, _ := Sync("config", []byte(edited), stillGranted, Options{Session: "corp", Region: "us-east-1", Prune: true})
	wantPruned := strings.Replace(edited, revoked, "", 1)
	wantPruned = strings.Replace(wantPruned, checksumOf(t, []byte(edited)), checksumOf(t, pruned.Data), 1)
	if string(pruned.Data) != wantPruned || strings.Join(pruned.Removed, " ") != "Acme-Dev-Admin-333333333333" {
		t.Errorf("--prune:\n%s\nwant\n%s", pruned.Data, wantPruned)
	}
	if blocks, err := Blocks(pruned.Data); err != nil || len(blocks) != 1 || blocks[0].Edited {
		t.Errorf("blocks after prune: %+v %v", blocks, err)
	}
}

func checksumOf(t *testing.T, data []byte) string {
	t.Helper()
	_, after, ok := strings.Cut(string(data), beginNote)
	if !ok {
		t.Fatalf("no block in\n%s", data)
	}
	return after[:16]
}

func summary(r Result) string {
	var parts []string
	for _, p := range []struct {
		name string
		list []string
	}{{"added", r.Added}, {"removed", r.Removed}, {"kept", r.Kept}, {"renamed", r.Renamed}, {"skipped", r.Skipped}} {
		if len(p.list) > 0 {
			parts = append(parts, p.name+" ["+strings.Join(p.list, " ")+"]")
		}
	}
	return strings.Join(append(parts, "profiles "+strconv.Itoa(r.Profiles)), " ")
}

func TestBlocks(t *testing.T) {
	res, _ := Sync("config", nil, granted[:1], Options{Session: "corp"})
	edited := strings.Replace(string(res.Data), "ReadOnly\n", "ReadOnly\nregion = eu-west-1\n", 1)
	for _, c := range []struct{ data, want string }{
		{string(res.Data), "corp 1-7 false"},
		{edited, "corp 1-8 true"},
		{string(res.Data) + string(res.Data), "error: line 8: a second block of corp (the first at line 1)"},
		{strings.Replace(string(res.Data), endPrefix+"corp\n", "", 1), "error: line 1: the block of corp has no end marker (# <<< awsp sso sync: corp)"},
	} {
		blocks, err := Blocks([]byte(c.data))
		got := ""
		if err != nil {
			got = "error: " + err.Error()
		}
		for _, b := range blocks {
			got += b.Session + " " + strconv.Itoa(b.Begin) + "-" + strconv.Itoa(b.End) + " " + map[bool]string{true: "true", false: "false"}[b.Edited]
		}
		if got != c.want {
			t.Errorf("%q: %s, want %s", c.data, got, c.want)
		}
	}
}

// TestNames: every name is one word botocore takes in [profile NAME]
// (doc/aws-semantics.md#iam-identity-center-portal).
func TestNames(t *testing.T) {
	r := Role{AccountID: "123456789012", AccountName: "Acme: Prod / EU", RoleName: "AWSAdministratorAccess"}
	for tmpl, want := range map[string]string{
		DefaultTemplate:              "Acme-Prod-EU-AWSAdministratorAccess",
		"{session}.{account_id}":     "corp.123456789012",
		"x {account_name} $(id) ":    "x-Acme-Prod-EU-id",
		"{role_name}@{account_name}": "AWSAdministratorAccess@Acme-Prod-EU",
	} {
		if got := Name(tmpl, "corp", r); got != want {
			t.Errorf("%q: %q, want %q", tmpl, got, want)
		}
	}
	for tmpl, want := range map[string]string{"{account}": "--template: {account} is none of {account_name}, {account_id}, {role_name}, {session}", "static": `--template "static" uses no field: every profile would have the same name`} {
		if err := CheckTemplate(tmpl); err == nil || err.Error() != want {
			t.Errorf("%q: %v", tmpl, err)
		}
	}
}

// TestCorpusOutsideTheBlock syncs into every config file of the shared
// corpus (real files of other projects, read where they are): every byte
// before the block stays, a second sync changes nothing, a sync with a
// role revoked and --prune changes only the block, and the lint finds the
// block as the sync left it.
func TestCorpusOutsideTheBlock(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus", "aws-files")
	configs, _ := filepath.Glob(filepath.Join(root, "*", "config"))
	if len(configs) == 0 {
		testenv.Needed(t, "no corpus at %s", root)
	}
	roles := []Role{{AccountID: "111111111111", AccountName: "Corpus One", RoleName: "Admin"}, {AccountID: "222222222222", AccountName: "Corpus Two", RoleName: "ReadOnly"}}
	for _, path := range configs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Blocks(data); err != nil {
			continue // a corpus file that already looks like a broken block: none is
		}
		res, err := Sync(path, data, roles, Options{Session: "awsp-test-session"})
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if !bytes.HasPrefix(res.Data, data) {
			t.Errorf("%s: the bytes before the block changed", path)
		}
		again, _ := Sync(path, res.Data, roles, Options{Session: "awsp-test-session"})
		pruned, _ := Sync(path, res.Data, roles[:1], Options{Session: "awsp-test-session", Prune: true})
		blocks, _ := Blocks(pruned.Data)
		if again.Changed || !bytes.HasPrefix(pruned.Data, data) || len(blocks) != 1 || blocks[0].Edited || len(Lint(path, pruned.Data)) != 0 {
			t.Errorf("%s: again %v, pruned prefix %v, blocks %+v", path, again.Changed, bytes.HasPrefix(pruned.Data, data), blocks)
		}
		if strings.Count(string(pruned.Data), "[profile Corpus-") != 1 {
			t.Errorf("%s: prune left %d profiles", path, strings.Count(string(pruned.Data), "[profile Corpus-"))
		}
	}
}

func TestLint(t *testing.T) {
	res, _ := Sync("config", nil, granted[:1], Options{Session: "corp"})
	edited := strings.Replace(string(res.Data), "ReadOnly\n", "ReadOnly\nregion = eu-west-1\n", 1)
	got := Lint("config", []byte(edited))
	want := "config:1: warning: sso-block-edited: the block awsp sso sync keeps for corp (lines 1-8) was edited by hand: the next sync undoes it; put your own profiles outside the block"
	if len(got) != 1 || got[0].String() != want {
		t.Errorf("%v, want %s", got, want)
	}
	broken := Lint("config", []byte(strings.Replace(string(res.Data), endPrefix+"corp\n", "", 1)))
	want = "config:1: warning: sso-block-broken: line 1: the block of corp has no end marker (# <<< awsp sso sync: corp): awsp sso sync will not touch the file until it is mended"
	if len(broken) != 1 || broken[0].String() != want {
		t.Errorf("%v, want %s", broken, want)
	}
	if clean := Lint("config", res.Data); len(clean) != 0 {
		t.Errorf("%v", clean)
	}
}

// TestAccountNamesAreOneSafeLine: a portal's account name cannot start a
// section of the file or reach a terminal as a control sequence.
func TestAccountNamesAreOneSafeLine(t *testing.T) {
	res, err := Sync("config", nil, []Role{{AccountID: "111111111111", AccountName: "Evil\n[profile x]\r\x1b[31m\u202egnp.exe\x9b", RoleName: "Admin"}}, Options{Session: "corp", Template: "{account_id}-{role_name}"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Data), "\nsso_account_name = Evil [profile x]  [31m gnp.exe\n") || strings.Count(string(res.Data), "[profile") != 2 {
		t.Errorf("%q", res.Data)
	}
}

// TestCRLF: a file written on Windows keeps its line endings, and its
// block reads back unedited.
func TestCRLF(t *testing.T) {
	data := []byte("[profile mine]\r\nregion = eu-west-1\r\n")
	res, err := Sync("config", data, granted[:1], Options{Session: "corp"})
	if err != nil {
		t.Fatal(err)
	}
	want := "[profile mine]\r\nregion = eu-west-1\r\n\r\n# >>> awsp sso sync: corp (generated: edits inside are undone by the next sync) sha256:" + checksumOf(t, res.Data) +
		"\r\n[profile Acme-Dev-ReadOnly]\r\nsso_session = corp\r\nsso_account_id = 222222222222\r\nsso_role_name = ReadOnly\r\nsso_account_name = Acme Dev\r\n# <<< awsp sso sync: corp\r\n"
	if string(res.Data) != want {
		t.Errorf("%q\nwant %q", res.Data, want)
	}
	if blocks, err := Blocks(res.Data); err != nil || len(blocks) != 1 || blocks[0].Edited {
		t.Errorf("%+v %v", blocks, err)
	}
	if again, _ := Sync("config", res.Data, granted[:1], Options{Session: "corp"}); again.Changed {
		t.Error("a second sync changed a CRLF file")
	}
}

// TestCollisionsInOrder: names that collide are settled by account ID,
// then role name, whatever order the portal answers in.
func TestCollisionsInOrder(t *testing.T) {
	roles := []Role{
		{AccountID: "111111111111", AccountName: "Acme", RoleName: "ReadOnly"},
		{AccountID: "111111111111", AccountName: "Acme", RoleName: "Dev"},
		{AccountID: "111111111111", AccountName: "Acme", RoleName: "Admin"},
		{AccountID: "111111111111", AccountName: "Acme", RoleName: "Billing"},
		{AccountID: "000000000000", AccountName: "default", RoleName: "Admin"},
	}
	res, err := Sync("config", []byte("[default]\nregion = eu-west-1\n"), roles, Options{Session: "corp", Template: "{account_name}"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range profiles.Parse("config", res.Data).Sections {
		if name, ok := profiles.ProfileHeader(s.Header); ok {
			role, _ := s.Get("sso_role_name")
			got = append(got, name+"="+role.Value)
		}
	}
	want := "default= Acme=Admin Acme-111111111111=Billing Acme-111111111111-2=Dev Acme-111111111111-3=ReadOnly"
	if strings.Join(got, " ") != want {
		t.Errorf("%s\nwant %s", strings.Join(got, " "), want)
	}
	if len(res.Skipped) != 1 || !strings.HasPrefix(res.Skipped[0], "default: a profile of that name is outside the block") {
		t.Errorf("skipped %q", res.Skipped)
	}
	// Nothing granted and no block: the file as it was.
	none, _ := Sync("config", []byte("[default]\n"), nil, Options{Session: "corp"})
	if none.Changed || string(none.Data) != "[default]\n" {
		t.Errorf("%q", none.Data)
	}
}

func TestShapes(t *testing.T) {
	for s, want := range map[string]bool{"a": true, strings.Repeat("r", 64): true, strings.Repeat("r", 65): false, "": false,
		"azAZ09_+=,.@-": true, "a b": false, "a/b": false, "a`": false, "a{": false, "a:": false, "a[": false} {
		if isRoleName(s) != want {
			t.Errorf("isRoleName(%q) = %v", s, !want)
		}
	}
	for s, want := range map[string]bool{"123456789012": true, "12345678901": false, "1234567890123": false, "12345678901a": false} {
		if isAccountID(s) != want {
			t.Errorf("isAccountID(%q) = %v", s, !want)
		}
	}
	for tmpl, want := range map[string]string{"{account_name}-{role_name}": "account_name role_name", "{a}b}{c": "a", "x{": "", "{}{session}": "session", "{Up}{x1}": ""} {
		if got := strings.Join(fieldRefs(tmpl), " "); got != want {
			t.Errorf("fieldRefs(%q) = %q, want %q", tmpl, got, want)
		}
	}
	r := Role{AccountID: "123456789012", AccountName: "A", RoleName: "R"}
	for tmpl, want := range map[string]string{"{account_id}{role_name}": "123456789012R", "{nope}-{role_name}": "nope-R", "pre-{role_name}-{": "pre-R"} {
		if got := Name(tmpl, "corp", r); got != want {
			t.Errorf("Name(%q) = %q, want %q", tmpl, got, want)
		}
	}
}
