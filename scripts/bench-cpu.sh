#!/usr/bin/env bash
# Server CPU time per operation for each bench workload: a steadier figure than wall-clock latency on a shared
# machine. Builds like scripts/bench.sh, starts a fresh server, samples its utime+stime from /proc/<pid>/stat
# every 20 ms while the bench runs, and charges the CPU used between two of the bench's progress lines to the
# workload that the later line reports.
#
#   scripts/bench-cpu.sh [--scale small]          # other arguments go to the bench
#   KUBESHARP_DLL=/path/kubesharp.dll scripts/bench-cpu.sh   # an already built server instead of this tree's
#   SERVER_ENV="DOTNET_EnableEventPipe=1 ..." scripts/bench-cpu.sh   # extra environment for the server only
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$root/.build"
dotnet publish "$root/bench/KubeSharp.Bench/KubeSharp.Bench.csproj" -c Release -o "$root/.build/bench" -v quiet -nologo >&2
dll="${KUBESHARP_DLL:-}"
if [ -z "$dll" ]; then "$root/kubesharp" version >/dev/null; dll="$root/.build/kubesharp/kubesharp.dll"; fi

work="$(mktemp -d /tmp/kubesharp-bench-cpu.XXXXXX)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
pid="" sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck disable=SC2086 # SERVER_ENV is a list of NAME=value words
env ${SERVER_ENV:-} dotnet "$dll" server --data-dir "$work/data" --https-listen-port "$port" --bind-address 127.0.0.1 >"$work/server.log" 2>&1 &
pid=$!
until [ "$(curl -sk --max-time 1 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/readyz" 2>/dev/null)" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || { tail -20 "$work/server.log" >&2; exit 1; }
  sleep 0.01
done
fresh_kib="$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status")"
( while kill -0 "$pid" 2>/dev/null; do echo "$(date +%s%N) $(cut -d' ' -f14,15 "/proc/$pid/stat" 2>/dev/null)"; sleep 0.02; done ) >"$work/cpu.txt" &
sampler=$!
dotnet "$root/.build/bench/kubesharp-bench.dll" --kubeconfig "$work/data/kubeconfig.yaml" --server "https://127.0.0.1:$port" "$@" \
  2> >(while IFS= read -r line; do echo "$(date +%s%N) $line"; done >"$work/bench.log") >/dev/null || true
sleep 5
loaded_kib="$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status")"

python3 - "$work" "$(getconf CLK_TCK)" "$fresh_kib" "$loaded_kib" <<'PY'
import re, sys
work, hz, fresh, loaded = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
cpu = [(int(t), int(u) + int(s)) for t, u, s in (l.split() for l in open(f"{work}/cpu.txt") if len(l.split()) == 3)]
def at(ts):
    last = cpu[0][1]
    for t, c in cpu:
        if t > ts: break
        last = c
    return last
prev = None
print("| workload | server CPU | CPU per operation |\n|---|---:|---:|")
for line in open(f"{work}/bench.log"):
    ts, _, text = line.partition(" ")
    ts, text = int(ts), text.strip()
    if prev is not None and ":" in text:
        seconds = (at(ts) - at(prev)) / hz
        n = re.search(r"(?:^|: |delivered )(\d+) (?:in|of)", text)
        name = text.split(":")[0]
        per = f"{seconds / int(n.group(1)) * 1e6:,.0f} µs" if n and "watchers from" not in text else "—"
        print(f"| {name} | {seconds:.2f} s | {per} |")
    prev = ts
print(f"\nServer RSS: {fresh / 1024:.0f} MiB when ready, {loaded / 1024:.0f} MiB 5 s after the load.")
PY
