#!/usr/bin/env bash
# Benchmarks keylint against the tools it is measured by, on the same inputs,
# and prints wall time, peak RSS and the ratios. Not part of CI: it installs
# gitleaks v8.30.1 and takes minutes.
#
#   bench/run.sh [COMMITS] [PACKAGES]
#
# COMMITS   size of the generated repository (default 50000)
# PACKAGES  a module directory for the analyzer comparison (default: this repo;
#           BENCHMARKS.md's figures use this module)
#
# BENCH_COLD=1 also times the analyzer tools once each on an empty build
# cache, where reading export data means compiling first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
commits=${1:-50000}
pkgdir=${2:-$root}
out=$root/bench/out
mkdir -p "$out"
# The generated repositories hold Go files; a module of their own keeps them
# out of this module's ./..., which the analyzer comparison measures.
[ -f "$out/go.mod" ] || printf 'module keylint.invalid/benchout\n' >"$out/go.mod"
export GOBIN=$out/bin

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
go install github.com/zricethezav/gitleaks/v8@v8.30.1
go install github.com/securego/gosec/v2/cmd/gosec@v2.30.0
go build -o "$GOBIN/keylint" ./cmd/keylint

# measure NAME CMD... runs CMD three times and keeps the fastest wall time and
# its peak RSS (GNU time's %e and %M), so a cold page cache does not count. An
# exit code other than 0, 1 (findings) or 3 (keylint's diagnostics) is a crash
# or a usage error: the line says FAILED and the ratios using it are void.
measure() {
  local name=$1 best="" rss="" code
  shift
  for _ in 1 2 3; do
    code=0
    /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || code=$?
    case $code in
    0 | 1 | 3) ;;
    *)
      printf '%-28s FAILED (exit %d): %s\n' "$name" "$code" "$(head -c 300 "$out/stderr.txt")" |
        tee -a "$out/results.txt"
      eval "t_${name//[^a-z]/_}=nan"
      return 0
      ;;
    esac
    read -r secs kb < <(tail -n 1 "$out/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs rss=$kb; fi
  done
  printf '%-28s %8.2f s %8d MiB\n' "$name" "$best" $((rss / 1024)) | tee -a "$out/results.txt"
  eval "t_${name//[^a-z]/_}=$best"
}

# ownpeak NAME CMD... prints the peak RSS of CMD's own process, without
# the git it runs: GNU time's figure is the largest of the process tree, and
# on a long history that is git log's. The kernel's high-water mark (VmHWM)
# only grows, so its last reading before exit is the peak, give or take the
# last 20 ms.
ownpeak() {
  local name=$1 pid hwm=0 v
  shift
  "$@" >/dev/null 2>&1 &
  pid=$!
  while v=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null) && [ -n "$v" ]; do
    hwm=$v
    sleep 0.02
  done
  wait "$pid" || true
  printf '%-28s %8s   %8d MiB (own process)\n' "$name" "" $((hwm / 1024)) | tee -a "$out/results.txt"
}

: >"$out/results.txt"
repo=$out/repo-$commits
[ -d "$repo" ] || go run ./bench/genrepo -dir "$repo" -commits "$commits"
echo "== history scan, $commits commits"
measure gitleaks "$GOBIN/gitleaks" git --no-banner --exit-code 0 "$repo"
measure keylint_scan "$GOBIN/keylint" scan --fail-on none --no-github "$repo"
ownpeak gitleaks_own "$GOBIN/gitleaks" git --no-banner --exit-code 0 "$repo"
ownpeak keylint_scan_own "$GOBIN/keylint" scan --fail-on none --no-github "$repo"
awk -v a="$t_keylint_scan" -v b="$t_gitleaks" 'BEGIN{printf "ratio keylint scan / gitleaks git: %.2f\n", a/b}' | tee -a "$out/results.txt"

