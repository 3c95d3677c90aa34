package scan

import (
	"context"
	"os"
	"testing"
)

// BenchmarkHistory scans the repository named by $KEYLINT_BENCH_REPO, such
// as one built by bench/genrepo or bench/realrepo.sh:
//
//	KEYLINT_BENCH_REPO=/tmp/xtools go test -run '^$' -bench History \
//	    -cpuprofile cpu.out ./internal/scan
func BenchmarkHistory(b *testing.B) {
	dir := os.Getenv("KEYLINT_BENCH_REPO")
	if dir == "" {
		b.Skip("set KEYLINT_BENCH_REPO to a repository to scan")
	}
	for b.Loop() {
		res, err := Run(context.Background(), Options{Dir: dir, Mode: History})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.Secrets)), "secrets")
	}
}
