#!/usr/bin/env bash
# Builds a history with a merge every fifth commit, for timing the scan's
# removal search on merges: a secret is added every 50 commits on main, and
# each short branch deletes one before it is merged back with --no-ff.
#
#   bench/mergerepo.sh DIR [COMMITS]
#
# With COMMITS 3000 (the default) it makes 4,200 commits, 600 of them
# merges, and 60 secrets that no ref holds at the end.
set -euo pipefail
dir=${1:?usage: bench/mergerepo.sh DIR [COMMITS]}
n=${2:-3000}
rm -rf "$dir"
git init -q -b main "$dir"
cd "$dir"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid
t=1600000000
at() { export GIT_AUTHOR_DATE="$1 +0000" GIT_COMMITTER_DATE="$1 +0000"; }
token() { echo "ghp_$(head -c 400 /dev/urandom | tr -dc A-Za-z0-9 | head -c 36)"; }
for i in $(seq 1 "$n"); do
  t=$((t + 3600))
  at "$t"
  mkdir -p "d$((i % 40))"
  echo "line $i" >>"d$((i % 40))/f$((i % 200)).txt"
  if ((i % 50 == 0)); then echo "TOKEN=$(token)" >"d$((i % 40))/s$i.env"; fi
  git add -A
  git commit -qm "c$i"
  if ((i % 5 == 0)); then
    git checkout -qb "b$i"
    for f in $(git ls-files '*.env' | head -n 1); do git rm -q "$f"; done
    echo "branch $i" >>"d$((i % 40))/f$((i % 200)).txt"
    git add -A
    git commit -qm "b$i"
    git checkout -q main
    t=$((t + 60))
    at "$t"
    git merge -q --no-ff -m "m$i" "b$i"
    git branch -qD "b$i"
  fi
done
