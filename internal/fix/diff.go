package fix

import (
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// Hidden stands for a credential's value in a diff.
const Hidden = "[not shown]"

// Diff is the unified diff of a file's fixes, label naming it. The lines
// of credentials, changed or around a change, show the key and not the
// value: a diff is for reading, --write writes the file itself.
func Diff(label string, before, after []byte) string {
	d := udiff.Unified("a/"+label, "b/"+label, string(before), string(after))
	lines := strings.SplitAfter(d, "\n")
	for i, line := range lines {
		if i < 2 || line == "" || !strings.ContainsRune(" +-", rune(line[0])) {
			continue
		}
		lines[i] = line[:1] + hideCredential(line[1:])
	}
	return strings.Join(lines, "")
}

// hideCredential is a file's line with a credential's value replaced by
// Hidden, its line end kept.
func hideCredential(line string) string {
	body := strings.TrimRight(line, "\r\n")
	i := strings.IndexAny(body, "=:")
	if i < 0 || !profiles.IsCredentialKey(strings.ToLower(strings.TrimSpace(body[:i]))) {
		return line
	}
	value := body[i+1:]
	space := value[:len(value)-len(strings.TrimLeft(value, " \t"))]
	return body[:i+1] + space + Hidden + line[len(body):]
}
