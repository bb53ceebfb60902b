//go:build !race

package questionnaire

const raceEnabled = false
