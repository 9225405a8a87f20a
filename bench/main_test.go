package main

import (
	"os"
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

// BENCHMARKS.md is what writeReport writes: its prose is the notes
// here, and its growth table has its own heading and introduction, so
// that `go run ./bench 101 growth` can replace that table alone.
func TestReportIsGenerated(t *testing.T) {
	data, err := os.ReadFile("../BENCHMARKS.md")
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	if !strings.HasSuffix(md, notes) {
		t.Error("BENCHMARKS.md does not end with bench's notes: edit them in bench/main.go and run go run ./bench")
	}
	if strings.Count(md, growthTitle+growthIntro) != 1 {
		t.Error("BENCHMARKS.md has no growth table as bench writes it")
	}
}
