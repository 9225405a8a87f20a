package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/bench/gen"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/picker"
	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/view"
)

// BenchmarkPicker is the picker on 10,000 profiles (bench/gen), as
// BENCHMARKS.md reports it (go run ./bench): the first frame (the files
// read, every row described and laid out, the screen drawn) and a
// keystroke (the filter run over every row, the screen drawn again).
func BenchmarkPicker(b *testing.B) {
	home := b.TempDir()
	cfg, cred := gen.Files(10000)
	expires := time.Now().Add(2 * time.Hour).UTC().Format(time.RFC3339)
	if err := sample.Write(home, map[string]string{".aws/config": cfg, ".aws/credentials": cred,
		sample.SSOCache("org0"): `{"accessToken": "bench", "expiresAt": "` + expires + `"}`}); err != nil {
		b.Fatal(err)
	}
	env := environ.Environ{"HOME": home, "AWSP_CONFIG": filepath.Join(home, "awsp.ini"), "AWS_PROFILE": gen.Target, "NO_COLOR": "1"}
	firstFrame := func() *picker.Picker {
		a := &app{env: env, now: time.Now}
		rows, fill := a.pickerRows(view.Style{})
		p := picker.New(rows, env["AWS_PROFILE"], fill)
		p.Draw(200, 50, view.Style{})
		return p
	}
	b.Run("first-frame", func(b *testing.B) {
		for b.Loop() {
			firstFrame()
		}
	})
	b.Run("keystroke", func(b *testing.B) {
		p := firstFrame()
		p.FillAll() // done while the first frame is read, as pick does
		// Typing "prod eu" and taking it back: each key filters every row.
		keys := []string{"p", "r", "o", "d", " ", "e", "u", "\x7f", "\x7f", "\x7f", "\x7f", "\x7f", "\x7f", "\x7f"}
		i := 0
		for b.Loop() {
			p.Key([]byte(keys[i%len(keys)]))
			p.Draw(200, 50, view.Style{})
			i++
		}
	})
}
