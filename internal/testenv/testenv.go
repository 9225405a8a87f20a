// Package testenv is what awsp's tests share about the machine they run
// on. Only tests import it.
package testenv

import (
	"os"
	"testing"
)

// Needed skips a test for want of something the machine lacks, except
// under CI=true, where test.sh provides everything a test needs and a
// skip would hide a test that never ran.
func Needed(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format+" (under CI=true this is a failure: test.sh provides it)", args...)
	}
	t.Skipf(format, args...)
}
