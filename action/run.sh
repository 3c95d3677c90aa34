#!/usr/bin/env bash
# run.sh is the keylint GitHub Action's step: install keylint, run the
# analyzers on the Go packages a pull request changes and the scanner on its
# commits, write one SARIF log, report on the pull request, and set the
# step's outputs (sarif-file, findings, overdue, failed, error).
#
# It reads its inputs from the environment (action.yml maps each input to
# one variable), never from interpolated expressions:
#
#   KEYLINT_VERSION            module version to go install; empty builds the
#                              action's own source ($GITHUB_ACTION_PATH)
#   KEYLINT_BIN                a keylint binary to use instead of installing
#   KEYLINT_FAIL_ON            any | overdue | none
#   KEYLINT_SCAN               true | false
#   KEYLINT_ANALYZERS          true | false
#   KEYLINT_SARIF_FILE         SARIF output, relative to the working directory
#   KEYLINT_REPORT             check | review | annotations | none
#   KEYLINT_WORKING_DIRECTORY  where to run
#   KEYLINT_BASE, KEYLINT_HEAD the range; default: the pull_request event's
#                              base and head (GITHUB_EVENT_PATH)
#
# It needs bash, git and jq (GitHub's hosted runners have them) and Go to
# install keylint.
#
# actions/checkout's default clone holds one commit, the pull request's
# merge commit, and neither end of the range. run.sh fetches both ends from
# origin and deepens the clone until it holds the commit the pull request
# branched from, so that BASE..HEAD is the pull request's commits and
# nothing older; secrets older than the clone's history are dated by the
# scanner through the GitHub API.
#
# It exits 0 when it ran, whatever it found (the failed output says whether
# findings reach fail-on, so the SARIF upload still runs), and 2 with an
# error annotation and the error output when it could not run.
set -euo pipefail

log() { printf 'keylint: %s\n' "$*" >&2; }
output() { printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:-/dev/null}"; }

# escape makes text safe in a workflow command, which the runner would cut
# at a newline and decode at a percent sign.
escape() {
	local s=$1
	s=${s//'%'/'%25'}
	s=${s//$'\r'/'%0D'}
	s=${s//$'\n'/'%0A'}
	printf '%s' "$s"
}

# fail reports why keylint could not run: an error annotation, and the
# failed and error outputs for the steps after this one.
died=false
fail() {
	died=true
	printf '::error title=keylint::%s\n' "$(escape "$1")"
	output failed true
	output error "${1//[$'\r\n']/ }"
}
die() {
	fail "$*"
	exit 2
}

# Any command that fails without a die (set -e) still ends with an error
# annotation and the outputs.
work=$(mktemp -d)
on_exit() {
	local code=$?
	rm -rf "$work"
	if ((code != 0)) && [[ $died == false ]]; then
		fail "the action failed unexpectedly (exit $code); see the step's log"
	fi
}
trap on_exit EXIT

fail_on=${KEYLINT_FAIL_ON:-any}
case $fail_on in any | overdue | none) ;; *) die "fail-on: want any, overdue or none, got '$fail_on'" ;; esac
report=${KEYLINT_REPORT:-check}
case $report in check | review | annotations | none) ;; *) die "report: want check, review, annotations or none, got '$report'" ;; esac
cd "${KEYLINT_WORKING_DIRECTORY:-.}" || die "working-directory: cannot enter '${KEYLINT_WORKING_DIRECTORY:-}'"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
	die "$(pwd) is not in a git work tree: check the repository out first (actions/checkout)"
need_jq() { command -v jq >/dev/null || die "jq is not installed; keylint's action needs it"; }

# Install keylint, unless a binary is given: by default the action's own
# source, which is exactly the version the workflow pinned in uses:, tag
# or commit; with a version input, that module version.
keylint=${KEYLINT_BIN:-}
if [[ -z $keylint ]]; then
	gobin=${RUNNER_TEMP:-$work}/keylint-bin
	version=${KEYLINT_VERSION:-}
	if [[ -z $version ]]; then
		src=${GITHUB_ACTION_PATH:-}
		[[ -n $src && -f $src/go.mod ]] ||
			die "version: empty, and GITHUB_ACTION_PATH ('$src') holds no keylint source; give a version"
		log "building keylint from $src"
		(cd "$src" && go build -o "$gobin/keylint" ./cmd/keylint) || die "go build keylint in $src failed"
	else
		[[ $version =~ ^(v[0-9][0-9A-Za-z.+-]*|latest)$ ]] || die "version: not a module version: '$version'"
		log "installing github.com/keylint/keylint/cmd/keylint@$version"
		GOBIN=$gobin go install "github.com/keylint/keylint/cmd/keylint@$version" || die "go install keylint@$version failed"
	fi
	keylint=$gobin/keylint
