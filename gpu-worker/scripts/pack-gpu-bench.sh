#!/usr/bin/env bash
# Packs bench/Sparring.Bench.Training, the sparring CLI (for `sparring train --device cuda`) and a .NET runtime into one
# xz tarball for the GPU machine, which has no dotnet.
# The apps are framework-dependent for linux-x64 and carries no CPU libtorch (about 475 MB): there it runs against the
# machine's PyTorch libraries (LD_LIBRARY_PATH = python3's torch/lib; gpu-bench.sh sets it).
#
#   gpu-worker/scripts/pack-gpu-bench.sh [--check]      -> artifacts/gpu-bench.tar.xz (artifacts/ is ignored by git)
#
# --check unpacks the tarball into a temporary folder and runs it here on the CPU, against the NuGet cache's CPU
# libtorch (LD_LIBRARY_PATH = ~/.nuget/packages/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native), then checks
# that --device cuda fails with its clear message.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
artifacts=$root/artifacts
staging=$artifacts/gpu-bench
tarball=$artifacts/gpu-bench.tar.xz
max_mib=60

check=false
for arg in "$@"; do
  case $arg in
    --check) check=true ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
  esac
done

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ { print $2 }' | sort -V | tail -n 1)
if [[ -z $runtime ]]; then
  echo "no .NET 10 runtime (Microsoft.NETCore.App 10.x) under $dotnet_root" >&2
  exit 1
fi

rm -rf "$staging"
mkdir -p "$staging/app" "$staging/cli" "$staging/dotnet/shared/Microsoft.NETCore.App" "$staging/dotnet/shared/Microsoft.AspNetCore.App"

dotnet publish "$root/bench/Sparring.Bench.Training/Sparring.Bench.Training.csproj" -c Release -r linux-x64 --self-contained false \
  -p:SparringWithoutLibTorch=true -o "$staging/app" -nologo -v quiet
dotnet publish "$root/functions/Sparring.Cli/Sparring.Cli.csproj" -c Release -r linux-x64 --self-contained false \
  -p:SparringWithoutLibTorch=true -o "$staging/cli" -nologo -v quiet

# The point of the exercise: no CPU libtorch in the app, and none named in its .deps.json (the host would refuse to start).
for folder in app cli; do
  if compgen -G "$staging/$folder/libtorch*" > /dev/null || compgen -G "$staging/$folder/libc10*" > /dev/null \
     || grep -q 'libtorch-cpu-linux-x64' "$staging/$folder"/*.deps.json; then
    echo "CPU libtorch is still in $staging/$folder: the SparringWithoutLibTorch switch did not work" >&2
    exit 1
  fi
  if [[ ! -f $staging/$folder/libLibTorchSharp.so ]]; then
    echo "libLibTorchSharp.so (TorchSharp's bridge) is missing from $staging/$folder" >&2
    exit 1
  fi
done

cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$staging/dotnet/"
cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$runtime" "$staging/dotnet/shared/Microsoft.NETCore.App/"
# The CLI serves over HTTP (Sparring.Serving), so it needs ASP.NET Core's shared framework of the same version.
cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$runtime" "$staging/dotnet/shared/Microsoft.AspNetCore.App/"

# Written beside and renamed, so a tarball that exists is always whole.
tar -C "$artifacts" -cf - gpu-bench | xz -T0 -6 > "$tarball.tmp"
mv "$tarball.tmp" "$tarball"
rm -rf "$staging"

size=$(stat -c %s "$tarball")
echo "$tarball: $((size / 1024 / 1024)) MiB ($size bytes), .NET $runtime"
if ((size > max_mib * 1024 * 1024)); then
  echo "the tarball is over $max_mib MiB: the device run carries at most 64 MiB" >&2
  exit 1
fi

if $check; then
  libtorch=${NUGET_PACKAGES:-$HOME/.nuget/packages}/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  tar -C "$work" -xJf "$tarball"
  echo "check: the unpacked bench on the CPU, against $libtorch"
  LD_LIBRARY_PATH=$libtorch DOTNET_ROOT=$work/gpu-bench/dotnet \
    "$work/gpu-bench/dotnet/dotnet" "$work/gpu-bench/app/Sparring.Bench.Training.dll" --device cpu --shape quick --quick --out "$work/check.md"
  grep -q 'KV cache' "$work/check.md"
  echo "check: --device cuda without CUDA must fail clearly"
  set +e
  LD_LIBRARY_PATH=$libtorch DOTNET_ROOT=$work/gpu-bench/dotnet \
    "$work/gpu-bench/dotnet/dotnet" "$work/gpu-bench/app/Sparring.Bench.Training.dll" --device cuda --quick 2> "$work/cuda.err"
  status=$?
  set -e
  cat "$work/cuda.err"
  if [[ $status -ne 3 ]] || ! grep -q 'CUDA is not available' "$work/cuda.err"; then
    echo "check: expected exit code 3 and 'CUDA is not available', got $status" >&2
    exit 1
  fi
  echo "check: the unpacked CLI trains the smoke preset on the CPU"
  LD_LIBRARY_PATH=$libtorch DOTNET_ROOT=$work/gpu-bench/dotnet \
    "$work/gpu-bench/dotnet/dotnet" "$work/gpu-bench/cli/sparring.dll" train "$root/tests/Sparring.Engine.Tests/Fixtures/mini-shop" \
    --preset smoke --device cpu --data "$root/environments/medical-supply-support/transcripts/synthetic.jsonl" --train-id check --out "$work/train" > "$work/train.log"
  grep -q 'SFT + PPO' "$work/train/local/runs/check/train-report.md"
  echo "check: passed"
fi
