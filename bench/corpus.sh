#!/usr/bin/env bash
# Runs keylint's analyzers (keylint -json) over real modules from the Go module
# proxy and over the Go standard library, and tabulates diagnostics, analysis
# errors, panics and timings. Not part of CI: the first run downloads about
# 10 GiB of modules; a run then takes 15 to 30 minutes on 2 cores, and peaks
# at about 17 GiB of memory (google.golang.org/api). A re-run reuses the
# downloads and the prepared copies.
#
#   bash bench/corpus.sh [FILTER]
#
# FILTER    an extended regexp; only modules whose path matches it are run
#           ("std" for the standard library; default: every module and std).
#           The tables are rebuilt from all results present, so re-running one
#           module after a fix updates its rows and the totals.
#
# Environment:
#   CORPUS_DIR      work directory (default /tmp/corpus)
#   CORPUS_LIST     module list (default bench/corpus-modules.txt): lines of
#                   MODULE@VERSION [PATTERN...], # comments
#   CORPUS_TIMEOUT  per-module limit for keylint, as for timeout(1) (default 20m)
#   CORPUS_JOBS     modules analysed at once (default 1; 2 fits in 24 GiB but
#                   makes the timings noisier)
#   KEYLINT_FLAGS   extra flags for keylint (default none: its defaults)
#   KEYLINT_BIN     a keylint binary to run instead of building this tree
#   CORPUS_PREP_ONLY=1  download and prepare the modules, analyse nothing
#
# Output in CORPUS_DIR:
#   summary.tsv      module, version, packages, KL101..KL106, errors, panic,
#                    seconds, then status, exit code, peak RSS and load errors
#   diagnostics.tsv  module, rule, file:line:col (relative to the module root),
#                    message; one line per distinct diagnostic
#   errors.tsv       module, package, analyzer, error: analysis errors per
#                    package (such as analyses skipped for type errors)
#   loaderrors.tsv   module, message: package load and type-check errors that
#                    keylint printed on stderr
#   panics.txt       every panic or fatal error with its stack trace
#   results/KEY.json, KEY.log, KEY.meta   keylint's stdout, stderr and the
#                    run's facts, for each module (KEY is the module@version)
#   src/KEY          the writable copy of each module that keylint ran in
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
W=${CORPUS_DIR:-/tmp/corpus}
LIST=${CORPUS_LIST:-$root/bench/corpus-modules.txt}
TIMEOUT=${CORPUS_TIMEOUT:-20m}
JOBS=${CORPUS_JOBS:-1}
FILTER=${1:-}
KL=$W/bin/keylint
mkdir -p "$W/bin" "$W/src" "$W/results" "$W/dl"

# Each module is built with its own go.mod as it is, on this Go: no workspace,
# no toolchain switch (a module that needs a newer Go is recorded as such).
export GOWORK=off GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$W/run.log" >&2; }

# Rebuild keylint on every run so that a fix is measured (KEYLINT_BIN names
# a binary to measure instead).
if [ -n "${KEYLINT_BIN:-}" ]; then
  log "using $KEYLINT_BIN"
  cp "$KEYLINT_BIN" "$KL" && echo "$KEYLINT_BIN" >"$W/bin/keylint.version" || exit 1
else
  log "building keylint from $root"
  (cd "$root" && GOFLAGS=-buildvcs=false go build -o "$KL" ./cmd/keylint) || { log "keylint does not build"; exit 1; }
  printf '%s\n' "$(cd "$root" && git describe --always --dirty 2>/dev/null)" >"$W/bin/keylint.version"
fi

# limit_seconds 20m -> 1200 (timeout(1)'s suffixes)
limit_seconds() {
  awk -v t="$1" 'BEGIN{n=t+0; u=substr(t, length(t)); m=(u=="m")?60:(u=="h")?3600:(u=="d")?86400:1; print n*m}'
}

key() { printf '%s' "${1//\//_}"; } # module@version -> a file name

