#!/usr/bin/env bash
# realrepo.sh builds a git repository whose history is the released versions
# of a Go module, one commit per version dated by the version's release time,
# from the Go module proxy. It stands in for the real history of a large
# module where no git remote can be reached: every commit's diff is real code
# that changed between two releases.
#
#   bench/realrepo.sh MODULE COUNT DIR
#
# MODULE  a module path, such as golang.org/x/tools
# COUNT   how many of its newest versions to commit, oldest first
# DIR     the repository to create (must not exist)
set -euo pipefail
mod=$1 count=$2 dir=$3
[ ! -e "$dir" ] || { echo "realrepo: $dir exists" >&2; exit 2; }
command -v rsync >/dev/null || { apt-get update -qq && apt-get install -y -qq rsync; }

# Pre-releases are left out: their trees are often unfinished.
versions=$(go list -m -versions "$mod" | tr ' ' '\n' | tail -n +2 | grep -v -- - | tail -n "$count")
git init -q -b main "$dir"
for v in $versions; do
  json=$(go mod download -json "$mod@$v")
  src=$(printf '%s' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  when=$(printf '%s' "$json" | sed -n 's/^[[:space:]]*"Time": "\(.*\)",$/\1/p')
  if [ -z "$when" ]; then
    info=$(printf '%s' "$json" | sed -n 's/^[[:space:]]*"Info": "\(.*\)",$/\1/p')
    when=$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$info")
  fi
  rsync -a --delete --exclude=.git --chmod=u+w "$src/" "$dir/"
  git -C "$dir" add -A
  GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when \
    git -C "$dir" -c user.name=release -c user.email=release@proxy.invalid \
    commit -q --allow-empty -m "$mod $v"
done
echo "realrepo: $(git -C "$dir" rev-list --count HEAD) commits of $mod in $dir"
