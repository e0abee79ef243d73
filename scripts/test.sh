#!/usr/bin/env bash
# Runs every test: unit tests of each component and the end-to-end suite that drives the real kubectl.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p .build
"$root/scripts/install-deps.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build KubeSharp.sln -c Release -nologo -v quiet
# Tests run one assembly at a time: end-to-end tests start servers and containers, and two cores are little.
dotnet test KubeSharp.sln -c Release --no-build -nologo -v quiet -m:1 \
  --logger "console;verbosity=normal" -- RunConfiguration.DisableParallelization=false 2>&1 | tee "$root/.build/test-output.log" || status=$?
status=${status:-0}
count() { { grep -Eo "$1: +[0-9]+" "$root/.build/test-output.log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
