#!/usr/bin/env bash
# Benchmarks keylint against the tools it is measured by, on the same inputs,
# and prints wall time, peak RSS and the ratios. Not part of CI: it installs
# gitleaks v8.30.1 and takes minutes.
#
#   bench/run.sh [COMMITS] [PACKAGES]
#
# COMMITS   size of the generated repository (default 50000)
# PACKAGES  a module directory for the analyzer comparison (default: this repo;
#           the README's figures use a copy of golang.org/x/tools)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
commits=${1:-50000}
pkgdir=${2:-$root}
out=$root/bench/out
mkdir -p "$out"
export GOBIN=$out/bin

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
go install github.com/zricethezav/gitleaks/v8@v8.30.1
go install github.com/securego/gosec/v2/cmd/gosec@v2.30.0
go build -o "$GOBIN/keylint" ./cmd/keylint

# measure NAME CMD... runs CMD three times and keeps the fastest wall time and
# its peak RSS (GNU time's %e and %M), so a cold page cache does not count.
measure() {
  local name=$1 best="" rss=""
  shift
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >/dev/null 2>&1 || true
    read -r secs kb <"$out/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs rss=$kb; fi
  done
  printf '%-28s %8.2f s %8d MiB\n' "$name" "$best" $((rss / 1024)) | tee -a "$out/results.txt"
  eval "t_${name//[^a-z]/_}=$best"
}

: >"$out/results.txt"
repo=$out/repo-$commits
[ -d "$repo" ] || go run ./bench/genrepo -dir "$repo" -commits "$commits"
echo "== history scan, $commits commits"
measure gitleaks "$GOBIN/gitleaks" git --no-banner --exit-code 0 "$repo"
measure keylint_scan "$GOBIN/keylint" scan --fail-on none --no-github "$repo"
awk -v a="$t_keylint_scan" -v b="$t_gitleaks" 'BEGIN{printf "ratio keylint scan / gitleaks git: %.2f\n", a/b}' | tee -a "$out/results.txt"

echo "== analyzers on $pkgdir"
cd "$pkgdir"
go build ./... # warm the build cache for both
# A fresh -printf.funcs value is a new vet cache key, so vet really runs
# each time while the build cache stays warm.
measure go_vet bash -c 'go vet -printf.funcs="benchnonce$(date +%s%N)" ./...'
measure keylint "$GOBIN/keylint" ./...
# The vet form runs one process per package, like go vet itself; a fresh
# binary path is a new cache key for the same reason as the nonce above.
measure keylint_vettool bash -c 'b=$(mktemp -d)/keylint && cp "$GOBIN/keylint" "$b" && go vet -vettool="$b" ./...'
measure keyexposure "$GOBIN/keylint" -keyexposure ./...
measure gosec "$GOBIN/gosec" -quiet -fmt=json ./...
awk -v a="$t_keylint" -v b="$t_go_vet" -v c="$t_keylint_vettool" -v d="$t_gosec" -v e="$t_keyexposure" 'BEGIN{
  printf "ratio keylint / go vet: %.2f\n", a/b
  printf "ratio keylint (vettool) / go vet: %.2f\n", c/b
  printf "ratio keylint -keyexposure / go vet: %.2f\n", e/b
  printf "ratio keylint / gosec: %.2f\n", a/d}' | tee -a "$out/results.txt"
