#!/usr/bin/env bash
# API-server benchmark: builds kubesharp and the bench in Release, starts a fresh server on a free port
# with a temporary data dir, times launch → /readyz ok, runs bench/KubeSharp.Bench against it, reads the
# server's idle RSS after the load, restarts it once on the loaded data dir, stops it, prints a Markdown table.
#
#   scripts/bench.sh                      # full run (10,000 ConfigMaps, 100 watchers; a few minutes)
#   scripts/bench.sh --scale small        # a tenth of every count
#   scripts/bench.sh --kubeconfig PATH [--server URL]   # only the bench, against a server already running
#
# Other arguments go to the bench unchanged (see `--help` of the bench). Environment:
#   KUBESHARP_LAUNCHER  the ./kubesharp launcher to build and run (default: the one in this tree)
#   IDLE_PAUSE          seconds to wait after the load before reading RSS (default 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="${KUBESHARP_LAUNCHER:-$root/kubesharp}"
idle_pause="${IDLE_PAUSE:-5}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$root/.build"

external=false scale=full
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in
    --kubeconfig) external=true ;;
    --scale) j=$((i + 1)); scale="${!j:-full}" ;;
  esac
done

echo "bench: building the bench (Release)..." >&2
dotnet publish "$root/bench/KubeSharp.Bench/KubeSharp.Bench.csproj" -c Release -o "$root/.build/bench" -v quiet -nologo >&2
bench=(dotnet "$root/.build/bench/kubesharp-bench.dll")
table="$root/.build/bench-results.md"

if $external; then
  "${bench[@]}" --markdown "$table" "$@"
  exit $?
fi

echo "bench: building kubesharp (Release)..." >&2
"$launcher" version >&2
server_dll="$(dirname "$launcher")/.build/kubesharp/kubesharp.dll"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
data="$(mktemp -d /tmp/kubesharp-bench.XXXXXX)"
server_log="$root/.build/bench-server.log"
: >"$server_log"
pid=""
term_ignored=0
# SIGTERM first, as a service manager would; SIGKILL if the server is still there after 10 s.
stop_server() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "bench: the server did not stop within 10 s of SIGTERM; killing it" >&2
      term_ignored=$((term_ignored + 1))
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  fi
  pid=""
}
trap 'stop_server; rm -rf "$data"' EXIT

now_ns() { date +%s%N; }

# Starts the server and sets ready_ms to the time from launch to the first 200 from /readyz, polled
# every 10 ms. The DLL is started directly: the launcher's staleness check is not part of start-up.
start_server() {
  local started deadline
  started=$(now_ns)
  dotnet "$server_dll" server --data-dir "$data" --https-listen-port "$port" --bind-address 127.0.0.1 >>"$server_log" 2>&1 &
  pid=$!
  deadline=$((started + 60000000000))
  until [ "$(curl -sk --max-time 1 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/readyz" 2>/dev/null)" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "bench: the server exited; log: $server_log" >&2; tail -20 "$server_log" >&2; exit 1; fi
    if [ "$(now_ns)" -gt "$deadline" ]; then echo "bench: not ready after 60 s; log: $server_log" >&2; exit 1; fi
    sleep 0.01
  done
  ready_ms=$((($(now_ns) - started) / 1000000))
}

proc_kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$pid/status"; }
mib() { awk -v kib="$1" 'BEGIN { printf "%.0f", kib / 1024 }'; }
verdict() { if [ "$scale" != full ] && [ "${2:-}" != always ]; then echo "—"; elif [ "$1" = 1 ]; then echo met; else echo "**missed**"; fi; }

echo "bench: starting kubesharp on 127.0.0.1:$port, data dir $data" >&2
start_server
cold_ready_ms=$ready_ms
said_ms="$(grep -Eo 'ready in [0-9]+ ms' "$server_log" | tail -1 | grep -Eo '[0-9]+' || echo '?')"
echo "bench: ready in $cold_ready_ms ms (server says $said_ms ms)" >&2

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
bench_status=0
"${bench[@]}" --kubeconfig "$data/kubeconfig.yaml" --server "https://127.0.0.1:$port" --markdown "$table.part" "$@" >/dev/null || bench_status=$?

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: idle for $idle_pause s before reading RSS..." >&2
sleep "$idle_pause"
rss_kib="$(proc_kib VmRSS)"
hwm_kib="$(proc_kib VmHWM)"
stop_server

# A restart on the loaded data dir: start-up cost grows with what the store holds.
start_server
warm_ready_ms=$ready_ms
warm_rss_kib="$(proc_kib VmRSS)"
stop_server
echo "bench: restart with the loaded store ready in $warm_ready_ms ms" >&2

{
  cat "$table.part" 2>/dev/null || true
  echo "| server ready, fresh data dir (launch → /readyz 200) | 1 start | — | — | — | — | ≤ 1 s (kube ref. 3.4–3.9 s) | $(verdict $((cold_ready_ms <= 1000)) always) | $cold_ready_ms ms; the server's own line says $said_ms ms; includes CA and certificate generation |"
  echo "| server ready, restart on the loaded data dir | 1 start | — | — | — | — | — (no target) | — | $warm_ready_ms ms; RSS right after: $(mib "$warm_rss_kib") MiB |"
  echo "| server RSS at idle after the load (VmRSS) | ${idle_pause} s after | — | — | — | — | < 150 MiB (kube ref. 339 + 59 MiB etcd) | $(verdict $((rss_kib < 150 * 1024))) | $(mib "$rss_kib") MiB; peak (VmHWM) $(mib "$hwm_kib") MiB |"
  if [ "$term_ignored" -gt 0 ]; then
    echo "| server stop on SIGTERM | 2 stops | — | — | — | — | exits on SIGTERM | **missed** | did not exit within 10 s of SIGTERM $term_ignored time(s); killed |"
  fi
  echo
  echo "Scale $scale; load average (1/5/15 min) before the bench: $load_before, after: $load_after on $(nproc) CPUs."
} >"$table"
rm -f "$table.part"
cat "$table"
echo "bench: table saved to $table; server log in $server_log" >&2
if [ "$bench_status" -ne 0 ] && [ "$bench_status" -ne 3 ]; then exit "$bench_status"; fi
