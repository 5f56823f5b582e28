#!/usr/bin/env bash
# Times `bargain replay --check` of a 10,000-cell session on the default model.
# The session is made by piping 10,000 entries into a release build and saving it:
# per 10 cells, 4 redefine an input (layoffs, strike_days, indirect_hours, raises) and 6 show
# a value (return_wait, return_compliance, annual_cost, `_ * 2`, severance_cost, contract_cost),
# with a note every 10 cells.
#   bench/replay-10k.sh            build (release), make bench/out/big.session, time three replays
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
bargain="$(swift build -c release --show-bin-path)/bargain"
out=bench/out
mkdir -p "$out"
rm -f "$out/big.session"
{
    for ((i = 0; i < 1000; i++)); do
        echo "# round $i"
        echo "layoffs = $(( (i * 37) % 401 )) staff"
        echo "strike_days = $(( (i * 13) % 61 )) bd"
        echo "return_wait"
        echo "return_compliance"
        echo "annual_cost"
        echo "_ * 2"
        echo "indirect_hours = $(( 3 + i % 8 )) h/wk/FTE"
        echo "severance_cost"
        echo "raises = [$(( i % 10 ))%, 4%, 4%, 4%]"
        echo "contract_cost"
    done
    echo ":save $out/big.session"
} | "$bargain" >/dev/null
echo "$(grep -c '^  \[' "$out/big.session") cells, $(wc -c <"$out/big.session") bytes"
for run in 1 2 3; do
    /usr/bin/time -f "replay --check: %e s, max RSS %M KB" "$bargain" replay --check "$out/big.session"
done
