package main

import (
	"strings"
	"testing"
)

// The report's arithmetic: the median of an odd or even count (the
// upper middle), and a row that says whether a ratio met its target.
func TestMedianAndRows(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want float64
	}{{nil, 0}, {[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 3}} {
		if got := median(tc.xs); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
	met := ratioFig("hook", "`/bin/true`", 0.001, 0.02, 0.1, "at most")
	if row := met.row(); row != "| hook | 1.000 ms | `/bin/true` 20.000 ms | 0.05x | at most 0.1x | yes |" {
		t.Errorf("row %q", row)
	}
	if row := ratioFig("slow", "ref", 0.03, 0.01, 2, "at most").row(); !strings.HasSuffix(row, "| 3x | at most 2x | **no** |") {
		t.Errorf("a missed target: %q", row)
	}
	if row := ratioFig("plain", "ref", 0.01, 0.01, 0, "").row(); !strings.HasSuffix(row, "| 1x |  |  |") {
		t.Errorf("no target: %q", row)
	}
}
