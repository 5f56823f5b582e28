#!/usr/bin/env bash
# The cliffs of issue 15, timed on a release build: 40,000 piped definitions (target < 2 s), a
# 10,000-line chain piped, and its saved session replayed with --check (target < 1 s, < 100 MB).
#   bench/cliffs.sh              (BARGAIN=path to use another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BARGAIN:-}" ]; then
    swift build -c release >/dev/null
    BARGAIN="$(swift build -c release --show-bin-path)/bargain"
fi
out=bench/out
mkdir -p "$out"
python3 -c "
for i in range(40000): print(f'b{i} = {i} staff')" > "$out/defs-40k.txt"
python3 -c "
print('b0 = 1 staff')
for i in range(1, 10000): print(f'b{i} = b{i-1} + 1 staff')" > "$out/chain-10k.txt"
rm -f "$out/chain-10k.session"
measure() {  # label, then the command; prints wall seconds and peak RSS
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null
    read -r seconds kb < "$out/time.txt"
    printf '%-44s %7s s %8s MB\n' "$label" "$seconds" "$((kb / 1024))"
}
measure "40,000 definitions piped" sh -c "\"$BARGAIN\" --no-model < $out/defs-40k.txt"
measure "10,000-line chain piped" sh -c "\"$BARGAIN\" --no-model < $out/chain-10k.txt"
(cat "$out/chain-10k.txt"; echo ":save! $out/chain-10k.session") | "$BARGAIN" --no-model > /dev/null
measure "replay --check of the 10,000-line chain" "$BARGAIN" replay --check --no-model "$out/chain-10k.session"
