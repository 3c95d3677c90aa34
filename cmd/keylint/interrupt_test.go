package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/keylint/keylint/internal/testrepo"
)

// TestScanStopsEarly interrupts a scan of a history that takes seconds to
// read, with SIGINT and with --timeout: keylint must exit 2 promptly, say
// how far it got, write no report, and leave no git process behind.
func TestScanStopsEarly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100 MB repository")
	}
	bin := buildKeylint(t)
	r := testrepo.New(t)
	tok := testrepo.GitHubPAT(930)
	// Secrets in the newest commit, which is read first, so an interrupted
	// scan has found something that a report would misdate.
	fastImportFile(t, r, "big.txt", 100<<20, "")
	r.Write("deploy.env", "TOKEN="+tok+"\n")
	r.Commit("deploy", testrepo.DaysAgo(3))
	// One line of 100 MB: git is done with it in a second, but gitleaks' rules
	// take seconds over it and look for cancellation only between rules.
	long := testrepo.New(t)
	long.Write("long.txt", strings.Repeat("x", 100<<20)+" t="+tok+"\n")
	long.Commit("long", testrepo.DaysAgo(3))

	for _, tc := range []struct {
		name   string
		dir    string
		args   []string
		signal os.Signal
		want   string
		within time.Duration // for a timeout: the most the whole run may take
	}{
		{name: "SIGINT", dir: r.Dir, signal: os.Interrupt, want: "keylint scan: interrupted after "},
		// A terminal closed under a running scan.
		{name: "SIGHUP", dir: r.Dir, signal: syscall.SIGHUP, want: "keylint scan: interrupted after "},
		{name: "timeout", dir: r.Dir, args: []string{"--timeout", "700ms"},
			want: "keylint scan: stopped by --timeout 700ms after "},
		{name: "timeout in one long line", dir: long.Dir, args: []string{"--timeout", "1s"},
			want: "keylint scan: stopped by --timeout 1s after ", within: 4 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.json")
			args := append([]string{"scan", "--no-github", "--format", "json", "--output", out},
				tc.args...)
			cmd := exec.Command(bin, append(args, tc.dir)...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			started := time.Now()
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()

			// Wait for the scan to be reading history: git runs under it.
			var children []int
			for deadline := time.Now().Add(10 * time.Second); tc.within == 0 && len(children) == 0; {
				if time.Now().After(deadline) {
					t.Fatal("keylint started no git process within 10s")
				}
				time.Sleep(50 * time.Millisecond)
				children = childrenOf(cmd.Process.Pid)
			}
			sent := time.Now()
			if tc.signal != nil {
				if err := cmd.Process.Signal(tc.signal); err != nil {
					t.Fatal(err)
				}
			}
			select {
			case <-exited:
			case <-time.After(15 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("keylint still running 15s after it was told to stop")
			}
			if tc.signal != nil {
				t.Logf("exited %v after %v", time.Since(sent).Round(time.Millisecond), tc.signal)
			}
			if took := time.Since(started); tc.within > 0 && took > tc.within {
				t.Errorf("exited %v after it started, want at most %v", took, tc.within)
			}
			if code := cmd.ProcessState.ExitCode(); code != 2 {
				t.Fatalf("exit %d, want 2; the scan may have ended before it was stopped\n"+
					"stderr: %s", code, stderr.String())
			}
			line := strings.TrimSuffix(stderr.String(), "\n")
			if !strings.HasPrefix(line, tc.want) || strings.Contains(line, "\n") ||
				!strings.Contains(line, "no report, the results are partial") {
				t.Errorf("stderr %q: want one line starting %q", stderr.String(), tc.want)
			}
			if strings.Contains(stdout.String()+stderr.String(), tok) {
				t.Error("the output holds the secret")
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("an interrupted scan wrote a report")
			}
			for _, pid := range children {
				waitGone(t, pid)
			}
		})
	}
}

// childrenOf returns the processes whose parent is pid, from /proc.
func childrenOf(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var kids []int
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, _ := procStat(n); ppid == pid {
			kids = append(kids, n)
		}
	}
	return kids
}

// procStat returns a process's parent and state, from /proc/PID/stat.
func procStat(pid int) (ppid int, state string) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, ""
	}
	// "PID (COMM) STATE PPID …"; COMM may hold spaces and parentheses.
	rest := string(b[bytes.LastIndexByte(b, ')')+1:])
	f := strings.Fields(rest)
	if len(f) < 2 {
		return 0, ""
	}
	ppid, _ = strconv.Atoi(f[1])
	return ppid, f[0]
}

// waitGone fails the test unless pid ends (or is a zombie waiting for its
// new parent) within a few seconds.
func waitGone(t *testing.T, pid int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if err := syscall.Kill(pid, 0); err != nil {
			return
		}
		if _, state := procStat(pid); state == "Z" || state == "" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("child process %d still running after keylint exited", pid)
}
