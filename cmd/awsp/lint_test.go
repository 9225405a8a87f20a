package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/testenv"
)

// noSecrets fails when any output holds a secret of the sample or the
// environment.
func noSecrets(t *testing.T, outputs ...string) {
	t.Helper()
	for _, out := range outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("a secret in the output: %q", out)
			}
		}
	}
}

// TestLintFixSampleHome: --fix on the sample home prints the diff of its
// two fixable findings (mfa_serial of a Derived profile whose Primary is
// IAM Identity Center's, a mistyped source_profile); --write writes
// exactly that, keeps the old file beside it with its mode, and the lint
// then finds only what has no safe fix. The credentials file is not
// touched, and no output holds a secret.
func TestLintFixSampleHome(t *testing.T) {
	env := sampleHome(t)
	env["NO_COLOR"] = "1"
	config := filepath.Join(env["HOME"], ".aws", "config")
	credentials := filepath.Join(env["HOME"], ".aws", "credentials")
	credsBefore, _ := os.ReadFile(credentials)
	if err := os.Chmod(config, 0o640); err != nil {
		t.Fatal(err)
	}

	lintOut, lintErr, code := runAll(env, "--lint")
	if code != cli.ExitFindings || lintErr != "awsp: 2 findings have a safe fix: awsp --lint --fix shows it\n" {
		t.Errorf("--lint: exit %d, stderr %q", code, lintErr)
	}
	diff, stderr, code := runAll(env, "--lint", "--fix")
	golden(t, "lint-fix-sample.diff", diff)
	if want := "awsp: this diff fixes 2 findings, 1 finding left without a safe fix (awsp --lint says what each needs): awsp --lint --fix --write writes it\n"; code != cli.ExitFindings || stderr != want {
		t.Errorf("--lint --fix: exit %d, stderr %q, want %q", code, stderr, want)
	}
	if got, _ := os.ReadFile(config); string(got) != sample.Config {
		t.Fatal("--fix without --write changed the config")
	}

	written, stderr, code := runAll(env, "--lint", "--fix", "--write")
	if written != diff {
		t.Errorf("--write printed\n%s\nnot the diff of --fix\n%s", written, diff)
	}
	if want := "awsp: wrote ~/.aws/config (the old one is ~/.aws/config.awsp-backup)\n" +
		"awsp: fixed 2 findings, 1 finding left without a safe fix (awsp --lint says what each needs)\n"; code != cli.ExitFindings || stderr != want {
		t.Errorf("--write: exit %d, stderr %q, want %q", code, stderr, want)
	}
	after, _ := os.ReadFile(config)
	golden(t, "lint-fix-sample.config", string(after))
	if backup, _ := os.ReadFile(config + ".awsp-backup"); string(backup) != sample.Config {
		t.Errorf("the backup is not the config as it was:\n%s", backup)
	}
	for _, path := range []string{config, config + ".awsp-backup"} {
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o640 {
			t.Errorf("%s: mode %v (%v), want the config's 0640", path, st.Mode().Perm(), err)
		}
	}
	if got, _ := os.ReadFile(credentials); string(got) != string(credsBefore) {
		t.Error("the credentials file changed")
	}

	left, stderr, code := runAll(env, "--lint")
	want := config + `:30: warning: sdk-divergence: the AWS CLI reads [profile "team sandbox"] as profile "team sandbox"; the Go SDK keeps the quotes as part of the name` + "\n"
	if left != want || stderr != "" || code != cli.ExitFindings {
		t.Errorf("--lint after --write: exit %d\n%s%s\nwant\n%s", code, left, stderr, want)
	}
	again, stderr, code := runAll(env, "--lint", "--fix")
	if again != "" || stderr != "awsp: none of the 1 finding has a safe fix (awsp --lint says what each needs)\n" || code != cli.ExitFindings {
		t.Errorf("--fix once fixed: exit %d %q %q", code, again, stderr)
	}
	noSecrets(t, lintOut, diff, written, left)
}

