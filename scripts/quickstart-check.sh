#!/usr/bin/env bash
# Runs README.md's first command exactly as README gives it (read from the Quick start block, so the two cannot drift)
# and checks the report it leaves: the reference agent must reach a mean reward of at least 0.95.
# Run from anywhere: bash scripts/quickstart-check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command="$(awk '/^```bash/ { inside = 1; next } /^```/ { inside = 0 } inside && /^dotnet run/ { print; exit }' README.md)"
[[ -n "$command" ]] || { echo "quickstart-check: no 'dotnet run' line in README.md's first bash block" >&2; exit 1; }
echo "quickstart-check: $command"

before="$(mktemp)"
ls -1 runs 2>/dev/null | sort > "$before" || true
bash -c "$command" > /dev/null
run="$(ls -1 runs | sort | comm -13 "$before" - | tail -n 1)"
rm -f "$before"
[[ -n "$run" ]] || { echo "quickstart-check: the command left no new folder under runs/" >&2; exit 1; }

report="runs/$run/report.json"
[[ -f "$report" ]] || { echo "quickstart-check: $report is missing" >&2; exit 1; }
node -e '
  const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const ok = typeof report.meanReward === "number" && report.meanReward >= 0.95 && report.episodes > 0;
  console.log(`quickstart-check: ${process.argv[1]}: ${report.episodes} episodes, meanReward ${report.meanReward}: ${ok ? "ok" : "FAIL (want >= 0.95)"}`);
  process.exit(ok ? 0 : 1);
' "$report"
