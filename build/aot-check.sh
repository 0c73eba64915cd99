#!/usr/bin/env bash
# Runs every command from a published binary and compares what it writes with a reference binary's (docs/benchmarks.md,
# "Report speed, third pass"): the check that a Native AOT build (which has no JIT and only the reflection it was
# compiled with) behaves like the ReadyToRun one.
#   build/aot-check.sh NATIVE REFERENCE      e.g. artifacts/linux-x64/portfoliosync /tmp/r2r/portfoliosync
# Everything happens in a fresh temporary folder outside the checkout: demo in an empty folder, the local server,
# sync, check, status (text and --json), verify, report (CSV and XLSX, every year), value, dashboard, export-data,
# both CSV imports, repair, init, schedule, completion, --version. Reports must be byte-identical (XLSX compared
# by their unzipped parts, PNG charts byte for byte). Exit status 0 when everything ran and matched, 1 otherwise.
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 NATIVE REFERENCE" >&2; exit 2; }
native=$(realpath "$1"); reference=$(realpath "$2")
work=$(mktemp -d); trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
server=
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok:   $*"; }

# Runs one command with both binaries (each in its own folder a/ or b/, $B standing for the binary); both must exit
# with $expect (0 unless set); the caller compares files.
both() {
  local what=$1; shift
  local ra rb
  (cd "$work/a" && B=$native bash -c "$*" >"$work/a.out" 2>&1); ra=$?
  (cd "$work/b" && B=$reference bash -c "$*" >"$work/b.out" 2>&1); rb=$?
  if [ "$ra" != "${expect:-0}" ] || [ "$rb" != "${expect:-0}" ]; then
    fail "$what: exit $ra (native), $rb (reference), expected ${expect:-0}"; sed 's/^/  | /' "$work/a.out" | tail -15; return 1
  fi
  ok "$what (exit $ra)"
}

# Compares two folders: every file byte for byte except stores, locks and backups; XLSX by their unzipped parts.
same_tree() {
  local what=$1 x=$2 y=$3 f
  local files; files=$(cd "$x" && find . -type f ! -name '*.db' ! -name '*.lock' ! -name '*.backup-*' | sort)
  [ "$files" = "$(cd "$y" && find . -type f ! -name '*.db' ! -name '*.lock' ! -name '*.backup-*' | sort)" ] || { fail "$what: different files"; return; }
  [ -n "$files" ] || { fail "$what: no files"; return; }
  for f in $files; do
    if [[ $f == *.xlsx ]]; then
      rm -rf "$work/ux" "$work/uy"; mkdir -p "$work/ux" "$work/uy"
      (cd "$work/ux" && unzip -q "$x/$f") && (cd "$work/uy" && unzip -q "$y/$f") && diff -rq "$work/ux" "$work/uy" >/dev/null || { fail "$what: $f differs"; return; }
    else
      cmp -s "$x/$f" "$y/$f" || { fail "$what: $f differs"; return; }
    fi
  done
  ok "$what: $(echo "$files" | wc -l) files identical"
}

mkdir -p "$work/a" "$work/b"
[ "$("$native" --version | cut -d" " -f1)" = "$("$reference" --version | cut -d" " -f1)" ] && ok "--version: $("$native" --version)" || fail "--version: different versions"

both "demo in an empty folder" '$B demo --quiet' && same_tree demo "$work/a/portfoliosync-demo" "$work/b/portfoliosync-demo"

# The demo's store, exported as a data folder and served by the native binary's local server.
for side in a b; do echo '{ "jurisdiction": "uk", "store": "portfoliosync-demo/portfoliosync.db", "accounts": [ { "name": "main" }, { "name": "dca-bot" }, { "name": "grid-bot" } ] }' >"$work/$side/demo.json"; done
both "export-data" '$B --config demo.json export-data --out exported' &&
  diff -rq -x server.json "$work/a/exported" "$work/b/exported" >/dev/null && ok "export-data: same records and candles" || fail "export-data differs"
