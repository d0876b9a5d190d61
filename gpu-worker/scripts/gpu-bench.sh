#!/usr/bin/env bash
# Runs ON the GPU machine (no dotnet there): unpacks the tarball that pack-gpu-bench.sh made, points TorchSharp at the
# machine's PyTorch libraries, and runs bench/Sparring.Bench.Training on CUDA for both train-preset shapes, each
# followed by a CPU baseline of the same shape on the same machine (ratios in the table are CUDA against it), then
# `sparring train --preset full --device cuda` on the sample environment: real episodes, SFT and PPO iterations on the
# GPU, within what is left of the budget.
#
#   gpu-worker/scripts/gpu-bench.sh [tarball]     (default artifacts/gpu-bench.tar.xz; results under $OUT)
#
# Environment: OUT (results folder; default artifacts/gpu-bench-results), BENCH_BUDGET_S (the bench, default 240 s),
# TRAIN_BUDGET_S (the train run, default 300 s), TRAIN_ITERATIONS (PPO iterations, default the full preset's 30),
# TRAIN_BASELINE (the SFT-only baseline's <layers>x<width>, default 8x320: about 10 M parameters),
# BENCH_BATCH (rows of batched generation, default 64). Each shape runs in its own process under a share of the
# budget, so the CUDA memory readings are per shape, and a shape that runs out of time still leaves the rows it
# measured (the bench rewrites its Markdown after every row).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tarball=${1:-$root/artifacts/gpu-bench.tar.xz}
out=${OUT:-$root/artifacts/gpu-bench-results}
budget=${BENCH_BUDGET_S:-240}
train_budget=${TRAIN_BUDGET_S:-300}
train_iterations=${TRAIN_ITERATIONS:-30}
batch=${BENCH_BATCH:-64}
start=$SECONDS
mkdir -p "$out"

if [[ ! -f $tarball ]]; then
  echo "no $tarball: run gpu-worker/scripts/pack-gpu-bench.sh first and carry artifacts/gpu-bench.tar.xz" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xJf "$tarball" || exit 1
dotnet=$work/gpu-bench/dotnet/dotnet
app=$work/gpu-bench/app/Sparring.Bench.Training.dll
export DOTNET_ROOT=$work/gpu-bench/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1

torch_dir=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))') || {
  echo "python3 cannot import torch: no libtorch to run against" >&2
  exit 1
}
export LD_LIBRARY_PATH=$torch_dir/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'
nvidia-smi | tee "$out/nvidia-smi.txt"

# nvidia-smi's view of memory, as a check on the bench's own cuMemGetInfo readings.
nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 250 > "$out/gpu-memory-used-mib.csv" 2>/dev/null &
sampler=$!

status=0
code=0
shares=(2 1)   # quick gets half of what is left, full all the rest
index=0
for shape in quick full; do
  left=$((budget - (SECONDS - start)))
  limit=$((left / shares[index]))
  index=$((index + 1))
  if ((limit < 30)); then
    echo "skipping $shape: $left s of the budget left" >&2
    status=1
    continue
  fi
  echo "== $shape: cuda, then the cpu baseline (at most $limit s)"
  timeout -k 10 "$limit" "$dotnet" "$app" --device cuda --baseline cpu --shape "$shape" --batch "$batch" --out "$out/gpu-bench-$shape.md"
  code=$?
  if ((code != 0)); then
    echo "$shape: the bench exited with $code$( ((code == 124)) && echo ' (out of time: the table holds the rows measured)')" >&2
    status=1
    if ((code == 3)); then
      # CUDA did not load: say which libraries the bridge could not find.
      ldd "$work/gpu-bench/app/libLibTorchSharp.so" | grep -E 'not found|torch|c10' >&2
      ls "$torch_dir/lib" | grep -E "torch|c10|cuda" >&2
      break
    fi
  fi
done

if ((status == 0 || code != 3)); then
  echo "== sparring train --preset full --device cuda (at most $train_budget s)"
  # The log keeps every PPO iteration's line even when the budget ends the run before its report.
  timeout -k 10 "$train_budget" "$dotnet" "$work/gpu-bench/cli/sparring.dll" train "$root/environments/medical-supply-support" \
    --preset full --device cuda --iterations "$train_iterations" --sft-baseline "${TRAIN_BASELINE:-8x320}" --train-id gpu-full --out "$work/train" 2>&1 | tee "$out/train.log"
  train_code=${PIPESTATUS[0]}
  cp "$work/train/local/runs/gpu-full/train-report.md" "$out/" 2>/dev/null
  if ((train_code != 0)); then
    echo "train exited with $train_code$( ((train_code == 124)) && echo ' (out of time: train.log holds the iterations done)')" >&2
    status=1
  fi
fi

kill "$sampler" 2>/dev/null
wait "$sampler" 2>/dev/null
peak=$(sort -n "$out/gpu-memory-used-mib.csv" 2>/dev/null | tail -n 1)
{
  for shape in quick full; do
    [[ -f $out/gpu-bench-$shape.md ]] && cat "$out/gpu-bench-$shape.md" && echo
  done
  echo "Peak GPU memory used over the whole run, as nvidia-smi sampled it every 250 ms: ${peak:-unknown} MiB."
  echo "GPU: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null)"
} > "$out/gpu-bench.md"
cat "$out/gpu-bench.md"
echo "total $((SECONDS - start)) s"
exit $status
