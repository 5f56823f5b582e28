#!/usr/bin/env bash
# Times `bargain export` of a 1,000-cell session to HTML and to Markdown (the target: under 1 s).
# The session is made by piping 1,000 entries into a release build and saving it: per 20 cells,
# 12 redefine an input or show a value, 2 compare scenarios, and one each of sweep (two charts),
# chart (a timeline), sensitivity (a tornado), diff (a waterfall), simulate (a histogram, 500
# draws) and a grid sweep, with a note every 20 cells: 350 charts in all, each replayed and drawn.
#   bench/export-1000.sh      build (release), make bench/out/export-1000.session, time three exports of each
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
bargain="$(swift build -c release --show-bin-path)/bargain"
out=bench/out
mkdir -p "$out"
rm -f "$out/export-1000.session" "$out"/export-1000*.html "$out"/export-1000*.md "$out"/export-1000-chart-*.svg
{
    for ((i = 0; i < 50; i++)); do
        echo "# round $i: layoffs $(( (i * 37) % 401 )), a strike of $(( (i * 13) % 61 )) days"
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
        echo "return_wait_by_year"
        echo "staff_by_year"
        echo "compare baseline, employer_2025, union_2025"
        echo "compare employer_2025, union_2025: return_wait, annual_cost"
        echo "sweep layoffs from 0 staff to 600 staff step 50 staff: return_wait, annual_cost"
        echo "chart return_backlog_by_week"
        echo "sensitivity return_wait over referrals, indirect_hours, outsourcing_share by 10%"
        echo "diff employer_2025 union_2025: annual_cost"
        echo "simulate 500 seed $i: annual_cost"
        echo "sweep layoffs from 0 staff to 300 staff step 100 staff, indirect_hours in [3.5 h/wk/FTE, 7.5 h/wk/FTE]: return_wait"
    done
    echo ":save $out/export-1000.session"
} | "$bargain" >/dev/null
echo "$(grep -c '^  \[' "$out/export-1000.session") cells, $(wc -c <"$out/export-1000.session") bytes"
for run in 1 2 3; do
    /usr/bin/time -f "export --to html: %e s, max RSS %M KB" "$bargain" export "$out/export-1000.session" --to html -o "$out/export-1000.html"
done
echo "$(wc -c <"$out/export-1000.html") bytes of HTML, $(grep -o '<svg ' "$out/export-1000.html" | wc -l) charts"
for run in 1 2 3; do
    /usr/bin/time -f "export --to md: %e s, max RSS %M KB" "$bargain" export "$out/export-1000.session" --to md -o "$out/export-1000.md"
done
/usr/bin/time -f "replay --check alone: %e s" "$bargain" replay --check "$out/export-1000.session" 2>&1 | tail -1
