#!/usr/bin/env bash
# Times `bargain export` of 1,000-cell sessions to HTML and to Markdown (the target: under 1 s),
# beside `bargain replay` of the same file, so what the export adds to the replay is plain.
# Two sessions are made by piping entries into a release build and saving them:
#   typical  per 20 cells: 8 redefine an input, 10 show a value (a by-year list among them) and
#            2 analyse (a sweep with two charts, or a chart of the return backlog over the
#            weeks), with a note every 20 cells: 1,000 cells, 75 charts
#   heavy    per 20 cells: 12 edits and values, 2 compares, and one each of sweep (two charts),
#            chart (a timeline), sensitivity (a tornado), diff (a waterfall), simulate (a histogram)
#            and a grid sweep: 1,000 cells, 300 charts; most of its time is the analyses' own
#   bench/export-1000.sh      build (release), make bench/out/export-*.session, time three runs of each
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
bargain="$(swift build -c release --show-bin-path)/bargain"
out=bench/out
mkdir -p "$out"
rm -f "$out"/export-typical* "$out"/export-heavy*
edits() {  # 12 cells
    echo "layoffs = $(( ($1 * 37) % 401 )) staff"
    echo "strike_days = $(( ($1 * 13) % 61 )) bd"
    echo "return_wait"
    echo "return_compliance"
    echo "annual_cost"
    echo "_ * 2"
    echo "indirect_hours = $(( 3 + $1 % 8 )) h/wk/FTE"
    echo "severance_cost"
    echo "raises = [$(( $1 % 10 ))%, 4%, 4%, 4%]"
    echo "contract_cost"
    echo "return_wait_by_year"
    echo "staff_by_year"
}
{
    for ((i = 0; i < 50; i++)); do
        echo "# round $i: layoffs $(( (i * 37) % 401 )), a strike of $(( (i * 13) % 61 )) days"
        edits "$i"
        echo "hires = $(( i % 5 * 10 )) staff"
        echo "return_weeks_to_clear"
        echo "high_risk_delayed"
        echo "ai_triage_share = $(( i % 4 * 25 ))%"
        echo "intake_wait"
        echo "headcount"
        if (( i % 2 == 0 )); then
            echo "sweep layoffs from 0 staff to 600 staff step 100 staff: return_wait, annual_cost"
        else
            echo "chart return_backlog_by_week"
        fi
        echo "capacity"
    done
    echo ":save $out/export-typical.session"
} | "$bargain" >/dev/null
{
    for ((i = 0; i < 50; i++)); do
        echo "# round $i: layoffs $(( (i * 37) % 401 )), a strike of $(( (i * 13) % 61 )) days"
        edits "$i"
        echo "compare baseline, employer_2025, union_2025"
        echo "compare employer_2025, union_2025: return_wait, annual_cost"
        echo "sweep layoffs from 0 staff to 600 staff step 50 staff: return_wait, annual_cost"
        echo "chart return_backlog_by_week"
        echo "sensitivity return_wait over referrals, indirect_hours, outsourcing_share by 10%"
        echo "diff employer_2025 union_2025: annual_cost"
        echo "simulate 500 seed $i: annual_cost"
        echo "sweep layoffs from 0 staff to 300 staff step 100 staff, indirect_hours in [3.5 h/wk/FTE, 7.5 h/wk/FTE]: return_wait"
    done
    echo ":save $out/export-heavy.session"
} | "$bargain" >/dev/null
for kind in typical heavy; do
    session="$out/export-$kind.session"
    echo "$kind: $(grep -c '^  \[' "$session") cells, $(wc -c <"$session") bytes"
    for run in 1 2 3; do
        /usr/bin/time -f "  replay alone:    %e s, max RSS %M KB" "$bargain" replay "$session" >/dev/null
        /usr/bin/time -f "  export --to html: %e s, max RSS %M KB" "$bargain" export "$session" --to html -o "$out/export-$kind.html" 2>&1 | grep -v '^note:\|^wrote'
        /usr/bin/time -f "  export --to md:   %e s, max RSS %M KB" "$bargain" export "$session" --to md -o "$out/export-$kind.md" 2>&1 | grep -v '^note:\|^wrote'
    done
    echo "  $(wc -c <"$out/export-$kind.html") bytes of HTML, $(grep -o '<svg ' "$out/export-$kind.html" | wc -l) charts; $(ls "$out"/export-$kind-chart-*.svg | wc -l) SVG files beside the Markdown"
done
