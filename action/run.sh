#!/usr/bin/env bash
# run.sh is the keylint GitHub Action's step: install keylint, run the
# analyzers on the Go packages a pull request changes and the scanner on its
# commits, write one SARIF log, report on the pull request, and set the
# step's outputs (sarif-file, findings, overdue, failed).
#
# It reads its inputs from the environment (action.yml maps each input to
# one variable), never from interpolated expressions:
#
#   KEYLINT_VERSION            module version to go install (default v0.1.0)
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
# It exits 0 when it ran, whatever it found (the failed output says whether
# findings reach fail-on, so the SARIF upload still runs), and 2 when it
# could not run.
set -euo pipefail

log() { printf 'keylint: %s\n' "$*" >&2; }
die() { printf '::error title=keylint::%s\n' "$*"; exit 2; }
output() { printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:-/dev/null}"; }

fail_on=${KEYLINT_FAIL_ON:-any}
case $fail_on in any | overdue | none) ;; *) die "fail-on: want any, overdue or none, got '$fail_on'" ;; esac
report=${KEYLINT_REPORT:-check}
case $report in check | review | annotations | none) ;; *) die "report: want check, review, annotations or none, got '$report'" ;; esac
cd "${KEYLINT_WORKING_DIRECTORY:-.}" || die "working-directory: cannot enter '${KEYLINT_WORKING_DIRECTORY:-}'"

# Install keylint at the pinned version, unless a binary is given.
keylint=${KEYLINT_BIN:-}
if [[ -z $keylint ]]; then
	version=${KEYLINT_VERSION:-v0.1.0}
	[[ $version =~ ^(v[0-9][0-9A-Za-z.+-]*|latest)$ ]] || die "version: not a module version: '$version'"
	gobin=${RUNNER_TEMP:-$(mktemp -d)}/keylint-bin
	log "installing github.com/keylint/keylint/cmd/keylint@$version"
	GOBIN=$gobin go install "github.com/keylint/keylint/cmd/keylint@$version" || die "go install keylint@$version failed"
	keylint=$gobin/keylint
fi
"$keylint" version >&2 || die "cannot run $keylint"

# The pull request's range, from the event unless given.
base=${KEYLINT_BASE:-}
head=${KEYLINT_HEAD:-}
if [[ (-z $base || -z $head) && -n ${GITHUB_EVENT_PATH:-} && -f ${GITHUB_EVENT_PATH:-} ]]; then
	base=${base:-$(jq -r '.pull_request.base.sha // empty' "$GITHUB_EVENT_PATH")}
	head=${head:-$(jq -r '.pull_request.head.sha // empty' "$GITHUB_EVENT_PATH")}
fi
[[ -n $head ]] || head=$(git rev-parse HEAD)
for sha in "$base" "$head"; do
	[[ -z $sha || $sha =~ ^[0-9a-fA-F]{7,64}$ ]] || die "not a commit: '$sha'"
done
# A shallow checkout may lack the base; fetch it, as the range needs it.
if [[ -n $base ]] && ! git cat-file -e "$base^{commit}" 2>/dev/null; then
	log "fetching the base commit $base"
	git fetch --no-tags --quiet origin "$base" || log "could not fetch $base"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sarifs=()
failed=false
scan_json=

# Analyzers: the packages (directories) holding changed Go files.
if [[ ${KEYLINT_ANALYZERS:-true} == true ]]; then
	if [[ -n $base ]]; then
		changed=$(git diff --name-only --diff-filter=d "$base...$head" -- '*.go' 2>/dev/null ||
			git diff --name-only --diff-filter=d "$base" "$head" -- '*.go')
	else
		changed=$(git ls-files -- '*.go')
	fi
	prefix=$(git rev-parse --show-prefix)
	pkgs=()
	while IFS= read -r file; do
		[[ -n $file ]] || continue
		# Paths are relative to the repository root; keep those under the
		# working directory, made relative to it.
		[[ $file == "$prefix"* ]] || continue
		dir=$(dirname "${file#"$prefix"}")
		if [[ -d $dir ]]; then pkgs+=("./$dir"); fi
	done <<<"$changed"
	if ((${#pkgs[@]} > 0)); then
		mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | sort -u)
		log "analyzing ${#pkgs[@]} changed packages: ${pkgs[*]}"
		code=0
		"$keylint" sarif -o "$work/analyzers.sarif" "${pkgs[@]}" || code=$?
		case $code in
		0) ;;
		3) if [[ $fail_on == any ]]; then failed=true; fi ;;
		*) printf '::warning title=keylint::the analyzers could not load or analyze some packages (exit %s)\n' "$code" ;;
		esac
		if [[ -s $work/analyzers.sarif ]]; then sarifs+=("$work/analyzers.sarif"); fi
	else
		log "no changed Go packages"
	fi
fi

# Scanner: the pull request's commits, aged against the policy.
if [[ ${KEYLINT_SCAN:-true} == true ]]; then
	range=()
	if [[ -n $base ]]; then range=(--range "$base..$head"); fi
	code=0
	"$keylint" scan "${range[@]}" --format json --output "$work/scan.json" --fail-on "$fail_on" . || code=$?
	case $code in
	0) ;;
	1) failed=true ;;
	*) die "keylint scan failed (exit $code)" ;;
	esac
	scan_json=$work/scan.json
fi

# One SARIF log of both engines, one run each.
sarif_file=${KEYLINT_SARIF_FILE:-keylint.sarif}
merge=(--merge -o "$sarif_file")
if [[ -n $scan_json ]]; then merge+=(--scan-json "$scan_json"); fi
if [[ -n $scan_json ]] || ((${#sarifs[@]} > 0)); then
	"$keylint" sarif "${merge[@]}" "${sarifs[@]}" || die "writing $sarif_file failed"
	output sarif-file "$sarif_file"
fi

# Report on the pull request; this also writes the job summary and the
# findings and overdue outputs.
inputs=()
if [[ -n $scan_json ]]; then inputs+=(--scan-json "$scan_json"); fi
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