// teamConfig is a repository's generated config: a Derived profile with
// mfa_serial on an SSO Primary, a quoted region and a mistyped source.
const teamConfig = `[sso-session acme]
sso_start_url = https://acme.awsapps.com/start
sso_region = us-east-2

[profile acme-identity]
sso_session = acme
sso_account_id = 111111111111
sso_role_name = Identity

[profile acme-plat-ue2-prod-eks-admin]
role_arn = arn:aws:iam::222222222222:role/eks-admin
source_profile = acme-identity
mfa_serial = arn:aws:iam::111111111111:mfa/ci
region = "us-east-2"

[profile acme-plat-ue2-dev-admin]
role_arn = arn:aws:iam::333333333333:role/admin
source_profile = acme-identiy
`

// repo is a repository with two generated configs, one clean, under the
// sample home, and a world whose working directory is the repository.
func repo(t *testing.T) (world, string) {
	env := sampleHome(t)
	env["NO_COLOR"] = "1"
	dir := filepath.Join(env["HOME"], "src", "acme")
	writeFile(t, filepath.Join(dir, "aws", "team,a.config"), teamConfig)
	writeFile(t, filepath.Join(dir, "aws", "ok.config"), "[profile ok]\nregion = us-east-2\n")
	w := testWorld(env)
	w.cwd = dir
	return w, dir
}

// TestLintFilesForGitHub: --lint FILE... reads those files alone (the
// sample home's own findings are not there), and --format github gives
// one workflow command per finding with the file as given, its line and
// columns, the code as the title, ',' and ':' of a property escaped.
func TestLintFilesForGitHub(t *testing.T) {
	w, _ := repo(t)
	stdout, stderr, code := runWorld(w, "--lint", "--format", "github", "aws/team,a.config", "aws/ok.config")
	want := "::warning file=aws/team%2Ca.config,line=13,col=1,endColumn=46,title=derived-mfa-serial::profile \"acme-plat-ue2-prod-eks-admin\" has mfa_serial, so the AWS CLI and boto3 ask for an MFA code every time they assume its role (hourly by default), often where no prompt can be seen (kubectl, IDEs), and the Go SDK (Terraform, Pulumi) and the JavaScript SDK v3 fail instead (AssumeRoleTokenProviderNotSetError, \"requires multi-factor authentication\"); put MFA on the Primary \"acme-identity\", which logs in once per session, and remove mfa_serial here. If \"acme-identity\" is not authenticated with MFA, this is intended: silence it with [profile acme-plat-ue2-prod-eks-admin] ignore = derived-mfa-serial in ~/awsp.ini (a new file)\n" +
		"::warning file=aws/team%2Ca.config,line=14,col=1,endColumn=21,title=sdk-divergence::the AWS CLI keeps the double quotes around the value of \"region\" as part of it; the Go SDK removes them\n" +
		"::error file=aws/team%2Ca.config,line=18,col=1,endColumn=30,title=source-profile-missing::profile \"acme-plat-ue2-dev-admin\" has source_profile = acme-identiy, which does not exist (did you mean \"acme-identity\"?)\n"
	if stdout != want || stderr != "" || code != cli.ExitFindings {
		t.Errorf("exit %d\n%s%s\nwant\n%s", code, stdout, stderr, want)
	}
	if stdout, stderr, code := runWorld(w, "--lint", "--format", "github", "aws/ok.config"); stdout != "" || stderr != "" || code != 0 {
		t.Errorf("a clean file: exit %d %q %q", code, stdout, stderr)
	}
}