fi
"$keylint" version >&2 || die "cannot run $keylint"

# The pull request's range, from the event unless given.
base=${KEYLINT_BASE:-}
head=${KEYLINT_HEAD:-}
pr_commits=0
if [[ -n ${GITHUB_EVENT_PATH:-} && -f ${GITHUB_EVENT_PATH:-} ]]; then
	need_jq
	bad_event="cannot read the event $GITHUB_EVENT_PATH"
	event_base=$(jq -r '.pull_request.base.sha // empty' "$GITHUB_EVENT_PATH") || die "$bad_event"
	event_head=$(jq -r '.pull_request.head.sha // empty' "$GITHUB_EVENT_PATH") || die "$bad_event"
	pr_commits=$(jq -r '.pull_request.commits // 0' "$GITHUB_EVENT_PATH") || die "$bad_event"
	base=${base:-$event_base}
	head=${head:-$event_head}
fi
if [[ -z $head ]]; then
	head=$(git rev-parse HEAD) || die "cannot read HEAD"
fi
for sha in "$base" "$head"; do
	[[ -z $sha || $sha =~ ^[0-9a-fA-F]{7,64}$ ]] || die "not a commit: '$sha'"
done
[[ $pr_commits =~ ^[0-9]+$ ]] || pr_commits=0

have() { git cat-file -e "$1^{commit}" 2>/dev/null; }
shallow() { [[ $(git rev-parse --is-shallow-repository) == true ]]; }

# nested_module prints the nearest directory from dir up to (not including)
# the working directory that holds a go.mod: dir is then another module's,
# which go list cannot load from here.
nested_module() {
	local d=$1
	while [[ $d != . && $d != / ]]; do
		if [[ -f $d/go.mod ]]; then
			printf '%s' "$d"
			return
		fi
		d=$(dirname "$d")
	done
}

