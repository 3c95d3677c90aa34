package main

import (
	"bytes"
	"context"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/keylint/keylint/internal/scan"
	"github.com/keylint/keylint/internal/testrepo"
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
// terminal, and checks it is cleared when the scan ends, and that a scan
// over before the line is due draws nothing.
func TestShowProgress(t *testing.T) {
	var buf bytes.Buffer
	p := new(scan.Progress)
	stop := showProgress(&buf, p, 0)
	time.Sleep(3 * progressEvery)
	stop()
	out := buf.String()
	if !strings.Contains(out, "starting") {
		t.Errorf("progress output %q: want the starting state", out)
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("progress output %q: the line is not cleared", out)
	}

	buf.Reset()
	stop = showProgress(&buf, p, time.Hour)
	time.Sleep(progressEvery)
	stop()
	if buf.Len() > 0 {
		t.Errorf("a scan stopped before the line was due drew %q", buf.String())
	}
}

// TestProgressOnTerminal runs keylint scan with a terminal for its output,
// as a user at a shell sees it: a scan that takes seconds draws the
// progress line, and it is gone before the first finding or message is
// printed on the same terminal; a scan over within a second draws none.
var spinnerTime = regexp.MustCompile(`\[[0-9]+s\]`)

func TestProgressOnTerminal(t *testing.T) {
	bin := buildKeylint(t)
	r := testrepo.New(t)
	r.Write("deploy.env", "TOKEN="+testrepo.GitHubPAT(940)+"\n")
	r.Commit("deploy", testrepo.DaysAgo(3))
	// gitleaks' rules take seconds over one line of 30 MB.
	slow := testrepo.New(t)
	slow.Write("long.txt", strings.Repeat("x", 30<<20)+" t="+testrepo.GitHubPAT(941)+"\n")
	slow.Commit("long", testrepo.DaysAgo(3))
	for _, tc := range []struct {
		name  string
		dir   string
		args  []string
		drawn bool   // whether the progress line is drawn
		first string // how the first line after the progress line starts
	}{
		{name: "findings", dir: r.Dir, first: "deploy.env:1:7: KL20"}, // KL201 or KL202 by the clock
		{name: "stopped", dir: r.Dir, args: []string{"--timeout", "1ns"},
			first: "keylint scan: stopped"},
		{name: "slow", dir: slow.Dir, args: []string{"--timeout", "2s"}, drawn: true,
			first: "keylint scan: stopped"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ptmx, tty, err := pty.Open()
			if err != nil {
				t.Skipf("no pseudo-terminal: %v", err)
			}
			defer ptmx.Close()
			cmd := exec.Command(bin, append(append([]string{"scan", "--no-github"}, tc.args...),
				tc.dir)...)
			cmd.Stdout, cmd.Stderr = tty, tty
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			tty.Close()
			var out bytes.Buffer
			_, _ = io.Copy(&out, ptmx) // ends with EIO once keylint has exited
			_ = cmd.Wait()
			text := out.String()
			// The spinner's elapsed time, "[0s]", is on every line it draws.
			if drawn := spinnerTime.MatchString(text); drawn != tc.drawn {
				t.Fatalf("progress line drawn: %v, want %v; the terminal got:\n%q", drawn,
					tc.drawn, text)
			}
			// The terminal shows what follows the last carriage return of
			// each line; the progress bar clears itself with those. The
			// terminal ends each line with "\r\n".
			var shown []string
			for _, line := range strings.Split(text, "\n") {
				line = strings.TrimSuffix(line, "\r")
				line = line[strings.LastIndexByte(line, '\r')+1:]
				if strings.TrimSpace(line) != "" {
					shown = append(shown, line)
				}
			}
			if len(shown) == 0 || !strings.HasPrefix(shown[0], tc.first) {
				t.Errorf("the terminal shows %q, want a first line starting %q", shown, tc.first)
			}
		})
	}
}