// TestLintJSONForEditors: the JSON of a finding has the file, line,
// column range, code, severity and the fix as text edits.
func TestLintJSONForEditors(t *testing.T) {
	w, _ := repo(t)
	stdout, stderr, code := runWorld(w, "--lint", "--json", "aws/team,a.config")
	if code != cli.ExitFindings || stderr != "" {
		t.Fatalf("exit %d %q", code, stderr)
	}
	var got []profiles.Finding
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	file := "aws/team,a.config"
	type short struct {
		Line, Column, EndColumn int
		Code, Severity, Fix     string
		Edits                   []profiles.Edit
	}
	var brief []short
	for _, f := range got {
		s := short{Line: f.Line, Column: f.Column, EndColumn: f.EndColumn, Code: f.Code, Severity: f.Severity}
		if f.File != file {
			t.Errorf("file %q, want %q", f.File, file)
		}
		if f.Fix != nil {
			s.Fix, s.Edits = f.Fix.Description, f.Fix.Edits
		}
		brief = append(brief, s)
	}
	want := []short{
		{13, 1, 46, "derived-mfa-serial", "warning", `removes mfa_serial from "acme-plat-ue2-prod-eks-admin": its Primary "acme-identity" signs in with IAM Identity Center, which asks for MFA once a session`,
			[]profiles.Edit{{File: file, Line: 13, Column: 1, EndLine: 14, EndColumn: 1}}},
		{14, 1, 21, "sdk-divergence", "warning", `removes the double quotes around the value of "region", which the AWS CLI keeps as part of it`,
			[]profiles.Edit{{File: file, Line: 14, Column: 10, EndLine: 14, EndColumn: 21, NewText: "us-east-2"}}},
		{18, 1, 30, "source-profile-missing", "error", `source_profile of "acme-plat-ue2-dev-admin" becomes "acme-identity", the one profile named like "acme-identiy"`,
			[]profiles.Edit{{File: file, Line: 18, Column: 18, EndLine: 18, EndColumn: 30, NewText: "acme-identity"}}},
	}
	if !reflect.DeepEqual(brief, want) {
		t.Errorf("findings\n%+v\nwant\n%+v", brief, want)
	}
}

