#!/usr/bin/env bash
# Lints every Dockerfile with dockerfile-utils (npm, pinned in tools/dockerfile-lint; hadolint is not packaged for
# Debian) and fails on any diagnostic; then checks that each image's final stage runs as a non-root user.
# Run from anywhere: bash scripts/dockerfile-check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

npm ci --prefix tools/dockerfile-lint --no-audit --no-fund --silent
lint="tools/dockerfile-lint/node_modules/.bin/dockerfile-utils"

failed=0
while IFS= read -r dockerfile; do
  diagnostics="$("$lint" lint --json "$dockerfile")"
  if [[ "$diagnostics" != "[]" ]]; then
    node -e '
      for (const d of JSON.parse(process.argv[2]))
        console.log(`${process.argv[1]}:${d.range.start.line + 1}: ${d.severity ?? "error"}: ${d.message}`);' "$dockerfile" "$diagnostics"
    echo "FAIL lint $dockerfile"; failed=1; continue
  fi
  # The last USER of the last stage decides who the container runs as; none, root or 0 means root.
  user="$(awk 'toupper($1) == "FROM" { user = "" } toupper($1) == "USER" { user = $2 } END { print user }' "$dockerfile")"
  if [[ -z "$user" || "$user" == root || "$user" == 0 || "$user" == 0:* || "$user" == root:* ]]; then
    echo "$dockerfile: the final stage must switch to a non-root USER (found '${user:-none}')"
    echo "FAIL user $dockerfile"; failed=1; continue
  fi
  echo "ok   $dockerfile (runs as $user)"
done < <(git ls-files --cached --others --exclude-standard -- '*Dockerfile' '*.Dockerfile' | sort)

if (( failed )); then
  echo "dockerfile-check: failed" >&2
  exit 1
fi
echo "dockerfile-check: passed"