data="$work/a/exported"
port=$(( 40000 + RANDOM % 20000 ))
"$native" fake-server --data "$data" --port "$port" >"$work/server.out" 2>&1 & server=$!
for _ in $(seq 50); do grep -q listening "$work/server.out" && break; sleep 0.1; done
grep -q listening "$work/server.out" && ok "fake-server listening on $port" || fail "fake-server did not start"
for acc in main dca-bot grid-bot; do
  v=$(echo "$acc" | tr a-z- A-Z_)
  export "PS_${v}_KEY=$(jq -r --arg a "$acc" '.accounts[] | select(.name == $a) | .key' "$data/server.json")"
  export "PS_${v}_SECRET=$(jq -r --arg a "$acc" '.accounts[] | select(.name == $a) | .secret' "$data/server.json")"
done
for side in a b; do
  cat >"$work/$side/cfg.json" <<EOF
{ "jurisdiction": "uk", "baseCurrency": "GBP", "store": "synced.db", "baseUrl": "http://127.0.0.1:$port",
  "accounts": [ { "name": "main", "key": "env:PS_MAIN_KEY", "secret": "env:PS_MAIN_SECRET" },
                { "name": "dca-bot", "key": "env:PS_DCA_BOT_KEY", "secret": "env:PS_DCA_BOT_SECRET" },
                { "name": "grid-bot", "key": "env:PS_GRID_BOT_KEY", "secret": "env:PS_GRID_BOT_SECRET" } ] }
EOF
done
both "check" '$B --config cfg.json check'
both "sync" '$B --config cfg.json sync --quiet'
both "status" '$B --config cfg.json status' && [ "$(grep -c . "$work/a.out")" -gt 5 ] || fail "status printed too little"
both "status --json" '$B --config cfg.json status --json > status.json' && jq -e . "$work/a/status.json" >/dev/null && ok "status --json parses" || fail "status --json does not parse"
both "verify" '$B --config cfg.json verify'
for y in 2022 2023 2024; do
  both "report $y csv+xlsx" "\$B --config cfg.json report --year $y --format csv,xlsx --out rep$y --quiet" && same_tree "report $y" "$work/a/rep$y" "$work/b/rep$y"
done
both "value" '$B --config cfg.json value --out val --quiet' && same_tree value "$work/a/val" "$work/b/val"
both "dashboard" '$B --config cfg.json dashboard --out dash --quiet' && [ -s "$work/a/dash/index.html" ] && ok "dashboard written" || fail "no dashboard"
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=

# CSV imports (both export formats) into a fresh store, then repair of that store.
both "fake-server --write-csv" "\$B fake-server --data '$data' --write-csv csv" && same_tree "CSV exports" "$work/a/csv" "$work/b/csv"
for side in a b; do echo '{ "jurisdiction": "uk", "store": "imported.db", "accounts": [ { "name": "main" }, { "name": "dca-bot" }, { "name": "grid-bot" } ] }' >"$work/$side/imp.json"; done
both "import rfc4180" 'for a in main dca-bot grid-bot; do $B --config imp.json import bitstamp-csv csv/rfc4180/$a.csv --account $a --quiet || exit $?; done'
both "import legacy (again: nothing new)" 'for a in main dca-bot grid-bot; do $B --config imp.json import bitstamp-csv csv/legacy/$a.csv --account $a --accept-ambiguous keep --quiet || exit $?; done'
expect=6 both "report of the imported store (no prices: incomplete)" '$B --config imp.json report --year 2024 --format csv --out imprep --quiet' && same_tree "imported report" "$work/a/imprep" "$work/b/imprep"
both "repair" '$B --config imp.json repair --out repaired.db' && [ -s "$work/a/repaired.db" ] && ok "repaired store written" || fail "no repaired store"
both "verify the repaired store" '$B --config imp.json --store repaired.db verify'

both "init" '$B init --config new.json' && cmp -s "$work/a/new.json" "$work/b/new.json" && ok "init: same template" || fail "init differs"
both "schedule print" 'for os in linux macos windows; do $B --config cfg.json schedule print --os $os; done' &&
  cmp -s <(sed "s|$native|BINARY|g; s|$work/a|DIR|g" "$work/a.out") <(sed "s|$reference|BINARY|g; s|$work/b|DIR|g" "$work/b.out") && ok "schedule: same (each naming its own binary and folder)" || fail "schedule differs"
both "completion" 'for s in bash zsh fish powershell; do $B completion $s; done' && cmp -s "$work/a.out" "$work/b.out" && ok "completion: same" || fail "completion differs"

if [ "$failures" -eq 0 ]; then echo "all commands ran and matched"; exit 0; fi
echo "$failures failure(s)"; exit 1
