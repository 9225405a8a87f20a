package profiles

import (
	"reflect"
	"testing"
)

// Closest suggests what a person most likely meant: a name that contains
// what they typed first, then names one edit away, a swap of neighbours
// counting as one edit, so that short names get suggestions too.
func TestClosest(t *testing.T) {
	names := []string{"dev", "dev-mfa", "identity", "prod", "sso", "staging"}
	for typed, want := range map[string][]string{
		"prdo":     {"prod"},           // a swap
		"dve":      {"dev"},            // a swap in a three-letter name
		"prd":      {"prod"},           // a letter missing
		"devv":     {"dev"},            // a letter too many
		"dev":      {"dev", "dev-mfa"}, // containing, the exact name first
		"stagign":  {"staging"},        // a swap at the end
		"identty":  {"identity"},       // botocore's source_profile typo
		"xyz":      {},                 // nothing near
		"sos":      {"sso"},
		"DEV":      {"dev", "dev-mfa"}, // case does not matter
		"prod-eks": {},
	} {
		if got := Closest(typed, names, 3); !reflect.DeepEqual(got, want) {
			t.Errorf("Closest(%q) = %q, want %q", typed, got, want)
		}
	}
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"prod", "prdo", 1}, {"abc", "ca", 3}, {"kitten", "sitting", 3}, {"", "ab", 2}, {"開発", "発開", 1}} {
		if got := editDistance(tc.a, tc.b); got != tc.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}
