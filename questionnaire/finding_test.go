package questionnaire

import (
	"slices"
	"testing"
)

func TestSortFindings(t *testing.T) {
	fs := []Finding{
		{File: "b", Cell: "A1"},
		{File: "a", Sheet: "S", Cell: "AA2", Code: "x"},
		{File: "a", Sheet: "S", Cell: "B10", Code: "x"},
		{File: "a", Sheet: "S", Cell: "Z2", Code: "x"},
		{File: "a", Sheet: "S", Cell: "B9", Code: "y"},
		{File: "a", Sheet: "S", Cell: "B9", Code: "x"},
		{File: "a", Sheet: "", Code: "z"},
	}
	SortFindings(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.File+"|"+f.Sheet+"|"+f.Cell+"|"+string(f.Code))
	}
	// Row first (2 < 9 < 10), then column (Z=26 < AA=27).
	want := []string{"a|||z", "a|S|Z2|x", "a|S|AA2|x", "a|S|B9|x", "a|S|B9|y", "a|S|B10|x", "b||A1|"}
	if !slices.Equal(got, want) {
		t.Errorf("order = %q\nwant    %q", got, want)
	}
}