// TestLintSARIF: --format sarif is valid SARIF 2.1.0 (its schema, which
// test.sh fetches), with a rule per registered code, and each finding a
// result at its file (relative to SRCROOT, the working directory), line
// and columns, with its fix.
func TestLintSARIF(t *testing.T) {
	w, dir := repo(t)
	stdout, stderr, code := runWorld(w, "--lint", "--format", "sarif", "aws/team,a.config", filepath.Join(dir, "aws", "ok.config"))
	if code != cli.ExitFindings || stderr != "" {
		t.Fatalf("exit %d %q", code, stderr)
	}
	validateSARIF(t, stdout)
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID         string         `json:"id"`
						Properties map[string]any `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			OriginalURIBaseIDs map[string]struct {
				URI string `json:"uri"`
			} `json:"originalUriBaseIds"`
			Results []struct {
				RuleID    string          `json:"ruleId"`
				RuleIndex int             `json:"ruleIndex"`
				Level     string          `json:"level"`
				Locations json.RawMessage `json:"locations"`
				Fixes     json.RawMessage `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if log.Version != "2.1.0" || run.Tool.Driver.Name != "awsp" || len(run.Tool.Driver.Rules) != len(profiles.Codes) {
		t.Fatalf("version %q, tool %q, %d rules", log.Version, run.Tool.Driver.Name, len(run.Tool.Driver.Rules))
	}
	for i, c := range profiles.Codes {
		if r := run.Tool.Driver.Rules[i]; r.ID != c.Name || r.Properties["fixable"] != (c.Fix != "") {
			t.Errorf("rule %d: %s %v, want %s fixable %v", i, r.ID, r.Properties, c.Name, c.Fix != "")
		}
	}
	if got := run.OriginalURIBaseIDs["SRCROOT"].URI; got != "file://"+dir+"/" {
		t.Errorf("SRCROOT %q", got)
	}
	var got []string
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s has the rule index of %s", r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
		}
		got = append(got, r.RuleID+" "+r.Level+" "+string(compact(t, r.Locations))+" "+string(compact(t, r.Fixes)))
	}
	loc := `[{"physicalLocation":{"artifactLocation":{"uri":"aws/team,a.config","uriBaseId":"SRCROOT"},"region":{"startLine":%d,"startColumn":1,"endColumn":%d}}}]`
	change := `[{"description":{"text":%q},"artifactChanges":[{"artifactLocation":{"uri":"aws/team,a.config","uriBaseId":"SRCROOT"},"replacements":[%s]}]}]`
	at := func(line, end int) string { return string(compact(t, json.RawMessage(fmt.Sprintf(loc, line, end)))) }
	fix := func(description, replacements string) string {
		return string(compact(t, json.RawMessage(fmt.Sprintf(change, description, replacements))))
	}
	want := []string{
		"derived-mfa-serial warning " + at(13, 46) + " " + fix(
			`removes mfa_serial from "acme-plat-ue2-prod-eks-admin": its Primary "acme-identity" signs in with IAM Identity Center, which asks for MFA once a session`,
			`{"deletedRegion":{"startLine":13,"startColumn":1,"endLine":14,"endColumn":1}}`),
		"sdk-divergence warning " + at(14, 21) + " " + fix(
			`removes the double quotes around the value of "region", which the AWS CLI keeps as part of it`,
			`{"deletedRegion":{"startLine":14,"startColumn":10,"endLine":14,"endColumn":21},"insertedContent":{"text":"us-east-2"}}`),
		"source-profile-missing error " + at(18, 30) + " " + fix(
			`source_profile of "acme-plat-ue2-dev-admin" becomes "acme-identity", the one profile named like "acme-identiy"`,
			`{"deletedRegion":{"startLine":18,"startColumn":18,"endLine":18,"endColumn":30},"insertedContent":{"text":"acme-identity"}}`),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("results\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A clean run is a log of no results, and exit 0.
	stdout, _, code = runWorld(w, "--lint", "--format", "sarif", "aws/ok.config")
	validateSARIF(t, stdout)
	if code != 0 || !strings.Contains(stdout, `"results": []`) {
		t.Errorf("clean: exit %d\n%s", code, stdout)
	}
}

// compact is raw JSON without its spaces.
func compact(t *testing.T, raw json.RawMessage) []byte {
	t.Helper()
	if len(raw) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	return b
}

// validateSARIF checks a log against the SARIF 2.1.0 schema.
func validateSARIF(t *testing.T, log string) {
	t.Helper()
	path := os.Getenv("AWSP_TEST_SARIF_SCHEMA")
	if path == "" {
		testenv.Needed(t, "AWSP_TEST_SARIF_SCHEMA is not set (test.sh fetches the SARIF 2.1.0 schema)")
	}
	c := jsonschema.NewCompiler()
	schema, err := c.Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("not valid SARIF 2.1.0: %v", err)
	}
}

// TestLintFixFiles: --fix --write on a repository's file writes it (the
// diff names it as given) and its backup.
func TestLintFixFiles(t *testing.T) {
	w, dir := repo(t)
	stdout, stderr, code := runWorld(w, "--lint", "--fix", "--write", "aws/team,a.config")
	if !strings.HasPrefix(stdout, "--- a/aws/team,a.config\n+++ b/aws/team,a.config\n") {
		t.Errorf("diff:\n%s", stdout)
	}
	if want := "awsp: wrote aws/team,a.config (the old one is aws/team,a.config.awsp-backup)\nawsp: fixed 3 findings, none left\n"; stderr != want || code != 0 {
		t.Errorf("exit %d %q, want %q", code, stderr, want)
	}
	fixed := strings.NewReplacer("mfa_serial = arn:aws:iam::111111111111:mfa/ci\n", "", `"us-east-2"`, "us-east-2", "acme-identiy", "acme-identity").Replace(teamConfig)
	if got, _ := os.ReadFile(filepath.Join(dir, "aws", "team,a.config")); string(got) != fixed {
		t.Errorf("written:\n%s\nwant\n%s", got, fixed)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "aws", "team,a.config.awsp-backup")); string(got) != teamConfig {
		t.Errorf("backup:\n%s", got)
	}
}

