// Command monev scores the annual monitoring dan evaluasi of keterbukaan
// informasi publik: it writes blank questionnaires, checks a filled one,
// and ranks a folder of filled questionnaires into a workbook.
package main

import (
	"context"
	"os"
	"os/signal"
)

// version is set at build time: go build -ldflags "-X main.version=1.2.0".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], systemIO())
	stop()
	os.Exit(code)
}
