#!/usr/bin/env bash
# Publishes PortfolioSync as self-contained binaries (no .NET needed where they run):
#   build/publish.sh                 every target: linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64
#   build/publish.sh linux-x64 ...   only these targets
#   build/publish.sh --r2r ...       ReadyToRun single-file binaries even where Native AOT could be built
# The target this machine runs on (linux-x64 or linux-arm64 on Linux, osx-* on macOS) is compiled with Native AOT when
# its toolchain is here (Linux: clang, lld and zlib1g-dev; macOS: the Xcode command-line tools): one native program,
# about twice as fast to start a report (docs/benchmarks.md, "Report speed, third pass"), with the chart's two native
# libraries (libSkiaSharp, libHarfBuzzSharp) beside it: keep the folder's files together. Every other target (Native
# AOT does not cross-compile between operating systems), and this one when its toolchain is missing or the native
# build fails, is a self-contained, single-file, ReadyToRun binary, as before.
# Each target lands in artifacts/<rid>/ (portfoliosync or portfoliosync.exe, and for Native AOT its libraries);
# artifacts/SHA256SUMS lists the SHA-256 of every file built. A target whose runtime pack the build cannot get (offline,
# or a mirror that lacks it) is reported and skipped; the others are still built. Exit status: 0 if every asked target
# was built, 3 if some were skipped, 1 if none was built.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
r2r_only=false
targets=()
for a in "$@"; do [ "$a" = "--r2r" ] && r2r_only=true || targets+=("$a"); done
[ ${#targets[@]} -eq 0 ] && targets=(linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)
out="$root/artifacts"
mkdir -p "$out"
built=(); skipped=()

# The runtime identifier of this machine, if it is one of the targets.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host=linux-x64 ;; Linux-aarch64) host=linux-arm64 ;;
  Darwin-x86_64) host=osx-x64 ;; Darwin-arm64) host=osx-arm64 ;; *) host=none ;;
esac
# Whether Native AOT can be built for $1 here (and why not, on stdout, when it cannot).
aot_possible() {
  [ "$r2r_only" = true ] && { echo "--r2r asked"; return 1; }
  [ "$1" = "$host" ] || { echo "Native AOT is built on the target's own OS and architecture (this is $host)"; return 1; }
  case "$1" in
    linux-*)
      command -v clang >/dev/null 2>&1 || { echo "clang is missing (apt-get install clang lld zlib1g-dev)"; return 1; }
      command -v ld.lld >/dev/null 2>&1 || { echo "lld is missing (apt-get install clang lld zlib1g-dev)"; return 1; }
      [ -f /usr/include/zlib.h ] || { echo "zlib1g-dev is missing (apt-get install clang lld zlib1g-dev)"; return 1; } ;;
    osx-*) xcrun --find clang >/dev/null 2>&1 || { echo "the Xcode command-line tools are missing (xcode-select --install)"; return 1; } ;;
  esac
  return 0
}
common=(src/PortfolioSync.Cli -c Release --self-contained true -p:DebugType=none -p:GenerateDocumentationFile=false
        -nologo -v:q -clp:NoSummary)
for rid in "${targets[@]}"; do
  case "$rid" in linux-x64|linux-arm64|osx-x64|osx-arm64|win-x64) ;; *) echo "error: unknown target '$rid' (linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)" >&2; exit 2 ;; esac
  echo "== publish $rid"
  log="$out/publish-$rid.log"
  rm -rf "${out:?}/$rid"
  if why=$(aot_possible "$rid"); then
    if dotnet publish "${common[@]}" -r "$rid" -p:PublishAot=true -o "$out/$rid" >"$log" 2>&1; then
      echo "   Native AOT"; built+=("$rid"); rm -f "$log"; continue
    fi
    echo "   Native AOT failed (see $log.aot); building ReadyToRun instead" >&2
    mv "$log" "$log.aot"; rm -rf "${out:?}/$rid"
  else
    echo "   ReadyToRun: $why"
  fi
  if dotnet publish "${common[@]}" -r "$rid" \
       -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:IncludeNativeLibrariesForSelfExtract=true \
       -o "$out/$rid" >"$log" 2>&1; then
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
# Checksums of every file of every target present (this run's and earlier ones'), in the format 'sha256sum -c' reads.
(cd "$out" && for d in linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64; do [ -d "$d" ] && find "$d" -maxdepth 1 -type f; done | sort | xargs -r sha256sum > SHA256SUMS)
echo "built: ${built[*]:-(none)}"
[ ${#skipped[@]} -gt 0 ] && echo "skipped: ${skipped[*]}"
echo "checksums: artifacts/SHA256SUMS"
[ ${#built[@]} -eq 0 ] && exit 1
[ ${#skipped[@]} -gt 0 ] && exit 3
exit 0
