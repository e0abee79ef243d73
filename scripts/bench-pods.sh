#!/usr/bin/env bash
# Pod start-up benchmark: builds kubesharp and the bench in Release into .build/bench-pods/, starts a fresh
# `kubesharp server` (API server, controllers, scheduler and the real runc node agent in one process) on a free
# port with a temporary data dir, and runs `kubesharp-bench pods` against it:
#
#   steady  N pods (default 100) created at 10/s; per pod, create request *sent* → first watch event showing the
#           pod Running with its container running (upstream's start-up SLI: image already on the node, measured
#           to observed Running); p50/p90/p99/max.
#   burst   100 pods created at once → time until the last is observed Running.
#   memory  server RSS with --disable-agent vs with an idle agent, and with the burst's pods running, against the
#           same run on a simulated node without the agent (the control plane's own growth); the per-container
#           waiter (sh) and reaper processes, which belong to the agent, summed separately (PSS, so shared
#           binaries count once); the containers' own processes are left out.
#
# The server runs with KUBESHARP_POD_TRACE=1, so the agent logs one line per pod with the wall-clock end of each
# phase (seen, sync, volumes, sandbox, image, created, started, status); the bench reads them from the server log
# and prints where the time went. Every pod is deleted at the end, and the server, started with
# --cleanup-on-exit, removes its sandboxes, mounts, links and cgroups when stopped; the script checks that.
#
#   scripts/bench-pods.sh                          # full run (about two minutes)
#   scripts/bench-pods.sh --count 30 --burst 30    # quicker; other arguments go to `kubesharp-bench pods`
#
# Needs root, runc and iproute2 (scripts/install-deps.sh). Environment:
#   ARTIFACTS    the dotnet artifacts folder of the build (default .build/bench-pods/artifacts)
#   IDLE_PAUSE   seconds a fresh server idles before its RSS is read (default 5)
#   HOLD         seconds the burst pods stay Running while memory is read (default 20)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.build/bench-pods"
artifacts="${ARTIFACTS:-$out/artifacts}"
idle_pause="${IDLE_PAUSE:-5}"
hold="${HOLD:-20}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$out"

if [ "$(id -u)" != 0 ]; then echo "bench-pods: the node agent needs root" >&2; exit 1; fi

echo "bench-pods: building kubesharp and the bench (Release) into $out..." >&2
dotnet publish "$root/src/kubesharp/kubesharp.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  --artifacts-path "$artifacts" -o "$out/kubesharp" -v quiet -nologo >&2
dotnet publish "$root/bench/KubeSharp.Bench/KubeSharp.Bench.csproj" -c Release --artifacts-path "$artifacts" -o "$out/bench" -v quiet -nologo >&2
server_dll="$out/kubesharp/kubesharp.dll"
bench=(dotnet "$out/bench/kubesharp-bench.dll")

table="$out/results.md"
server_log="$out/server.log"
: >"$server_log"
pid="" data=""
datas=()
stop_server() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then echo "bench-pods: the server did not stop within 30 s; killing it" >&2; kill -KILL "$pid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
  fi
  pid=""
}
trap 'stop_server; for d in "${datas[@]}"; do rm -rf "$d"; done' EXIT