# fetch_range makes base..head readable: it fetches a missing end, in a
# shallow clone as deep as the pull request's commits, then deepens the
# clone until both ends reach their merge base (and, past a few rounds,
# fetches their whole history). A full clone is only given a missing end.
fetch_range() {
	local missing=() depth=$((pr_commits + 1)) step
	((depth > 1)) || depth=50
	for sha in "$base" "$head"; do
		have "$sha" || missing+=("$sha")
	done
	if ((${#missing[@]} > 0)); then
		local deep=()
		if shallow; then deep=(--depth="$depth"); fi
		log "fetching ${missing[*]} from origin"
		git fetch --no-tags --quiet "${deep[@]}" origin "${missing[@]}" || return 1
	fi
	step=$depth
	for _ in 1 2 3 4; do
		if ! shallow || git merge-base "$base" "$head" >/dev/null 2>&1; then
			return 0
		fi
		log "deepening the clone by $step commits to reach where the pull request branched"
		git fetch --no-tags --quiet --deepen="$step" origin "$base" "$head" || return 1
		step=$((step * 4))
	done
	if ! shallow || git merge-base "$base" "$head" >/dev/null 2>&1; then
		return 0
	fi
	log "fetching the whole history of $base and $head"
	git fetch --no-tags --quiet --unshallow origin "$base" "$head"
}
if [[ -n $base ]]; then
	fetch_range || die "could not fetch the pull request's commits ($base..$head) from origin;" \
		"check out with actions/checkout's default persist-credentials, or fetch-depth: 0"
	for sha in "$base" "$head"; do
		have "$sha" || die "the clone lacks $sha after fetching it from origin"
	done
fi

sarifs=()
failed=false
scan_json=

# Analyzers: the packages (directories) holding changed Go files.
if [[ ${KEYLINT_ANALYZERS:-true} == true ]]; then
	if [[ -n $base ]]; then
		# Three dots: what the pull request changed since it branched.
		if git merge-base "$base" "$head" >/dev/null 2>&1; then
			changed=$(git diff --name-only --diff-filter=d "$base...$head" -- '*.go') ||
				die "git diff $base...$head failed"
		else
			changed=$(git diff --name-only --diff-filter=d "$base" "$head" -- '*.go') ||
				die "git diff $base $head failed"
		fi
	else
		changed=$(git ls-files -- '*.go') || die "git ls-files failed"
	fi
	prefix=$(git rev-parse --show-prefix) || die "cannot locate $(pwd) in the repository"
	pkgs=()
	while IFS= read -r file; do
		[[ -n $file ]] || continue
		# Paths are relative to the repository root; keep those under the
		# working directory, made relative to it.
		[[ $file == "$prefix"* ]] || continue
		dir=$(dirname "${file#"$prefix"}")
		[[ -d $dir ]] || continue
		nested=$(nested_module "$dir")
		if [[ -n $nested ]]; then
			log "skipping ./$dir: it belongs to the module in ./$nested"
			continue
		fi
		pkgs+=("./$dir")
	done <<<"$changed"
	if ((${#pkgs[@]} > 0)); then
		mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | sort -u)
		log "analyzing ${#pkgs[@]} changed packages: ${pkgs[*]}"
		code=0
		"$keylint" sarif -o "$work/analyzers.sarif" "${pkgs[@]}" || code=$?
		case $code in
		0 | 3) ;;
		1) printf '::warning title=keylint::%s\n' "the analyzers could not load or analyze some packages; their results are incomplete (see the step's log)" ;;
		*) die "keylint sarif failed (exit $code)" ;;
		esac
		if [[ -s $work/analyzers.sarif ]]; then
			need_jq
			sarifs+=("$work/analyzers.sarif")
			# Failure comes from the results, not the exit code: exit 1 (a
			# package failed to load) can come with results. Notes (KL104,
			# advisory) never fail the job.
			blocking=$(jq '[.runs[].results[] | select((.level // "warning") != "note")] | length' \
				"$work/analyzers.sarif") || die "cannot read the analyzers' SARIF log"
			log "analyzers: $blocking errors and warnings"
			if [[ $fail_on == any ]] && ((blocking > 0)); then failed=true; fi
		fi
	else
		log "no changed Go packages"
	fi
fi

# Scanner: the pull request's commits, aged against the policy.
rangeargs=()
if [[ -n $base ]]; then rangeargs=(--range "$base..$head"); fi
if [[ ${KEYLINT_SCAN:-true} == true ]]; then
	# The workflow's repository dates secrets older than the clone; origin
	# may not name it (a mirror, an enterprise host alias).
	github=()
	if [[ -n ${GITHUB_REPOSITORY:-} ]]; then github=(--github "$GITHUB_REPOSITORY"); fi
	code=0
	"$keylint" scan "${rangeargs[@]}" "${github[@]}" --format json --output "$work/scan.json" \
		--fail-on "$fail_on" . || code=$?
	case $code in
	0) ;;
	1) failed=true ;;
	*) die "keylint scan failed (exit $code)" ;;
	esac
	scan_json=$work/scan.json
fi

# One SARIF log of both engines, one run each. Its path is absolute: the
# upload step runs in the workspace, not in working-directory.
sarif_file=${KEYLINT_SARIF_FILE:-keylint.sarif}
[[ $sarif_file == /* ]] || sarif_file=$(pwd)/$sarif_file
merge=(--merge -o "$sarif_file")
if [[ -n $scan_json ]]; then merge+=(--scan-json "$scan_json" "${rangeargs[@]}"); fi
if [[ -n $scan_json ]] || ((${#sarifs[@]} > 0)); then
	"$keylint" sarif "${merge[@]}" "${sarifs[@]}" || die "writing $sarif_file failed"
	output sarif-file "$sarif_file"
fi

# Report on the pull request; this also writes the job summary and the
# findings and overdue outputs.
inputs=()
if [[ -n $scan_json ]]; then inputs+=(--scan-json "$scan_json" "${rangeargs[@]}"); fi
for s in "${sarifs[@]}"; do inputs+=(--sarif "$s"); done
if ((${#inputs[@]} > 0)); then
	mode=$report
	if [[ $mode == review && -z $base ]]; then mode=check; fi # not a pull request
	if [[ -z ${GITHUB_TOKEN:-} && ($mode == check || $mode == review) ]]; then
		log "no github-token; printing annotations instead of a $mode"
		mode=annotations
	fi
	"$keylint" report-github "${inputs[@]}" --mode "$mode" --sha "$head" || die "reporting failed"
else
	output findings 0
	output overdue 0
fi
output failed "$failed"
log "done; failed=$failed (fail-on $fail_on)"