# Real code's history: one commit per release of a large module, from the
# module proxy (bench/realrepo.sh), so every diff is code that really changed.
real=$out/realrepo-xtools
[ -d "$real" ] || bash bench/realrepo.sh golang.org/x/tools 40 "$real"
echo "== history scan, the last 40 releases of golang.org/x/tools"
measure gitleaks_real "$GOBIN/gitleaks" git --no-banner --exit-code 0 "$real"
measure keylint_real "$GOBIN/keylint" scan --fail-on none --no-github "$real"
ownpeak gitleaks_real_own "$GOBIN/gitleaks" git --no-banner --exit-code 0 "$real"
ownpeak keylint_real_own "$GOBIN/keylint" scan --fail-on none --no-github "$real"
awk -v a="$t_keylint_real" -v b="$t_gitleaks_real" 'BEGIN{printf "ratio keylint scan / gitleaks git (x/tools releases): %.2f\n", a/b}' | tee -a "$out/results.txt"

echo "== keylint scan --staged, 5,000 files, one staged change"
staged=$out/repo-staged
if [ ! -d "$staged" ]; then
  git init -q -b main "$staged"
  for i in $(seq 1 5000); do
    d=$staged/pkg$((i % 50))
    mkdir -p "$d"
    printf 'package p%d\n\nfunc F%d() int { return %d }\n' "$((i % 50))" "$i" "$i" >"$d/f$i.go"
  done
  git -C "$staged" add -A
  git -C "$staged" -c user.name=bench -c user.email=bench@example.invalid commit -q -m files
  printf 'package p1\n\nconst limit = 10\n' >"$staged/pkg1/limit.go"
  git -C "$staged" add pkg1/limit.go
fi
(cd "$staged" && measure keylint_staged "$GOBIN/keylint" scan --staged --no-github --fail-on none)

echo "== analyzers on $pkgdir"
cd "$pkgdir"
go build ./... # warm the build cache for both
# A fresh -printf.funcs value is a new vet cache key, so vet really runs
# each time while the build cache stays warm.
measure go_vet bash -c 'go vet -printf.funcs="benchnonce$(date +%s%N)" ./...'
measure keylint "$GOBIN/keylint" ./...
measure keylint_all "$GOBIN/keylint" -deps=all ./...
# The vet form runs one process per package, like go vet itself. vet caches
# a vettool's results by the tool's content and flags, so a fresh flag value
# (an ignored host nobody calls) makes it analyse again.
measure keylint_vettool bash -c 'go vet -vettool="$GOBIN/keylint" -staticcred.ignore="benchnonce$(date +%s%N).invalid" ./...'
measure keyexposure "$GOBIN/keylint" -keyexposure ./...
# gosec walks directories itself, past the go.mod that keeps bench/out out.
measure gosec "$GOBIN/gosec" -quiet -fmt=json -exclude-dir=bench/out ./...
# With BENCH_COLD=1, once more each on an empty build cache: keylint and go
# vet compile what they read from export data, gosec too; -deps=all parses.
if [ "${BENCH_COLD:-}" = 1 ]; then
  echo "== the same on an empty build cache (one run each)"
  cold() {
    local name=$1 cache code=0
    shift
    cache=$(mktemp -d)
    GOCACHE=$cache /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || code=$?
    read -r secs kb < <(tail -n 1 "$out/time.txt")
    printf '%-28s %8.2f s %8d MiB (exit %d)\n' "$name" "$secs" $((kb / 1024)) "$code" | tee -a "$out/results.txt"
    rm -rf "$cache"
  }
  cold cold_go_vet go vet ./...
  cold cold_keylint "$GOBIN/keylint" ./...
  cold cold_keylint_all "$GOBIN/keylint" -deps=all ./...
  cold cold_gosec "$GOBIN/gosec" -quiet -fmt=json -exclude-dir=bench/out ./...
fi

awk -v a="$t_keylint" -v b="$t_go_vet" -v c="$t_keylint_vettool" -v d="$t_gosec" -v e="$t_keyexposure" -v f="$t_keylint_all" 'BEGIN{
  printf "ratio keylint / go vet: %.2f\n", a/b
  printf "ratio keylint -deps=all / go vet: %.2f\n", f/b
  printf "ratio keylint -deps=all / gosec: %.2f\n", f/d
  printf "ratio keylint (vettool) / go vet: %.2f\n", c/b
  printf "ratio keylint -keyexposure / go vet: %.2f\n", e/b
  printf "ratio keylint / gosec: %.2f\n", a/d}' | tee -a "$out/results.txt"
