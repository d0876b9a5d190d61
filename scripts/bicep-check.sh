#!/usr/bin/env bash
# Builds and lints the infrastructure (bicep/) with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64,
# restored by tools/bicep/Bicep.CommandLine.csproj). bicepconfig.json makes the linter's rules errors; this script
# also fails on any compiler warning, and first proves that the configuration bites (a file with an unused
# parameter must fail the lint). Run from anywhere: bash scripts/bicep-check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

project=tools/bicep/Bicep.CommandLine.csproj
version=0.49.2
dotnet restore "$project" --locked-mode --verbosity quiet
packages="$(dotnet msbuild "$project" -getProperty:NuGetPackageRoot)"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[[ -f "$bicep" ]] || { echo "bicep-check: no Bicep CLI at $bicep after the restore" >&2; exit 1; }
[[ -x "$bicep" ]] || chmod u+x "$bicep"
export BICEP_TRACING_ENABLED=false
"$bicep" --version

failed=0
# Runs one bicep command; fails the check on a non-zero exit or on any warning or error it prints.
check() {
  local what="$1"; shift
  local output
  if ! output="$("$bicep" "$@" 2>&1)"; then
    printf '%s\n' "$output"; echo "FAIL $what"; failed=1; return
  fi
  if grep -Eq ': (Warning|Error) ' <<<"$output"; then
    printf '%s\n' "$output"; echo "FAIL $what (diagnostics)"; failed=1; return
  fi
  echo "ok   $what"
}

# The configuration must make rule violations errors: an unused parameter fails the lint.
probe="$(mktemp -d "$root/bicep/.lint-probe.XXXXXX")"
trap 'rm -rf "$probe"' EXIT
printf "@description('never used')\nparam unused string\n" > "$probe/probe.bicep"
if "$bicep" lint "$probe/probe.bicep" >/dev/null 2>&1; then
  echo "FAIL bicepconfig.json: a lint with an unused parameter passed; the rules are not errors" >&2
  exit 1
fi
echo "ok   bicepconfig.json turns rule violations into errors"
rm -rf "$probe"

out="$(mktemp -d)"
check "build bicep/main.bicep" build bicep/main.bicep --outfile "$out/main.json"
while IFS= read -r file; do
  check "lint $file" lint "$file"
done < <(find bicep -name '*.bicep' -not -path '*/.lint-probe.*' | sort)
while IFS= read -r file; do
  check "lint $file" lint "$file"
  check "build-params $file" build-params "$file" --outfile "$out/$(basename "$file" .bicepparam).parameters.json"
done < <(find bicep -name '*.bicepparam' | sort)
rm -rf "$out"

if (( failed )); then
  echo "bicep-check: failed" >&2
  exit 1
fi
echo "bicep-check: passed"
