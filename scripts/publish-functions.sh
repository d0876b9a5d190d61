#!/usr/bin/env bash
# Publishes the Function App (functions/Sparring.Functions) into artifacts/functions.zip, the package Flex Consumption
# deploys (az functionapp deployment source config-zip --src artifacts/functions.zip; docs/deploy.md). The zip's root
# holds host.json, functions.metadata, the app's assemblies and .azurefunctions/ (the Durable, HTTP and timer host
# extensions); the script checks that they are there. Usage: bash scripts/publish-functions.sh [output.zip]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
zip_path="$(realpath -m "${1:-artifacts/functions.zip}")"

publish="$(mktemp -d)"
trap 'rm -rf "$publish"' EXIT
dotnet publish functions/Sparring.Functions/Sparring.Functions.csproj --configuration Release --output "$publish/app" --nologo

for required in host.json functions.metadata Sparring.Functions.dll .azurefunctions worker.config.json; do
  [[ -e "$publish/app/$required" ]] || { echo "publish-functions: $required is missing from the published app" >&2; exit 1; }
done
if [[ -e "$publish/app/local.settings.json" ]]; then
  echo "publish-functions: local.settings.json must never be published" >&2
  exit 1
fi

# Written beside its final name and renamed, so a failed run leaves no half-written zip.
mkdir -p "$(dirname "$zip_path")"
python3 - "$publish/app" "$zip_path.tmp" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk(source):
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, source))
PY
mv "$zip_path.tmp" "$zip_path"
echo "publish-functions: $zip_path ($(du -h "$zip_path" | cut -f1))"
