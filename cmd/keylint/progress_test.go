package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/keylint/keylint/internal/scan"
)

func TestProgressLine(t *testing.T) {
	for _, tc := range []struct {
		s    scan.Snapshot
		want string
	}{
		{scan.Snapshot{}, "starting"},
		{scan.Snapshot{Stage: "reading history", Commits: 12, Files: 40}, "reading history: 12 commits, 40 file changes"},
		{scan.Snapshot{Stage: "reading files", Files: 7}, "reading files: 7 files"},
	} {
		if got := progressLine(tc.s); got != tc.want {
			t.Errorf("progressLine(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestDescribeStop(t *testing.T) {
	hist := &scanFlags{mode: scan.History, scanTimeout: 90 * time.Second}
	for _, tc := range []struct {
		err  error
		fl   *scanFlags
		s    scan.Snapshot
		want string
	}{
		{context.Canceled, hist, scan.Snapshot{Stage: "reading history", Commits: 4210, Bytes: 3_400_000},
			"interrupted after 1.5s, having read the changes of the newest 4210 commits (3.4 MB); no report, the results are partial"},
		{context.DeadlineExceeded, hist, scan.Snapshot{Stage: "dating secrets", Commits: 9},
			"stopped by --timeout 1m30s after 1.5s, while dating the secrets found in 9 commits; no report, the results are partial"},
		{context.Canceled, &scanFlags{mode: scan.Files}, scan.Snapshot{Stage: "reading files", Files: 3},
			"interrupted after 1.5s, having read 3 files (0.0 MB); no report, the results are partial"},
	} {
		if got := describeStop(tc.err, tc.fl, tc.s, 1500*time.Millisecond); got != tc.want {
			t.Errorf("describeStop:\n got %q\nwant %q", got, tc.want)
		}
	}
}

// TestShowProgress draws the progress line into a buffer, as it would on a
// terminal, and checks it is cleared when the scan ends.
func TestShowProgress(t *testing.T) {
	var buf bytes.Buffer
	p := new(scan.Progress)
	stop := showProgress(&buf, p)
	time.Sleep(3 * progressEvery)
	stop()
	out := buf.String()
	if !strings.Contains(out, "starting") {
		t.Errorf("progress output %q: want the starting state", out)
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("progress output %q: the line is not cleared", out)
	}
}