now_ns() { date +%s%N; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Starts a server on a fresh data dir with the given extra flags; waits for /readyz and, with an agent, for the
# server's "ready" line (printed once the agent runs).
start_server() {
  data="$(mktemp -d /tmp/kubesharp-podbench.XXXXXX)"
  datas+=("$data")
  port="$(free_port)"
  local deadline=$(($(now_ns) + 60000000000)) lines
  lines=$(wc -l <"$server_log")
  KUBESHARP_POD_TRACE=1 dotnet "$server_dll" server --data-dir "$data" --https-listen-port "$port" --bind-address 127.0.0.1 \
    --cleanup-on-exit "$@" >>"$server_log" 2>&1 &
  pid=$!
  until tail -n +"$((lines + 1))" "$server_log" | grep -q "kubesharp is ready in"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "bench-pods: the server exited; log: $server_log" >&2; tail -20 "$server_log" >&2; exit 1; fi
    if [ "$(now_ns)" -gt "$deadline" ]; then echo "bench-pods: not ready after 60 s; log: $server_log" >&2; exit 1; fi
    sleep 0.05
  done
}

# 0 for a process that is gone or has no memory of its own (a zombie).
status_kib() { local v; v="$(awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status" 2>/dev/null || true)"; echo "${v:-0}"; }
pss_kib() { local v; v="$(awk '$1 == "Pss:" { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || true)"; echo "${v:-0}"; }
mib() { awk -v kib="$1" 'BEGIN { printf "%.1f", kib / 1024 }'; }

# Memory of the agent's per-container processes (waiter sh + its reaper, or `runc run` for a terminal) and of the containers.
read_container_memory() {
  local containers="$data/agent/runtime/containers" shim child main
  waiters=0 waiter_rss=0 waiter_pss=0 container_pss=0
  for dir in "$containers"/*/; do
    [ -f "$dir/shim.pid" ] || continue
    shim="$(cat "$dir/shim.pid")"
    kill -0 "$shim" 2>/dev/null || continue
    waiters=$((waiters + 1))
    waiter_rss=$((waiter_rss + $(status_kib "$shim" VmRSS))) waiter_pss=$((waiter_pss + $(pss_kib "$shim")))
    main="$(cat "$dir/pid" 2>/dev/null || true)"
    for child in $(pgrep -P "$shim" || true); do
      # With the reaper as the waiter, the container's own process is its child: that is the container's memory.
      [ "$child" != "$main" ] || continue
      waiter_rss=$((waiter_rss + $(status_kib "$child" VmRSS))) waiter_pss=$((waiter_pss + $(pss_kib "$child")))
    done
    if [ -f "$dir/pid" ]; then
      main="$(cat "$dir/pid")"
      for p in "$main" $(pgrep -P "$main" || true); do container_pss=$((container_pss + $(pss_kib "$p"))); done
    fi
  done
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "bench-pods: control plane only (--disable-agent), idle $idle_pause s..." >&2
start_server --disable-agent
sleep "$idle_pause"
rss_no_agent="$(status_kib "$pid" VmRSS)"
stop_server

echo "bench-pods: server with the node agent, idle $idle_pause s..." >&2
start_server
agent_data="$data" prefix="k$(printf '%s' "$data" | sha256sum | cut -c1-5)"
sleep "$idle_pause"
rss_idle="$(status_kib "$pid" VmRSS)"

signal="$out/holding"
rm -f "$signal"
rss_pods=0 waiters=0 waiter_rss=0 waiter_pss=0 container_pss=0
(
  # Reads memory while the bench holds the burst's pods Running (it creates $signal for the hold).
  until [ -f "$signal" ] || ! kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  sleep 2
  read_container_memory
  echo "$(status_kib "$pid" VmRSS) $waiters $waiter_rss $waiter_pss $container_pss" >"$out/memory"
) &
sampler=$!
rm -f "$out/memory"
bench_status=0
"${bench[@]}" pods --kubeconfig "$data/kubeconfig.yaml" --server "https://127.0.0.1:$port" --trace-log "$server_log" \
  --hold "$hold" --hold-signal "$signal" --markdown "$table.part" "$@" || bench_status=$?
wait "$sampler" 2>/dev/null || true
[ -f "$out/memory" ] && read -r rss_pods waiters waiter_rss waiter_pss container_pss <"$out/memory"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

stop_server
# What --cleanup-on-exit must have removed: network namespaces, links and mounts of this instance.
leftovers="$(ip netns list 2>/dev/null | grep -c "^$prefix-" || true) netns, $(ip -o link show 2>/dev/null | grep -c ": $prefix" || true) links, $(grep -c " $agent_data/" /proc/self/mountinfo || true) mounts"

# The control plane grows with the pods too (objects, events, watch caches): the same run against a simulated
# node, with no agent, says how much, so that only the rest is charged to the agent.
echo "bench-pods: the same pods on a simulated node without the agent (the control plane's share)..." >&2
start_server --disable-agent --simulated-nodes 1
rm -f "$signal" "$out/memory-sim"
(
  until [ -f "$signal" ] || ! kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  sleep 2
  status_kib "$pid" VmRSS >"$out/memory-sim"
) &
sampler=$!
"${bench[@]}" pods --kubeconfig "$data/kubeconfig.yaml" --server "https://127.0.0.1:$port" \
  --hold "$hold" --hold-signal "$signal" --markdown "$out/simulated.md" "$@" >/dev/null 2>&1 || true
wait "$sampler" 2>/dev/null || true
rss_sim="$(cat "$out/memory-sim" 2>/dev/null || echo 0)"
stop_server

overhead_idle=$((rss_idle - rss_no_agent))
overhead_pods=$((rss_pods - rss_sim + waiter_pss))
{
  cat "$table.part" 2>/dev/null || true
  echo
  echo "| memory | server VmRSS | vs --disable-agent | notes |"
  echo "|---|---:|---:|---|"
  echo "| control plane only (--disable-agent), idle | $(mib "$rss_no_agent") MiB | — | |"
  echo "| with the node agent, no pods | $(mib "$rss_idle") MiB | +$(mib "$overhead_idle") MiB | target: agent ≤ 50 MiB beyond the containers |"
  if [ "$rss_pods" -gt 0 ]; then
    echo "| control plane only, the same pods on a simulated node | $(mib "$rss_sim") MiB | +$(mib $((rss_sim - rss_no_agent))) MiB | what the pods cost the API server, controllers and caches |"
    echo "| with $waiters pods running | $(mib "$rss_pods") MiB | +$(mib $((rss_pods - rss_no_agent))) MiB | plus per-container waiter sh + reaper: PSS $(mib "$waiter_pss") MiB (RSS $(mib "$waiter_rss") MiB); agent total (server beyond the simulated run + waiters) +$(mib "$overhead_pods") MiB; the containers' own processes (not counted): PSS $(mib "$container_pss") MiB |"
  fi
  echo
  echo "Clean-up on exit (--cleanup-on-exit): $leftovers left. Load average (1/5/15 min) before: $load_before, after: $load_after on $(nproc) CPUs."
} >"$table"
rm -f "$table.part"
cat "$table"
echo "bench-pods: results in $table; server log in $server_log" >&2
exit "$bench_status"