// TestLintArguments: what --lint, --fix, --write and --format refuse.
func TestLintArguments(t *testing.T) {
	w, _ := repo(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--lint", "--write"}, "awsp: --lint --write goes with --fix (see awsp --help)\n"},
		{[]string{"--fix"}, "awsp: --fix goes with --lint (see awsp --help)\n"},
		{[]string{"--lint", "--format", "xml"}, "awsp: --lint --format is one of text, json, sarif, github, not \"xml\" (see awsp --help)\n"},
		{[]string{"--lint", "--json", "--format", "sarif"}, "awsp: --json is --format json (see awsp --help)\n"},
		{[]string{"--lint", "--fix", "--format", "sarif"}, "awsp: --fix prints a diff: the findings' fixes are in --format json and sarif (see awsp --help)\n"},
		{[]string{"--lint", "--fix", "aws"}, "awsp: --lint --fix fixes the AWS files, or the config files named: not a directory's .awsprofile files\n"},
		{[]string{"--lint", "aws/ok.config", "aws"}, "awsp: --lint takes one directory, or config files: ~/src/acme/aws is a directory\n"},
		{[]string{"--lint", "aws/none.config"}, "awsp: --lint takes a directory or config files, and ~/src/acme/aws/none.config is neither\n"},
	} {
		stdout, stderr, code := runWorld(w, c.args...)
		if stdout != "" || stderr != c.want || code != cli.ExitUsage {
			t.Errorf("%q: exit %d %q %q, want %q", c.args, code, stdout, stderr, c.want)
		}
	}
}

// TestPreCommitHooks: each hook of .pre-commit-hooks.yaml runs awsp as
// pre-commit does, its entry followed by the files its pattern takes:
// the lint fails on a finding and passes a clean file; the fixing hook
// writes the fix, and passes once nothing is left.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language, Files string
		Types                      []string
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range hooks {
		ids = append(ids, h.ID)
		files := regexp.MustCompile(h.Files) // pre-commit's re.search: this syntax is the same in Go
		for path, want := range map[string]bool{"aws/team,a.config": true, ".aws/config": true, "teams/aws.ini": true, "aws/ok.config": true, "src/main.go": false, "config": false} {
			if files.MatchString(path) != want {
				t.Errorf("%s: files %q takes %s: %v", h.ID, h.Files, path, !want)
			}
		}
		if h.Language != "golang" || !strings.HasPrefix(h.Entry, "awsp ") {
			t.Errorf("%s: %s %q", h.ID, h.Language, h.Entry)
		}
	}
	if strings.Join(ids, " ") != "awsp-lint awsp-lint-fix" {
		t.Fatalf("hooks %q", ids)
	}
	entry := func(i int) []string { return strings.Fields(hooks[i].Entry)[1:] } // the arguments, after awsp

	w, dir := repo(t)
	if _, _, code := runWorld(w, append(entry(0), "aws/team,a.config", "aws/ok.config")...); code != cli.ExitFindings {
		t.Errorf("awsp-lint on a file with findings: exit %d", code)
	}
	if _, _, code := runWorld(w, append(entry(0), "aws/ok.config")...); code != 0 {
		t.Errorf("awsp-lint on a clean file: exit %d", code)
	}
	if _, stderr, code := runWorld(w, append(entry(1), "aws/team,a.config")...); code != 0 {
		t.Errorf("awsp-lint-fix: exit %d %q", code, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "aws", "team,a.config")); string(got) == teamConfig {
		t.Error("awsp-lint-fix wrote nothing")
	}
	if _, stderr, code := runWorld(w, append(entry(0), "aws/team,a.config")...); code != 0 {
		t.Errorf("awsp-lint after the fix: exit %d %q", code, stderr)
	}
}