# prep MOD VER DIR: download MOD@VER, copy it to a writable DIR and fetch what
# its packages and tests need. Skipped when DIR is already prepared.
prep() {
  local mod=$1 ver=$2 dir=$3 plog=$4 srcdir
  shift 4
  # prepared for these patterns already
  [ -f "$dir/.corpus-ready" ] && [ "$(cat "$dir/.corpus-ready")" = "$*" ] && return 0
  : >"$plog"
  if [ ! -f "$dir/.corpus-copied" ]; then
    srcdir=$(cd "$W/dl" && GOFLAGS="" go mod download -json "$mod@$ver" 2>>"$plog" |
      python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir","")) if not d.get("Error") else sys.exit(d["Error"])' 2>>"$plog")
    if [ -z "$srcdir" ] || [ ! -d "$srcdir" ]; then
      echo "download failed" >>"$plog"
      return 1
    fi
    rm -rf "$dir" && mkdir -p "$dir" && cp -r "$srcdir/." "$dir/" && chmod -R u+w "$dir" || return 1
    touch "$dir/.corpus-copied"
  fi
  (
    cd "$dir" || exit 1
    if [ ! -f go.mod ]; then # a +incompatible module without go.mod
      go mod init "$mod" >>"$plog" 2>&1 && go mod tidy -e >>"$plog" 2>&1 || exit 1
    fi
    # A replace by a directory points into the module's repository (as
    # aws-sdk-go-v2's service modules do with ../../), which a module zip
    # lacks: drop it, so the required version comes from the proxy.
    go mod edit -json | python3 -c '
import json, sys
for r in json.load(sys.stdin).get("Replace") or []:
    if not r["New"].get("Version"):
        o = r["Old"]
        print(o["Path"] + ("@" + o["Version"] if o.get("Version") else ""))' |
      while read -r old; do
        echo "dropping directory replace of $old" >>"$plog"
        go mod edit -dropreplace="$old" || exit 1
      done
    go mod download >>"$plog" 2>&1 || exit 1
    # What keylint's loader asks for, so its run is timed without downloads
    # and cgo preprocessing.
    go list -e -deps -test -compiled "$@" >/dev/null 2>>"$plog" || exit 1
  ) || { echo "prepare failed" >>"$plog"; return 1; }
  printf '%s\n' "$*" >"$dir/.corpus-ready"
}

# analyse NAME VERSION DIR KEY PATTERN...: run keylint in DIR and record it.
analyse() {
  local name=$1 ver=$2 dir=$3 k=$4
  shift 4
  local res=$W/results/$k pkgs rc start end wall rss status
  pkgs=$(cd "$dir" && go list -e "$@" 2>/dev/null | wc -l)
  start=$(date +%s.%N)
  # shellcheck disable=SC2086 # KEYLINT_FLAGS is a list of flags
  (cd "$dir" && /usr/bin/time -f '%e %M' -o "$res.time" \
    timeout -k 30s "$TIMEOUT" "$KL" -json ${KEYLINT_FLAGS:-} "$@" >"$res.json" 2>"$res.log")
  rc=$?
  end=$(date +%s.%N)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}')
  rss=$(awk '/^[0-9.]+ [0-9]+$/{print int($2/1024)}' "$res.time" 2>/dev/null | tail -1)
  status=ok
  case $rc in
    0 | 3) status=ok ;;
    124) status=timeout ;;
    137) # killed: by timeout -k after the limit, else by the OOM killer
      if awk -v w="$wall" -v l="$(limit_seconds "$TIMEOUT")" 'BEGIN{exit !(w >= l)}'; then
        status=timeout
      else
        status=killed
      fi ;;
    *) status=failed ;;
  esac
  # With -json the driver exits 1 when a package failed to load or type-check
  # and still prints the diagnostics of the rest.
  [ "$rc" = 1 ] && [ -s "$res.json" ] && status=load-errors
  grep -qE '^(panic: |fatal error: |goroutine [0-9]+ \[)' "$res.log" && status=panic
  [ "$status" = ok ] && [ ! -s "$res.json" ] && status=no-output
  printf 'module=%s\nversion=%s\ndir=%s\npackages=%s\nrc=%s\nstatus=%s\nseconds=%s\nrss_mib=%s\npatterns=%s\nkeylint=%s\n' \
    "$name" "$ver" "$dir" "$pkgs" "$rc" "$status" "$wall" "${rss:-}" "$*" "$(cat "$W/bin/keylint.version")" >"$res.meta"
  log "done $name@$ver: $status rc=$rc ${wall}s ${rss:-?}MiB $pkgs packages"
}

