// Command genrepo writes a synthetic git repository for benchmarks: many
// commits of ordinary source edits over two years, with fake secrets planted
// every so often (some later removed), built through git fast-import so that
// even 50,000 commits take seconds.
//
// The secrets are generated at run time from a fixed seed; none is written in
// this file.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"time"
)

func main() {
	dir := flag.String("dir", "", "directory to create the repository in (required)")
	commits := flag.Int("commits", 2000, "number of commits")
	files := flag.Int("files", 200, "number of distinct files the commits edit")
	every := flag.Int("secret-every", 100, "plant a secret every N commits")
	flag.Parse()
	if *dir == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := generate(*dir, *commits, *files, *every); err != nil {
		log.Fatal(err)
	}
}

func generate(dir string, commits, files, every int) error {
	if err := exec.Command("git", "init", "-q", "-b", "main", dir).Run(); err != nil {
		return fmt.Errorf("git init %s: %w", dir, err)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git fast-import: %w", err)
	}
	w := bufio.NewWriterSize(in, 1<<20)
	r := rand.New(rand.NewPCG(42, 7))
	start := time.Date(2024, 12, 1, 9, 0, 0, 0, time.UTC)
	step := 2 * 365 * 24 * time.Hour / time.Duration(commits)

	for i := 0; i < commits; i++ {
		when := start.Add(time.Duration(i) * step).Unix()
		fmt.Fprintf(w, "commit refs/heads/main\n")
		fmt.Fprintf(w, "author Dev %d <dev%d@example.com> %d +0000\n", i%7, i%7, when)
		fmt.Fprintf(w, "committer Dev %d <dev%d@example.com> %d +0000\n", i%7, i%7, when)
		writeData(w, fmt.Sprintf("change %d\n", i))
		path := fmt.Sprintf("pkg%d/file%d.go", r.IntN(files)%20, r.IntN(files))
		writeFile(w, path, sourceFile(r, i))
		if every > 0 && i%every == every/2 {
			writeFile(w, fmt.Sprintf("config/secret%d.env", i), secretFile(r, i))
		}
		if every > 0 && i%(every*3) == every*2 {
			// Remove an older secret file, so some secrets are gone from HEAD.
			fmt.Fprintf(w, "D config/secret%d.env\n", i-every*3/2)
		}
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git fast-import: %w", err)
	}
	co := exec.Command("git", "checkout", "-q", "main")
	co.Dir = dir
	return co.Run()
}

func writeData(w *bufio.Writer, s string) {
	fmt.Fprintf(w, "data %d\n%s", len(s), s)
}

func writeFile(w *bufio.Writer, path, content string) {
	fmt.Fprintf(w, "M 644 inline %s\n", path)
	writeData(w, content)
	fmt.Fprintln(w)
}

func sourceFile(r *rand.Rand, i int) string {
	s := fmt.Sprintf("package p\n\n// Revision %d.\nfunc F%d(x int) int {\n", i, i)
	for j := 0; j < 20+r.IntN(40); j++ {
		s += fmt.Sprintf("\tx = x*%d + %d // step %d\n", r.IntN(97), r.IntN(1000), j)
	}
	return s + "\treturn x\n}\n"
}

func secretFile(r *rand.Rand, i int) string {
	switch i % 3 {
	case 0:
		return "GITHUB_TOKEN=ghp_" + randString(r, 36, alnum) + "\n"
	case 1:
		return "STRIPE_KEY=sk_live_" + randString(r, 24, alnum) + "\n"
	default:
		return "AWS_ACCESS_KEY_ID=AKIA" + randString(r, 16, upperDigits) + "\n"
	}
}

const (
	alnum       = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	upperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
)

func randString(r *rand.Rand, n int, chars string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
	}
	return string(b)
}
