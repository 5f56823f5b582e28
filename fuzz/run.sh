#!/usr/bin/env bash
# A libFuzzer campaign over bargain's readers (Sources/BargainFuzz): the language, statements on
# the default model, session files (parsed and replayed), grids (whole batches), journals.
#   fuzz/run.sh [SECONDS] [JOBS]     default 60 s, 1 job; new inputs go to fuzz/out/corpus,
#                                     crashes to fuzz/out/crash-*; prints executions and crashes.
# Seeds: fuzz/corpus (committed). Build: release, -sanitize=fuzzer, in .build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=${2:-1}
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH=/opt/swift/usr/bin:$PATH; fi
swift build -c release --product BargainFuzz --build-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DLIBFUZZER -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >/dev/null  # gold fails on it
fuzzer=".build-fuzz/release/BargainFuzz"
mkdir -p fuzz/out/corpus
log=fuzz/out/fuzz.log
status=0
# -timeout: an input running 20 s is reported (a hang is a bug too); -rss_limit_mb likewise.
"$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -jobs="$jobs" -workers="$jobs" \
    -artifact_prefix=fuzz/out/ -print_final_stats=1 fuzz/out/corpus fuzz/corpus > "$log" 2>&1 || status=$?
# With -jobs, libFuzzer writes each job's log to ./fuzz-N.log.
cat fuzz-*.log >> "$log" 2>/dev/null || true
rm -f fuzz-*.log
runs=$(grep -h "stat::number_of_executed_units" "$log" | awk '{s += $2} END {print s + 0}')
crashes=$(find fuzz/out -maxdepth 1 \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
echo "fuzz: $runs executions in ${seconds} s, $crashes crashes, timeouts or out-of-memory inputs (log: $log)"
if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ]; then
    ls fuzz/out/crash-* fuzz/out/timeout-* fuzz/out/oom-* 2>/dev/null || true
    tail -40 "$log"
    exit 1
fi
