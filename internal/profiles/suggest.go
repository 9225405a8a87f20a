package profiles

import (
	"sort"
	"strings"
)

// maxCompared is the longest name, in code points, that Closest measures
// edit distances for: profile names people type are far shorter, and the
// distance costs the product of two lengths. A longer name gets only the
// names that contain it.
const maxCompared = 64

// Closest returns up to n candidates that look like a mistyped name: those
// containing it, or within an edit distance of a third of its length. Its
// work is bounded by the candidates' total length: only candidates whose
// length is within that distance are measured, each in a band of cells.
func Closest(name string, candidates []string, n int) []string {
	type scored struct {
		name  string
		score int
	}
	var found []scored
	lower := strings.ToLower(name)
	runes := []rune(lower)
	limit := max(1, len(runes)/3)
	if len(runes) > maxCompared {
		limit = -1 // containment only
	}
	var other []rune
	for _, c := range candidates {
		if len(c) > 4*(len(lower)+limit) && (lower == "" || !strings.Contains(strings.ToLower(c), lower)) {
			continue // too long to be near, and does not contain it
		}
		lc := strings.ToLower(c)
		other = append(other[:0], []rune(lc)...)
		d := editDistanceWithin(runes, other, max(limit, 0))
		switch {
		case lower != "" && strings.Contains(lc, lower):
			found = append(found, scored{c, d - 100}) // containing beats near
		case d <= limit:
			found = append(found, scored{c, d})
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].score != found[j].score {
			return found[i].score < found[j].score
		}
		return found[i].name < found[j].name
	})
	names := make([]string, 0, n)
	for i := 0; i < len(found) && i < n; i++ {
		names = append(names, found[i].name)
	}
	return names
}

// editDistance is the optimal string alignment distance over code points:
// Levenshtein's, with two neighbours swapped counting as one edit, the
// typo people make most ("prdo" for "prod").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	return editDistanceWithin(ra, rb, max(len(ra), len(rb)))
}

// editDistanceWithin is editDistance when it is at most limit, else
// limit+1. A distance is at least the difference of the lengths, and a
// cell more than limit off the diagonal can only hold more than limit, so
// only the band of 2*limit+1 cells around it is computed, and the work is
// about len(a)*limit, not len(a)*len(b).
func editDistanceWithin(a, b []rune, limit int) int {
	over := limit + 1
	if abs(len(a)-len(b)) > limit {
		return over
	}
	// Three rows: the one before the previous is needed for a swap. A
	// cell outside the band reads as over.
	rows := [3][]int{make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)}
	for j := range rows[1] {
		rows[0][j], rows[1][j], rows[2][j] = over, min(j, over), over
	}
	for i := 1; i <= len(a); i++ {
		older, prev, cur := rows[0], rows[1], rows[2]
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		// cur last held row i-3: of its band, the cells below this
		// row's go back to over.
		for j := max(1, i-3-limit); j < lo; j++ {
			cur[j] = over
		}
		cur[0] = min(i, over)
		best := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			c := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				c = min(c, older[j-2]+1)
			}
			cur[j] = min(c, over)
			best = min(best, cur[j])
		}
		if best > limit {
			return over // every path has already cost too much
		}
		rows[0], rows[1], rows[2] = prev, cur, older
	}
	return rows[1][len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
