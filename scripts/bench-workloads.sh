#!/usr/bin/env bash
# Workload-controller and scheduler benchmark: builds kubesharp and the bench (Release, into .build/workloads),
# starts a fresh control plane with N simulated nodes (no real node agent) on a free port and a temporary data
# dir, and runs `kubesharp-bench workloads` against it over HTTPS:
#   (a) a 1,000-replica Deployment created → 1,000 available;
#   (b) its image changed as `kubectl set image` does → rollout complete (maxSurge 25%);
#   (c) 500 pod readiness changes/s for 30 s: /metrics work-queue depth over time, change → ReplicaSet status lag;
#   (d) 5,000 pods created → all bound across the simulated nodes.
# Then, unless SKIP_INPROCESS=1, the hidden `kubesharp bench-scheduler` (scheduler started on pre-created
# pending pods, in-process) for comparison. Prints one Markdown table (also saved to .build/workloads/results.md).
#
#   scripts/bench-workloads.sh                 # full run (a few minutes with the builds)
#   scripts/bench-workloads.sh --nodes 200 --replicas 100 --churn-seconds 5 --scheduler-pods 500   # quick check
#
# Other arguments go to the bench unchanged (`dotnet .build/workloads/bench/kubesharp-bench.dll workloads --help`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.build/workloads"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$out"

nodes=1000 pods=5000
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --scheduler-pods) pods="$2"; bench_args+=("$1" "$2"); shift 2 ;;
    *) bench_args+=("$1"); shift ;;
  esac
done

echo "bench-workloads: building kubesharp and the bench (Release, into $out)..." >&2
# Their own artifacts folder: builds running elsewhere in the tree do not share obj/ with this one.
dotnet publish "$root/src/kubesharp/kubesharp.csproj" -c Release -o "$out/kubesharp" --artifacts-path "$out/artifacts" -v quiet -nologo >&2
dotnet publish "$root/bench/KubeSharp.Bench/KubeSharp.Bench.csproj" -c Release -o "$out/bench" --artifacts-path "$out/artifacts" -v quiet -nologo >&2

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
data="$(mktemp -d /tmp/kubesharp-workloads.XXXXXX)"
server_log="$out/server.log"
table="$out/results.md"
: >"$server_log"
pid=""
stop_server() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  pid=""
}
trap 'stop_server; rm -rf "$data"' EXIT

echo "bench-workloads: starting kubesharp with $nodes simulated nodes on 127.0.0.1:$port, data dir $data" >&2
started=$(date +%s%N)
dotnet "$out/kubesharp/kubesharp.dll" server --data-dir "$data" --https-listen-port "$port" --bind-address 127.0.0.1 \
  --simulated-nodes "$nodes" --disable-agent >>"$server_log" 2>&1 &
pid=$!
# The "ready" line comes after the simulated nodes are registered (/readyz answers before that).
until grep -q "kubesharp is ready" "$server_log"; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "bench-workloads: the server exited; log: $server_log" >&2; tail -20 "$server_log" >&2; exit 1; fi
  if [ $(($(date +%s%N) - started)) -gt 120000000000 ]; then echo "bench-workloads: not ready after 120 s" >&2; exit 1; fi
  sleep 0.1
done
echo "bench-workloads: ready with $nodes nodes after $((($(date +%s%N) - started) / 1000000)) ms" >&2

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
bench_status=0
dotnet "$out/bench/kubesharp-bench.dll" workloads --kubeconfig "$data/kubeconfig.yaml" --server "https://127.0.0.1:$port" \
  --markdown "$table.part" "${bench_args[@]}" >/dev/null || bench_status=$?
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
stop_server

thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
inprocess=""
if [ "${SKIP_INPROCESS:-0}" != 1 ]; then
  echo "bench-workloads: kubesharp bench-scheduler --nodes $nodes --pods $pods (in-process, pods created before the scheduler starts)..." >&2
  line="$(dotnet "$out/kubesharp/kubesharp.dll" bench-scheduler --nodes "$nodes" --pods "$pods" 2>&1 | tee -a "$server_log" | grep -E '^scheduled [0-9]+ pods' || true)"
  if [ -n "$line" ]; then
    rate="$(echo "$line" | grep -Eo '[0-9]+ pods/s' | grep -Eo '[0-9]+')"
    verdict="**missed**"; [ "$rate" -ge 1000 ] && verdict=met
    [ "$nodes" -ge 1000 ] || verdict="—"
    inprocess="| scheduler alone (bench-scheduler: $(thousands "$pods") pods pending before it starts, in-process) | $(thousands "$pods") | — | $(thousands "$rate") pods/s | — | — | ≥ 1,000 pods/s | $verdict | $line |"
  fi
fi

{
  # The churn series follows the main table; the in-process row belongs to the main table.
  awk -v row="$inprocess" 'BEGIN { done = 0 } /^$/ && !done { if (row != "") print row; done = 1 } { print } END { if (!done && row != "") print row }' "$table.part"
  echo
  echo "$nodes simulated nodes, no node agent. Load average (1/5/15 min) before: $load_before, after: $load_after on $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))."
} >"$table"
rm -f "$table.part"
cat "$table"
echo "bench-workloads: table saved to $table; server log in $server_log" >&2
if [ "$bench_status" -ne 0 ] && [ "$bench_status" -ne 3 ]; then exit "$bench_status"; fi
