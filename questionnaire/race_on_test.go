//go:build race

package questionnaire

// raceEnabled: the race detector slows excelize and flate down several times.
const raceEnabled = true
