package profiles

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The list and the patterns are botocore's: its data/partitions.json, as
// installed here, lists the same regions of the same partitions, and each
// partition's regionRegex accepts what regionPatterns accepts.
func TestRegionsMatchBotocore(t *testing.T) {
	if os.Getenv("AWSP_SKIP_BOTOCORE") == "1" {
		t.Skip("AWSP_SKIP_BOTOCORE=1")
	}
	out, err := exec.Command("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))").Output()
	if err != nil {
		t.Fatalf("botocore is required (AWSP_SKIP_BOTOCORE=1 skips): %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "data", "partitions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Partitions []struct {
			ID          string                     `json:"id"`
			RegionRegex string                     `json:"regionRegex"`
			Regions     map[string]json.RawMessage `json:"regions"`
		} `json:"partitions"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range doc.Partitions {
		re := regexp.MustCompile(p.RegionRegex)
		for r := range p.Regions {
			if strings.HasSuffix(r, "-global") {
				continue
			}
			if !re.MatchString(r) || !regionPatterns.MatchString(r) {
				t.Errorf("%s: %s does not match the patterns", p.ID, r)
			}
			if !strings.Contains(p.ID, "iso") {
				want = append(want, r)
			}
		}
	}
	sort.Strings(want)
	got := append([]string(nil), Regions...)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Regions:\n %q\nbotocore:\n %q", got, want)
	}
	for _, name := range []string{"not-a-region", "eu-west", "EU-WEST-1", "us-east-1 ", "eu-west-1a"} {
		if listed, shaped := RegionKnown(name); listed || shaped {
			t.Errorf("%q is taken for a region", name)
		}
	}
	if listed, shaped := RegionKnown("eu-west-9"); listed || !shaped {
		t.Error("a region newer than the list is not recognised by its shape")
	}
}