# one LINE: prepare and analyse one module of the list.
one() {
  local mod=${1%@*} ver=${1##*@} k dir
  shift
  [ $# -eq 0 ] && set -- ./...
  k=$(key "$mod@$ver")
  dir=$W/src/$k
  log "start $mod@$ver"
  if ! prep "$mod" "$ver" "$dir" "$W/results/$k.prep.log" "$@"; then
    log "prepare failed for $mod@$ver: $(tail -3 "$W/results/$k.prep.log" | tr '\n' ' ' | cut -c1-300)"
    printf 'module=%s\nversion=%s\nstatus=prepare-failed\npackages=0\nseconds=0\nrc=\n' "$mod" "$ver" >"$W/results/$k.meta"
    rm -f "$W/results/$k.json" "$W/results/$k.log"
    return
  fi
  [ "${CORPUS_PREP_ONLY:-}" = 1 ] && return
  analyse "$mod" "$ver" "$dir" "$k" "$@"
}

std() {
  local goroot ver stamp
  goroot=$(go env GOROOT)
  ver=$(go env GOVERSION)
  [ "${CORPUS_PREP_ONLY:-}" = 1 ] && return
  log "start std ($ver)"
  stamp=$W/results/std.stamp
  touch "$stamp"
  # GOROOT/src is the std module; with its vendor directory and without
  # -mod=mod nothing there is written (checked below).
  (export GOFLAGS=-buildvcs=false && analyse std "$ver" "$goroot/src" std std)
  if [ -n "$(find "$goroot" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    log "warning: files under GOROOT changed during the std run"
    find "$goroot" -newer "$stamp" >>"$W/results/std.log"
  fi
}

# The module list, less comments, filtered.
mapfile -t lines < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$LIST" | grep -v '^[[:space:]]*$' |
  { if [ -n "$FILTER" ]; then awk -v f="$FILTER" '{m=$1; sub(/@.*/, "", m); if (m ~ f) print}'; else cat; fi; })

t0=$(date +%s)
log "corpus run: ${#lines[@]} modules${FILTER:+ matching $FILTER}, jobs=$JOBS, timeout=$TIMEOUT"
for line in "${lines[@]}"; do
  # shellcheck disable=SC2086
  if [ "$JOBS" -gt 1 ]; then
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
    one $line &
  else
    one $line
  fi
done
wait
if [ -z "$FILTER" ] || [[ std =~ $FILTER ]]; then std; fi
t1=$(date +%s)
log "corpus run finished in $((t1 - t0)) s"
[ "${#lines[@]}" -gt 0 ] || [ -z "$FILTER" ] || [[ std =~ $FILTER ]] && printf '%s\n' "$((t1 - t0))" >"$W/last-run-seconds"

# Tables, from every result of a module in the list (and std).
python3 - "$W" "$LIST" <<'EOF'
import json, os, re, sys
from collections import Counter

W, LIST = sys.argv[1], sys.argv[2]
RULES = {"hardcodedkey": "KL101", "keyexposure": "KL102", "userapikey": "KL103",
         "staticcred": "KL104", "keyage": "KL105", "sharedkey": "KL106"}
ORDER = ["KL101", "KL102", "KL103", "KL104", "KL105", "KL106"]
PANIC = re.compile(r"^(panic: |fatal error: |goroutine \d+ \[)", re.M)

keys = []
for line in open(LIST):
    line = line.split("#", 1)[0].split()
    if line:
        keys.append(line[0].replace("/", "_"))
keys.append("std")

def meta(k):
    m = {}
    try:
        for l in open(os.path.join(W, "results", k + ".meta")):
            a, _, b = l.rstrip("\n").partition("=")
            m[a] = b
    except FileNotFoundError:
        return None
    return m

summary = [["module", "version", "packages"] + ORDER +
           ["errors", "panic", "seconds", "status", "rc", "rss_mib", "load_errors"]]
diags, errors, loaderrs, panics = [], [], [], []
tot = Counter()
for k in keys:
    m = meta(k)
    if m is None:
        continue
    res = os.path.join(W, "results", k)
    root = m.get("dir", "").rstrip("/") + "/"
    counts = Counter()
    nerr = 0
    seen = set()
    try:
        data = json.load(open(res + ".json")) if os.path.getsize(res + ".json") else {}
    except (FileNotFoundError, ValueError) as e:
        data = {}
    # A package's files are analysed twice with -test (as p and as
    # "p [p.test]"): keep each diagnostic once.
    for pkg in sorted(data):
        for an, v in sorted(data[pkg].items()):
            if isinstance(v, dict) and "error" in v:
                nerr += 1
                errors.append([m["module"], pkg, an, v["error"].replace("\n", " | ")])
                if "panic" in v["error"]:
                    panics.append("== %s: %s %s\n%s\n" % (m["module"], pkg, an, v["error"]))
                continue
            rule = RULES.get(an, an)
            for d in v or []:
                posn = d.get("posn", "")
                if posn.startswith(root):
                    posn = posn[len(root):]
                sig = (rule, posn, d.get("message", ""))
                if sig in seen:
                    continue
                seen.add(sig)
                counts[rule] += 1
                diags.append([m["module"], rule, posn, d.get("message", "").replace("\n", " ").replace("\t", " ")])
    # One order whatever the driver's: by file, line, column, rule.
    def pos_key(r):
        f, _, lc = r[2].rpartition(":")
        f2, _, l = f.rpartition(":")
        try:
            return (f2, int(l), int(lc), r[1], r[3])
        except ValueError:
            return (r[2], 0, 0, r[1], r[3])
    start = next((i for i, r in enumerate(diags) if r[0] == m["module"]), len(diags))
    diags[start:] = sorted(diags[start:], key=pos_key)
    log = ""
    try:
        log = open(res + ".log", errors="replace").read()
    except FileNotFoundError:
        pass
    nload = 0
    for l in log.splitlines():
        if PANIC.match(l):
            break
        if l.strip():
            nload += 1
            loaderrs.append([m["module"], l.replace(root, "").replace("\t", " ")])
    mp = PANIC.search(log)
    panic = "yes" if mp or m.get("status") == "panic" else "no"
    if mp:
        panics.append("== %s@%s (exit %s)\n%s\n" % (m["module"], m.get("version"), m.get("rc"), log[mp.start():].rstrip()))
    for r in ORDER:
        tot[r] += counts[r]
    tot["errors"] += nerr
    tot["packages"] += int(m.get("packages") or 0)
    tot["seconds"] += float(m.get("seconds") or 0)
    tot["modules"] += 1
    summary.append([m["module"], m.get("version", ""), m.get("packages", "")] +
                   [str(counts[r]) for r in ORDER] +
                   [str(nerr), panic, m.get("seconds", ""), m.get("status", ""), m.get("rc", ""),
                    m.get("rss_mib", ""), str(nload)])
summary.append(["TOTAL", "%d modules" % tot["modules"], str(tot["packages"])] +
               [str(tot[r]) for r in ORDER] +
               [str(tot["errors"]), str(sum(1 for r in summary[1:] if r[10] == "yes")),
                "%.1f" % tot["seconds"], "", "", "", ""])

def write(name, rows, header=None):
    with open(os.path.join(W, name), "w") as f:
        if header:
            f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

write("summary.tsv", summary)
write("diagnostics.tsv", diags, ["module", "rule", "position", "message"])
write("errors.tsv", errors, ["module", "package", "analyzer", "error"])
write("loaderrors.tsv", loaderrs, ["module", "message"])
with open(os.path.join(W, "panics.txt"), "w") as f:
    f.write("\n".join(panics) if panics else "no panics\n")
print("modules %d, packages %d, diagnostics %d (%s), analysis errors %d, panics %d" % (
    tot["modules"], tot["packages"], len(diags), " ".join("%s=%d" % (r, tot[r]) for r in ORDER),
    tot["errors"], len(panics)))
EOF
column -t -s $'\t' "$W/summary.tsv" >&2
