#!/usr/bin/env bash
# Breaking-change check of the protobuf contract in this directory (rules: the
# `breaking:` section of buf.yaml, WIRE_JSON). Called by `make proto-lint`.
#
# What the working tree is compared against (the first that applies):
#   1. $BUF_BREAKING_AGAINST, a git revision, if set (e.g. origin/main, a tag).
#   2. HEAD is not main's head (a feature branch, or local commits on main):
#      the merge-base with main, so that every change made since branching
#      (committed or not) is checked.
#   3. HEAD is main's head and .proto files or buf.yaml have uncommitted
#      changes (a developer working on main): HEAD.
#   4. HEAD is main's head and the tree is clean (CI on a fresh clone): HEAD~1,
#      the previous commit, so the commit being tested is what is checked.
# "main" is the local branch main, else origin/main; without either, 3 and 4
# apply to HEAD. The check is skipped, with a message and exit 0, when there is
# no such commit (first commit, shallow clone) or it has no proto/ yet.
# Exit status: 0 when compatible or skipped, buf's non-zero status otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
skip() { echo "buf breaking: skipped: $*"; exit 0; }

if [[ -n "${BUF:-}" ]]; then
  buf="$BUF"
elif [[ -x "$here/node_modules/.bin/buf" ]]; then
  buf="$here/node_modules/.bin/buf"
elif command -v buf >/dev/null 2>&1; then
  buf="$(command -v buf)"
else
  echo "buf breaking: buf not found; run: npm ci --prefix proto" >&2
  exit 1
fi

git -C "$here" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
  || skip "$here is not in a git work tree"
root="$(git -C "$here" rev-parse --show-toplevel)"
rel="$(git -C "$here" rev-parse --show-prefix)"
rel="${rel%/}" # proto, relative to the repository root
g() { git -C "$root" "$@"; }

g rev-parse --verify --quiet HEAD >/dev/null || skip "no commit yet"
head="$(g rev-parse HEAD)"
shallow="$(g rev-parse --is-shallow-repository)"

main=""
for ref in refs/heads/main refs/remotes/origin/main; do
  if main="$(g rev-parse --verify --quiet "$ref^{commit}")"; then break; fi
  main=""
done

dirty="$(g status --porcelain --untracked-files=all -- \
  "$rel/*.proto" "$rel/buf.yaml" "$rel/buf.lock")"

if [[ -n "${BUF_BREAKING_AGAINST:-}" ]]; then
  what="$BUF_BREAKING_AGAINST (from BUF_BREAKING_AGAINST)"
  against="$(g rev-parse --verify --quiet "$BUF_BREAKING_AGAINST^{commit}")" \
    || { echo "buf breaking: no such revision: $BUF_BREAKING_AGAINST" >&2; exit 1; }
elif [[ -n "$main" && "$main" != "$head" ]]; then
  against="$(g merge-base HEAD "$main")" \
    || skip "HEAD and main have no common ancestor (shallow clone: $shallow)"
  what="merge-base of HEAD and main"
elif [[ -n "$dirty" ]]; then
  against="$head"
  what="HEAD (uncommitted changes in $rel/)"
else
  against="$(g rev-parse --verify --quiet "HEAD~1^{commit}")" || {
    [[ "$shallow" == true ]] && skip "shallow clone: the previous commit is not fetched (clone with --depth=2 or more)"
    skip "HEAD is the first commit: nothing earlier to compare with"
  }
  what="HEAD~1 (the previous commit)"
fi

short="$(g rev-parse --short "$against")"
g cat-file -e "$against:$rel" 2>/dev/null || skip "$rel/ does not exist at $what, $short"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
g archive --format=tar "$against" -- "$rel" | tar -x -C "$tmp"
[[ -n "$(find "$tmp/$rel" -name '*.proto' -print -quit)" ]] \
  || skip "no .proto file in $rel/ at $what, $short"

echo "buf breaking: $rel/ (working tree) against $what, $short"
cd "$here"
status=0
"$buf" breaking . --against "$tmp/$rel" || status=$?
if [[ $status -ne 0 ]]; then
  echo "buf breaking: FAILED: the changes above break the wire or JSON contract against $short;" >&2
  echo "  add a new field/message instead, or reserve the old number and name." >&2
  exit "$status"
fi
echo "buf breaking: no breaking change"
