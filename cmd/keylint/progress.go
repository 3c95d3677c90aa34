package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/keylint/keylint/internal/scan"
)

// progressWriter returns where keylint scan shows its progress: standard
// error when it is a terminal, --progress is on and --debug is off (the
// debug log would tear the line); nil otherwise, so CI logs and pipes get
// no progress line.
func progressWriter(stderr io.Writer, fl *scanFlags) io.Writer {
	f, ok := stderr.(*os.File)
	if !ok || !fl.progress || fl.debug || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return f
}

// progressEvery is how often the progress line is redrawn.
const progressEvery = 200 * time.Millisecond

// progressAfter is how long a scan runs before its progress line appears:
// a scan that is over sooner (a pre-commit hook's, most often) leaves the
// terminal as it found it, with no spinner flashing by.
const progressAfter = time.Second

// showProgress draws p on w, a terminal, from after on until the returned
// function is called, which clears the line. History has no known length
// up front (counting it would cost a git rev-list), so the line is a
// spinner with counts, not a bar.
func showProgress(w io.Writer, p *scan.Progress, after time.Duration) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	var bar *progressbar.ProgressBar // set by the goroutine, read after done
	go func() {
		defer close(done)
		select {
		case <-quit:
			return
		case <-time.After(after):
		}
		bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionShowBytes(true),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionThrottle(progressEvery),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetRenderBlankState(true),
		)
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			s := p.Snapshot()
			bar.Describe(progressLine(s))
			_ = bar.Set64(s.Bytes)
			select {
			case <-quit:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(quit)
		<-done
		if bar != nil {
			_ = bar.Finish()
			_ = bar.Clear()
		}
	}
}

// progressLine describes a snapshot in a few words: what the scan is
// doing and how much it has read.
func progressLine(s scan.Snapshot) string {
	switch {
	case s.Stage == "":
		return "starting"
	case s.Commits > 0:
		return fmt.Sprintf("%s: %d commits, %d file changes", s.Stage, s.Commits, s.Files)
	}
	return fmt.Sprintf("%s: %d files", s.Stage, s.Files)
}

// describeStop says why a scan stopped early and how far it got.
func describeStop(err error, fl *scanFlags, s scan.Snapshot, elapsed time.Duration) string {
	why := "interrupted"
	if errors.Is(err, context.DeadlineExceeded) {
		why = fmt.Sprintf("stopped by --timeout %v", fl.scanTimeout)
	}
	elapsed = elapsed.Round(100 * time.Millisecond)
	const partial = "; no report, the results are partial"
	switch {
	case s.Stage == "dating secrets":
		return fmt.Sprintf("%s after %v, while dating the secrets found in %d commits%s",
			why, elapsed, s.Commits, partial)
	case fl.mode == scan.History:
		return fmt.Sprintf("%s after %v, having read the changes of the newest %d commits "+
			"(%.1f MB)%s", why, elapsed, s.Commits, float64(s.Bytes)/1e6, partial)
	}
	return fmt.Sprintf("%s after %v, having read %d files (%.1f MB)%s", why, elapsed, s.Files,
		float64(s.Bytes)/1e6, partial)
}
