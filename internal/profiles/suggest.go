package profiles

import (
	"sort"
	"strings"
)

// Closest returns up to n candidates that look like a mistyped name: those
// containing it, or within an edit distance of a third of its length.
func Closest(name string, candidates []string, n int) []string {
	type scored struct {
		name  string
		score int
	}
	var found []scored
	lower := strings.ToLower(name)
	limit := max(1, len([]rune(name))/3)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistance(lower, lc)
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
	// Three rows: the one before the previous is needed for a swap.
	rows := [3][]int{make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		older, prev, cur := rows[0], rows[1], rows[2]
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], older[j-2]+1)
			}
		}
		rows[0], rows[1], rows[2] = prev, cur, older
	}
	return rows[1][len(rb)]
}
