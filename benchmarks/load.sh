#!/usr/bin/env bash
# Load budgets for the pages, measured with wrk against the Release build on loopback, on
# SQLite and on PostgreSQL (ENGINES="sqlite postgresql", the default; PostgreSQL's cluster is
# started by tests/postgresql.sh and stopped at the end).
#   benchmarks/load.sh            (from the repository root; about half an hour)
# Budgets at 10,000 milestones, against a static file's requests/s from the same process:
# milestone page, list page and markdown export >= 15%; with the page cache off (every view a
# first view): milestone page >= 15%; portfolio, dependency graph, review queue and a heatmap
# cell's risk list >= 5%; every page under 300 KB of HTML. On SQLite, the list at 10,000
# milestones within 1.3x of the list at 100.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DURATION="${DURATION:-10s}"
# Tiered JIT (with PGO) takes tens of seconds on a busy machine before the hot paths are optimized; a short warm-up measures tier-0 code.
WARMUP="${WARMUP:-15s}"
# Before its first measurement each server serves milestone pages this long: on one busy core tiered
# compilation goes on for about two minutes (dotnet-counters), and a static file measured while it
# does costs half as much again, which flatters every ratio against it.
SETTLE="${SETTLE:-120s}"
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
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk
fi

ENGINES="${ENGINES:-sqlite postgresql}"
# Its own folder, outside WORK: as root the cluster runs as postgres, which must reach it.
PG_DIR="$(mktemp -d /tmp/milestones-load-postgresql.XXXXXX)"
PG_SERVER=""
stop_postgresql() { [[ -n "$PG_SERVER" ]] && bash "$ROOT/tests/postgresql.sh" stop "$PG_DIR" || true; PG_SERVER=""; }
cleanup() { stop_server; stop_postgresql; rm -rf "$WORK" "$PG_DIR"; }
echo "== publishing the Release build"
dotnet publish "$ROOT/src/ChainForge.Milestones" -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
# ENGINE and STORE (a SQLite file, or a PostgreSQL connection string) say which database the app uses.
ENGINE=sqlite
STORE=""
app() { (cd "$WORK/app" && store_env dotnet ChainForge.Milestones.dll "$@"); }
store_env() {
    if [[ "$ENGINE" == postgresql ]]; then
        Database__Provider=PostgreSQL ConnectionStrings__Milestones="$STORE" "$@"
    else
        ConnectionStrings__Milestones="Data Source=$STORE" "$@"
    fi
}
# Every page needs a signed-in user: without one wrk would measure the redirect to the sign-in page.
USER_NAME=loadtest
PASSWORD="Load-test-$RANDOM$RANDOM!"
# use_store ENGINE NAME: STORE for a database NAME of ENGINE (created on first use).
use_store() {
    ENGINE="$1"
    if [[ "$ENGINE" == postgresql ]]; then
        if [[ -z "$PG_SERVER" ]]; then
            # The database on wrk's core, not the app's: a team's PostgreSQL runs on a machine of
            # its own, and the app's core is to measure the app alone (its queries' CPU on the
            # database side would otherwise come off the app's requests per second).
            PG_SERVER=$(POSTGRESQL_CPUS=1 bash "$ROOT/tests/postgresql.sh" start "$PG_DIR")
        fi
        psql "$(sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/' <<<"$PG_SERVER") dbname=postgres" -qtc "SELECT 1 FROM pg_database WHERE datname = '$2'" | grep -q 1 ||
            psql "$(sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/' <<<"$PG_SERVER") dbname=postgres" -qc "CREATE DATABASE \"$2\"" >/dev/null
        STORE="$PG_SERVER;Database=$2"
    else
        STORE="$WORK/$2.db"
    fi
}
seed() {
    app seed --count "$1" >/dev/null
    printf '%s\n' "$PASSWORD" | app user create "$USER_NAME" --role Author --role Reviewer --keep-password >/dev/null
}
# start_server [PAGE_CACHE_MB]: the app on STORE; PAGE_CACHE_MB=0 turns the page cache off.
start_server() {
    local page_cache="${1:-256}"
    (cd "$WORK/app" && ASPNETCORE_URLS="$BASE" PageCache__SizeLimitMegabytes="$page_cache" \
        Logging__LogLevel__Default=Warning store_env exec taskset -c 0 dotnet ChainForge.Milestones.dll) >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 60); do
        curl -sf -o /dev/null "$BASE/css/site.css" && return 0
        sleep 0.5
    done
    echo "the server did not start:" >&2
    cat "$WORK/server.log" >&2
    exit 1
}
# sign_in: through the real sign-in form (its antiforgery token and cookie); sets COOKIE to the
# cookies a browser would now send, the auth cookie and the antiforgery cookie, which wrk sends
# with every request (-H; wrk.format in random-id.lua adds it too).
COOKIE=""
sign_in() {
    local jar="$WORK/cookies.txt" token status
    rm -f "$jar"
    token=$(curl -sf -c "$jar" "$BASE/account/login" |
        sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
    [[ -n "$token" ]] || { echo "no antiforgery token on the sign-in page" >&2; exit 1; }
    status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" \
        --data-urlencode "Input.UserName=$USER_NAME" --data-urlencode "Input.Password=$PASSWORD" \
        --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login")
    COOKIE=$(awk 'NF == 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
    if [[ "$status" != 302 || "$COOKIE" != *"milestones="* ]]; then
        echo "signing in as $USER_NAME failed (HTTP $status)" >&2
        exit 1
    fi
}

# expect URL TEXT: wrk counts a 3xx as success, so first make sure that the URL answers 200
# with the page itself (TEXT is in its body), not a redirect to the sign-in page.
expect() {
    local url="$1" text="$2" body status
    body="$WORK/body"
    status=$(curl -s -o "$body" -w '%{http_code}' -H "Cookie: $COOKIE" "$url")
    if [[ "$status" != 200 ]] || ! grep -qF -- "$text" "$body"; then
        echo "$url answered $status without \"$text\"" >&2
        exit 1
    fi
}

# The server's own CPU time (user + system, in clock ticks): divided by the requests served it
# gives CPU per request, which other work on a shared machine does not skew as much as requests/s.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }

# rps URL COUNT [SUFFIX]: a warm-up, then a measured run; prints "requests/s cpu-ms-per-request".
rps() {
    local url="$1" count="$2" suffix="${3-}" script=()
    if [[ "$url" == random ]]; then
        script=(-s "$ROOT/benchmarks/random-id.lua")
        url="$BASE/"
    fi
    COUNT="$count" PATH_SUFFIX="$suffix" taskset -c 1 wrk -H "Cookie: $COOKIE" -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${script[@]}" "$url" >/dev/null
    local out before after
    before=$(server_ticks)
    out="$(COUNT="$count" PATH_SUFFIX="$suffix" taskset -c 1 wrk -H "Cookie: $COOKIE" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "${script[@]}" "$url")"
    after=$(server_ticks)
    if grep -q "Non-2xx" <<<"$out"; then
        echo "errors from $url$suffix:" >&2
        echo "$out" >&2
        exit 1
    fi
    local hz
    hz=$(getconf CLK_TCK)
    awk -v ticks=$((after - before)) -v hz="$hz" '/requests in/ { n = $1 } /^Requests\/sec:/ { rps = $2 } END { printf "%s %.3f\n", rps, ticks * 1000 / hz / n }' <<<"$out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
check() { awk -v v="$1" -v op="$2" -v limit="$3" 'BEGIN { ok = (op == ">=") ? v >= limit : v <= limit; print ok ? "ok" : "MISSED" }'; }

# warm_up: milestone pages until the JIT has settled, then every measured endpoint once, before any is measured.
warm_up() {
    local count="$1"
    COUNT="$count" PATH_SUFFIX="" taskset -c 1 wrk -H "Cookie: $COOKIE" -t"$THREADS" -c"$CONNECTIONS" -d"$SETTLE" -s "$ROOT/benchmarks/random-id.lua" "$BASE/" >/dev/null
    for suffix in "" "/export"; do
        COUNT="$count" PATH_SUFFIX="$suffix" taskset -c 1 wrk -H "Cookie: $COOKIE" -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/benchmarks/random-id.lua" "$BASE/" >/dev/null
    done
    taskset -c 1 wrk -H "Cookie: $COOKIE" -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$BASE/" >/dev/null
}

# size URL: the page's bytes, as a browser gets it uncompressed.
size() { curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $COOKIE" "$1"; }
# The last column, requests/s times CPU per request, is how busy the server's one core was: near
# 1.00 the run measured the server; well below, it measured wrk (or PostgreSQL) on the other core.
row() { printf '%-52s %9.0f %9s %8s %10s %5.2f\n' "$1" "$2" "$3" "$4" "$5" "$(awk -v r="$2" -v c="$5" 'BEGIN { print r * c / 1000 }')"; }
header() { printf '\n%-52s %9s %9s %8s %10s %5s\n' "$1" "req/s" "vs static" "budget" "CPU ms/req" "busy"; }
measured() { # name rps static_rps budget cpu
    local r
    r=$(ratio "$2" "$3")
    row "$1" "$2" "$r" "$( [[ -n "$4" ]] && check "$r" ">=" "$4" )" "$5"
}
RISKS="$BASE/portfolio/risks?probability=HIGH&impact=HIGH"
for engine in $ENGINES; do
    echo "== $engine: seeding 10,000 milestones"
    use_store "$engine" big
    seed 10000
    echo "== $engine: 10,000 milestones ($THREADS threads, $CONNECTIONS connections, $WARMUP warm-up and $DURATION per run)"
    start_server
    sign_in
    expect "$BASE/milestones/M-4242" "M-4242"
    expect "$BASE/milestones/M-4242/export" "# M-4242"
    expect "$BASE/" "Sign out"
    expect "$BASE/?sort=updated&dir=desc&p=200" "Sign out"
    warm_up 10000
    read -r static static_cpu < <(rps "$BASE/css/site.css" 10000)
    read -r page page_cpu < <(rps random 10000 "")
    read -r list list_cpu < <(rps "$BASE/" 10000)
    read -r export_md export_cpu < <(rps random 10000 "/export")
    read -r list_deep list_deep_cpu < <(rps "$BASE/?sort=updated&dir=desc&p=200" 10000)
    stop_server
    echo "== $engine: 10,000 milestones, the page cache off: every view is a first view"
    start_server 0
    sign_in
    expect "$BASE/portfolio" "Portfolio"
    expect "$BASE/dependencies" "Dependencies"
    expect "$BASE/reviews" "Waiting for you"
    expect "$RISKS" "Risks with probability"
    warm_up 10000
    read -r static_nc static_nc_cpu < <(rps "$BASE/css/site.css" 10000)
    read -r page_nc page_nc_cpu < <(rps random 10000 "")
    read -r portfolio portfolio_cpu < <(rps "$BASE/portfolio" 10000)
    read -r graph graph_cpu < <(rps "$BASE/dependencies" 10000)
    read -r reviews reviews_cpu < <(rps "$BASE/reviews" 10000)
    read -r risks risks_cpu < <(rps "$RISKS" 10000)
    sizes=()
    for url in "$BASE/milestones/M-4242" "$BASE/" "$BASE/portfolio" "$BASE/dependencies" "$BASE/dependencies?around=M-4242&depth=2" "$BASE/reviews" "$RISKS"; do
        sizes+=("$(printf '%-52s %9s bytes %s' "${url#"$BASE"}" "$(size "$url")" "$(check "$(size "$url")" "<=" 307200)")")
    done
    stop_server
    if [[ "$engine" == sqlite ]]; then
        echo "== $engine: 100 milestones"
        use_store "$engine" small
        seed 100
        start_server
        sign_in
        expect "$BASE/" "Sign out"
        warm_up 100
        read -r list_small list_small_cpu < <(rps "$BASE/" 100)
        stop_server
    fi

    header "$engine, 10,000 milestones"
    row "/css/site.css (static file, baseline)" "$static" "1.00" "" "$static_cpu"
    measured "milestone page /milestones/{random id}" "$page" "$static" 0.15 "$page_cpu"
    measured "list page /" "$list" "$static" 0.15 "$list_cpu"
    measured "markdown export /milestones/{random id}/export" "$export_md" "$static" 0.15 "$export_cpu"
    measured "list by last updated, page 200 (no budget)" "$list_deep" "$static" "" "$list_deep_cpu"
    header "$engine, 10,000 milestones, page cache off"
    row "/css/site.css (baseline)" "$static_nc" "1.00" "" "$static_nc_cpu"
    measured "milestone page, first view" "$page_nc" "$static_nc" 0.15 "$page_nc_cpu"
    measured "portfolio /portfolio" "$portfolio" "$static_nc" 0.05 "$portfolio_cpu"
    measured "dependency graph /dependencies" "$graph" "$static_nc" 0.05 "$graph_cpu"
    measured "review queue /reviews" "$reviews" "$static_nc" 0.05 "$reviews_cpu"
    measured "risk list /portfolio/risks (HIGH, HIGH)" "$risks" "$static_nc" 0.05 "$risks_cpu"
    echo
    echo "page sizes (budget 300 KB):"
    printf '  %s\n' "${sizes[@]}"
    if [[ "$engine" == sqlite ]]; then
        echo
        row "list page / at 100 milestones" "$list_small" "" "" "$list_small_cpu"
        slowdown=$(ratio "$list_small" "$list")
        printf '%-52s %9s %9s %8s\n' "list req/s at 100 / at 10,000 (budget <= 1.3)" "$slowdown" "" "$(check "$slowdown" "<=" 1.3)"
    fi
done
