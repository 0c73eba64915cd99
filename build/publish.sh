#!/usr/bin/env bash
# Publishes PortfolioSync as self-contained, single-file, ReadyToRun binaries (no .NET needed where they run):
#   build/publish.sh                 every target: linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64
#   build/publish.sh linux-x64 ...   only these targets
# Each target lands in artifacts/<rid>/ (portfoliosync or portfoliosync.exe); artifacts/SHA256SUMS lists the
# SHA-256 of every binary built. A target whose runtime pack the build cannot get (offline, or a mirror that
# lacks it) is reported and skipped; the others are still built. Exit status: 0 if every asked target was built,
# 3 if some were skipped, 1 if none was built.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)
out="$root/artifacts"
mkdir -p "$out"
built=(); skipped=()
for rid in "${targets[@]}"; do
  case "$rid" in linux-x64|linux-arm64|osx-x64|osx-arm64|win-x64) ;; *) echo "error: unknown target '$rid' (linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)" >&2; exit 2 ;; esac
  echo "== publish $rid"
  log="$out/publish-$rid.log"
  rm -rf "${out:?}/$rid"
  if dotnet publish src/PortfolioSync.Cli -c Release -r "$rid" --self-contained true \
       -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:IncludeNativeLibrariesForSelfExtract=true \
       -p:DebugType=none -p:GenerateDocumentationFile=false \
       -o "$out/$rid" -nologo -v:q -clp:NoSummary >"$log" 2>&1; then
    built+=("$rid"); rm -f "$log"
  else
    if grep -qE 'NU1101|NU1102|NU1103|NU1301|NETSDK1094|NETSDK1112|NETSDK1084|NETSDK1083|Unable to find package' "$log"; then
      echo "   skipped: a runtime or ReadyToRun pack for $rid is not available to this build (see $log)" >&2
    else
      echo "   failed: see $log" >&2
    fi
    skipped+=("$rid"); rm -rf "${out:?}/$rid"
  fi
done
# Checksums of every binary present (this run's and earlier ones'), in the format 'sha256sum -c' reads.
(cd "$out" && find . -mindepth 2 -maxdepth 2 -type f \( -name portfoliosync -o -name portfoliosync.exe \) | sed 's|^\./||' | sort | xargs -r sha256sum > SHA256SUMS)
echo "built: ${built[*]:-(none)}"
[ ${#skipped[@]} -gt 0 ] && echo "skipped: ${skipped[*]}"
echo "checksums: artifacts/SHA256SUMS"
[ ${#built[@]} -eq 0 ] && exit 1
[ ${#skipped[@]} -gt 0 ] && exit 3
exit 0
