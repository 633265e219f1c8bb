#!/usr/bin/env bash
# Load budgets for the pages, measured with wrk against the Release build on loopback.
#   benchmarks/load.sh            (from the repository root; about two minutes)
# Budgets: milestone page, list page and markdown export each >= 15% of a static file's
# requests/s from the same process; the list at 10,000 milestones within 1.3x of the list at 100.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DURATION="${DURATION:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
PORT="${PORT:-5193}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d /tmp/milestones-load.XXXXXX)"
SERVER_PID=""

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk
fi

echo "== publishing the Release build"
dotnet publish "$ROOT/src/ChainForge.Milestones" -c Release -o "$WORK/app" --nologo -v quiet >/dev/null

app() { (cd "$WORK/app" && dotnet ChainForge.Milestones.dll "$@"); }

echo "== seeding 10,000 and 100 milestones"
app seed --count 10000 --db "$WORK/big.db"
app seed --count 100 --db "$WORK/small.db"

start_server() {
    local db="$1"
    (cd "$WORK/app" && ConnectionStrings__Milestones="Data Source=$db" ASPNETCORE_URLS="$BASE" \
        Logging__LogLevel__Default=Warning exec dotnet ChainForge.Milestones.dll) >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 60); do
        curl -sf -o /dev/null "$BASE/css/site.css" && return 0
        sleep 0.5
    done
    echo "the server did not start:" >&2
    cat "$WORK/server.log" >&2
    exit 1
}

# rps NAME COUNT URL [SUFFIX]: a warm-up, then a measured run; prints requests/s.
rps() {
    local url="$1" count="$2" suffix="${3-}" script=()
    if [[ "$url" == random ]]; then
        script=(-s "$ROOT/benchmarks/random-id.lua")
        url="$BASE/"
    fi
    COUNT="$count" PATH_SUFFIX="$suffix" wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "${script[@]}" "$url" >/dev/null
    local out
    out="$(COUNT="$count" PATH_SUFFIX="$suffix" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "${script[@]}" "$url")"
    if grep -q "Non-2xx" <<<"$out"; then
        echo "errors from $url$suffix:" >&2
        echo "$out" >&2
        exit 1
    fi
    awk '/^Requests\/sec:/ { print $2 }' <<<"$out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
check() { awk -v v="$1" -v op="$2" -v limit="$3" 'BEGIN { ok = (op == ">=") ? v >= limit : v <= limit; print ok ? "ok" : "MISSED" }'; }

echo "== 10,000 milestones ($THREADS threads, $CONNECTIONS connections, $DURATION per run)"
start_server "$WORK/big.db"
static=$(rps "$BASE/css/site.css" 10000)
page=$(rps random 10000 "")
list=$(rps "$BASE/" 10000)
export_md=$(rps random 10000 "/export")
list_deep=$(rps "$BASE/?sort=updated&dir=desc&p=200" 10000)
stop_server

echo "== 100 milestones"
start_server "$WORK/small.db"
list_small=$(rps "$BASE/" 100)
stop_server

printf '\n%-46s %10s %9s %9s\n' "endpoint (10,000 milestones)" "req/s" "vs static" "budget"
printf '%-46s %10.0f %9s %9s\n' "/css/site.css (static file, baseline)" "$static" "1.00" ""
for row in "milestone page /milestones/{random id}|$page" "list page /|$list" "markdown export /milestones/{random id}/export|$export_md"; do
    name="${row%|*}"; value="${row#*|}"; r=$(ratio "$value" "$static")
    printf '%-46s %10.0f %9s %9s\n' "$name" "$value" "$r" "$(check "$r" ">=" 0.15)"
done
printf '%-46s %10.0f %9s %9s\n' "list sorted by last updated, page 200" "$list_deep" "$(ratio "$list_deep" "$static")" "(info)"
slowdown=$(ratio "$list_small" "$list")
printf '\n%-46s %10.0f\n' "list page / at 100 milestones" "$list_small"
printf '%-46s %10s %9s\n' "list at 100 / list at 10,000 (budget <= 1.3)" "$slowdown" "$(check "$slowdown" "<=" 1.3)"
