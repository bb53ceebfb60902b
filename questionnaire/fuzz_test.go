package questionnaire

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input makes Parse panic or hang, that a failure is
// always a located *ValidationError, and that whatever parses also exports
// and parses back to the same fingerprint.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "instruments", "*.yaml"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(DefaultYAML())
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Parse("fuzz.yaml", data)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("error without problems: %v", err)
			}
			for _, p := range ve.Problems {
				if p.Line < 1 || p.Message == "" || p.Fix == "" || p.Path == "" {
					t.Fatalf("incomplete problem %+v", p)
				}
			}
			if in != nil {
				t.Fatalf("instrument returned with an error")
			}
			return
		}
		var buf bytes.Buffer
		if err := in.Export(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := Parse("ekspor.yaml", buf.Bytes())
		if err != nil {
			t.Fatalf("export of a valid instrument does not parse: %v\n%s", err, buf.String())
		}
		if back.Fingerprint() != in.Fingerprint() {
			t.Fatalf("fingerprint changed through export")
		}
	})
}
