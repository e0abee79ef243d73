#!/usr/bin/env bash
# Installs what kubesharp needs on a bare Debian 12 machine (idempotent). Run as root.
set -euo pipefail
packages=(runc busybox-static gcc libc6-dev iproute2 iptables dnsutils skopeo umoci ca-certificates docker-registry apache2-utils zstd)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET 10 SDK is required (dotnet on PATH)" >&2
  exit 1
fi
if ! command -v kubectl >/dev/null 2>&1; then
  echo "warning: kubectl is not on PATH; the end-to-end tests need it" >&2
fi
