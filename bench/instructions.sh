#!/usr/bin/env bash
# Before and after a change, counted in instructions (valgrind's callgrind), which repeat exactly
# for the same binary and input whatever else the machine is doing: on a shared 2-core machine
# `bargain bench --quick` swings ±40% between runs of one binary, more than most changes move.
#
#   bench/instructions.sh OLD_BARGAIN NEW_BARGAIN
#
# Two workloads, each run once under callgrind with one thread:
#   session  a negotiator's script: two edits, compare, a 101-point sweep, solve, diff, explain
#   batch    `batch --vary layoffs=0..600:2000`, two outputs, CSV (the two files must be the same bytes)
# Build both with `swift build -c release` (an old commit: `git worktree add /tmp/old REV`).
set -euo pipefail
[ $# -eq 2 ] || { sed -n 2,12p "$0"; exit 64; }
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 69; }
# Swift seeds its hashing per process, which moves the count by about 0.1%; fix the seed.
export SWIFT_DETERMINISTIC_HASHING=1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/session.bargain" <<'EOF'
layoffs = 150 staff
indirect_hours = 3.5 h/wk/FTE
compare baseline, employer_2025, union_2025: return_wait, annual_cost, return_compliance
sweep layoffs from 0 staff to 600 staff step 6 staff: return_wait, annual_cost
solve hires so return_compliance >= 80%
diff employer_2025 union_2025: annual_cost
explain return_wait depth 2
layoffs = 0 staff
EOF
count() {  # binary, label, then arguments: prints the instructions callgrind collected
    local binary=$1 label=$2; shift 2
    valgrind --tool=callgrind --callgrind-out-file="$out/$label.cg" "$binary" "$@" >/dev/null 2>"$out/$label.err" \
        || { cat "$out/$label.err" >&2; exit 70; }
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/$label.err"
}
printf '%-8s %16s %16s %9s\n' workload before after change
for workload in session batch; do
    counts=()
    for side in old new; do
        binary=$1; [ "$side" = new ] && binary=$2
        if [ "$workload" = session ]; then
            counts+=("$(count "$binary" "$workload-$side" run "$out/session.bargain")")
        else
            counts+=("$(count "$binary" "$workload-$side" batch --vary layoffs=0..600:2000 \
                --outputs return_wait,annual_cost --threads 1 --output "$out/$side.csv")")
        fi
    done
    printf '%-8s %16s %16s %+8.3f%%\n' "$workload" "${counts[0]}" "${counts[1]}" \
        "$(python3 -c "print(100 * (${counts[1]} - ${counts[0]}) / ${counts[0]})")"
done
cmp -s "$out/old.csv" "$out/new.csv" && echo "batch output: the same bytes" || { echo "batch output differs" >&2; exit 1; }
