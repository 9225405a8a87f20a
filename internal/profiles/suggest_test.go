package profiles

import (
	"math/rand/v2"
	"reflect"
	"strings"
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
	// A name that contains what was typed beats a nearer one that does
	// not; names as near are in name order; at most n come back.
	for _, tc := range []struct {
		typed string
		names []string
		n     int
		want  []string
	}{
		{"prod", []string{"prd", "prod-eks-admin"}, 1, []string{"prod-eks-admin"}},
		{"dev", []string{"dev-b", "dev-a", "dev-c"}, 2, []string{"dev-a", "dev-b"}},
		{"stagign", []string{"stagin", "staging"}, 2, []string{"stagin", "staging"}},
	} {
		if got := Closest(tc.typed, tc.names, tc.n); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Closest(%q, %q, %d) = %q, want %q", tc.typed, tc.names, tc.n, got, tc.want)
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

// The banded distance with a limit is the full distance, capped: checked
// against the whole table on many random pairs over a small alphabet (so
// that swaps and matches are common).
func TestEditDistanceWithin(t *testing.T) {
	full := func(a, b []rune) int {
		d := make([][]int, len(a)+1)
		for i := range d {
			d[i] = make([]int, len(b)+1)
			d[i][0] = i
		}
		for j := range d[0] {
			d[0][j] = j
		}
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b); j++ {
				cost := 1
				if a[i-1] == b[j-1] {
					cost = 0
				}
				d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
				if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
					d[i][j] = min(d[i][j], d[i-2][j-2]+1)
				}
			}
		}
		return d[len(a)][len(b)]
	}
	r := rand.New(rand.NewPCG(1, 2))
	word := func() []rune {
		w := make([]rune, r.IntN(12))
		for i := range w {
			w[i] = rune('a' + r.IntN(3))
		}
		return w
	}
	for range 20000 {
		a, b, limit := word(), word(), r.IntN(8)
		if got, want := editDistanceWithin(a, b, limit), min(full(a, b), limit+1); got != want {
			t.Fatalf("editDistanceWithin(%q, %q, %d) = %d, want %d", string(a), string(b), limit, got, want)
		}
	}
}

// A name far longer than any profile's is compared by containment only
// (a 40,000-character name took 6 s to switch to: the square of its
// length), and still finds the names that contain it.
func TestClosestLongNames(t *testing.T) {
	long := strings.Repeat("prod", 10000)
	names := []string{"prod", long + "-admin", strings.Repeat("x", 40000)}
	if got := Closest(long, names, 3); !reflect.DeepEqual(got, []string{long + "-admin"}) {
		t.Errorf("Closest(long) = %d names", len(got))
	}
	if got := Closest(long[:maxCompared+1]+"x", []string{long[:maxCompared+1]}, 3); len(got) != 0 {
		t.Errorf("a name over %d code points is measured: %q", maxCompared, got)
	}
	if got := Closest(long[:maxCompared-1]+"x", []string{long[:maxCompared-1]}, 3); len(got) != 1 {
		t.Errorf("a name under %d code points is not measured: %q", maxCompared, got)
	}
}
