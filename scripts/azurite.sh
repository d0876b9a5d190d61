#!/usr/bin/env bash
# Starts, stops or reports on a local Azurite (Blob, Queue, Table) for development with Sparring.
#   scripts/azurite.sh start | stop | status
# Ports: AZURITE_BLOB_PORT (10100), AZURITE_QUEUE_PORT (10101), AZURITE_TABLE_PORT (10102); off Azurite's
# defaults so a developer's own Azurite on 10000-10002 is left alone. Data, log and pid file live in .azurite/
# (git-ignored), or AZURITE_LOCATION. Azurite itself comes from package.json: run `npm ci` once.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
location="${AZURITE_LOCATION:-$root/.azurite}"
blob_port="${AZURITE_BLOB_PORT:-10100}"
queue_port="${AZURITE_QUEUE_PORT:-10101}"
table_port="${AZURITE_TABLE_PORT:-10102}"
pid_file="$location/azurite.pid"
log_file="$location/azurite.log"
entry="$root/node_modules/azurite/dist/src/azurite.js"
# Azurite's well-known development account; it is public and grants nothing outside this emulator.
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

connection_string() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
}

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file")"
  # A pid file left by a crash may name a pid since reused by another program: check it is Azurite.
  [[ -n "$pid" ]] && ps -p "$pid" -o args= 2>/dev/null | grep -q azurite || return 1
  echo "$pid"
}

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  if pid="$(running_pid)"; then
    echo "Azurite already runs (pid $pid)."
    print_connection
    return 0
  fi
  if [[ ! -f "$entry" ]]; then
    echo "Azurite is not installed: run 'npm ci' in $root first." >&2
    return 1
  fi
  for port in "$blob_port" "$queue_port" "$table_port"; do
    if port_answers "$port"; then
      echo "Port $port is already in use: set AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT and AZURITE_TABLE_PORT to free ports." >&2
      return 1
    fi
  done
  mkdir -p "$location"
  # --disableTelemetry also makes Azurite honour SIGTERM; --loose accepts the headers the SDKs send that it does not implement.
  nohup node "$entry" \
    --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" \
    --location "$location" --skipApiVersionCheck --disableTelemetry --loose \
    >"$log_file" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pid_file"
  for _ in $(seq 1 300); do
    if port_answers "$blob_port"; then
      echo "Azurite runs (pid $pid), data in $location, log in $log_file."
      print_connection
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "Azurite exited while starting; its log ($log_file):" >&2
      cat "$log_file" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "Azurite did not answer on port $blob_port within 30 s; stopping it. Log: $log_file" >&2
  stop >/dev/null
  return 1
}

print_connection() {
  echo "Connection string (for Sparring__Storage__ConnectionString):"
  connection_string
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"
    echo "Azurite is not running."
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "Azurite stopped (pid $pid)."
      return 0
    fi
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  echo "Azurite did not stop within 10 s and was killed (pid $pid)."
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "Azurite runs (pid $pid) on blob $blob_port, queue $queue_port, table $table_port; data in $location."
    print_connection
  else
    echo "Azurite is not running."
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
