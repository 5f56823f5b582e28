# Install: pip install --break-system-packages numpy numba
"""The v2 grid benchmark: one CSV grid (layoffs x indirect_hours), end to end -- read the CSV,
project the whole contract for every row, write a CSV of 5 single-value outputs -- through numpy
(model_v2.py), numba (model_v2_numba.py) and, if given, `bargain batch`; then the outputs are
checked against each other on a sample of rows.

    python3 bench/bench_v2_grid.py [--rows 1000000] [--layoffs 1000] [--out bench/out]
                                   [--bargain PATH] [--threads N] [--chunk ROWS] [--every K]

Each tool runs in its own process, so its peak RSS (from wait4) is its own. Seconds are the
process's wall time, start to exit (interpreter start and imports included, as a user would
wait for them). numba is first made to compile in its own process with an empty cache
(`compile s`), then timed in a fresh process that loads that cache: the figure an economist sees
from the second run on. For the Python tools the time inside the process split into read /
compute / write is shown too.

    bench_v2_grid.py run numpy|numba GRID OUT [--chunk ROWS] [--threads N]   (one tool; used by the above)
"""

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

OUTPUTS = ["return_wait", "return_wait_end", "annual_cost", "staff_end", "return_weeks_to_clear"]
INPUT_UNITS = {"layoffs": "staff", "indirect_hours": "h/wk/FTE"}


# ---------------------------------------------------------------- one tool, in its own process
def read_grid(path):
    import numpy as np
    with open(path) as f:
        header = f.readline().strip().split(",")
    names = [h.split("[", 1)[0].strip() for h in header]
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2, dtype=float)
    return names, data


def write_csv(path, names, data, out, units):
    """Inputs then outputs, each headed name[unit]; every value as %.17g (reads back exactly;
    twice as fast here as repr's shortest form, and the write is most of a Python tool's time)."""
    import numpy as np
    heads = [f"{n}[{INPUT_UNITS.get(n, '')}]" for n in names] + [f"{n}[{units[n]}]" for n in OUTPUTS]
    cols = [data[:, j] for j in range(data.shape[1])] + [np.asarray(out[n], dtype=float) for n in OUTPUTS]
    block = np.column_stack(cols)
    row = ",".join(["%.17g"] * block.shape[1]) + "\n"
    with open(path, "w") as f:
        f.write(",".join(heads) + "\n")
        step = 100_000
        for a in range(0, block.shape[0], step):
            part = block[a:a + step]
            f.write((row * part.shape[0]) % tuple(part.ravel().tolist()))


def run_one(tool, grid, out_path, chunk, threads):
    t0 = time.perf_counter()
    import numpy as np
    import model_v2
    timings = {}
    if tool == "numba":
        import model_v2_numba
        c0 = time.perf_counter()
        model_v2_numba.evaluate({"layoffs": np.array([0.0, 1.0])}, by_year=False, series=False)
        timings["warmup"] = time.perf_counter() - c0
    timings["imports"] = time.perf_counter() - t0 - timings.get("warmup", 0.0)
    r0 = time.perf_counter()
    names, data = read_grid(grid)
    timings["read"] = time.perf_counter() - r0
    c0 = time.perf_counter()
    results = []
    for a in range(0, data.shape[0], chunk):
        params = {n: data[a:a + chunk, j] for j, n in enumerate(names)}
        if tool == "numpy":
            o = model_v2.evaluate(params, series=False, compliance=False)
        else:
            o = model_v2_numba.evaluate(params, by_year=False, series=False, threads=threads, compliance=False)
        results.append({n: o[n] for n in OUTPUTS})
    out = {n: np.concatenate([r[n] for r in results]) for n in OUTPUTS}
    timings["compute"] = time.perf_counter() - c0
    w0 = time.perf_counter()
    write_csv(out_path, names, data, out, model_v2.OUTPUT_UNITS)
    timings["write"] = time.perf_counter() - w0
    timings["rows"] = int(data.shape[0])
    print(json.dumps(timings), file=sys.stderr)


# ---------------------------------------------------------------- the driver
def timed(cmd, env=None):
    """Run cmd; (wall seconds, peak RSS in MB, return code, stdout, stderr)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # read both pipes before wait4 so a chatty child cannot block on a full pipe
    bufs = {}

    def drain(name, stream):
        bufs[name] = stream.read()
    ts = [threading.Thread(target=drain, args=("out", p.stdout)),
          threading.Thread(target=drain, args=("err", p.stderr))]
    for t in ts:
        t.start()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    for t in ts:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, p.returncode, bufs["out"].decode(), bufs["err"].decode()


def inner_timings(stderr):
    for line in reversed(stderr.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return {}


def read_outputs(path):
    """{column name without unit: list of floats} from one output CSV (float() reads inf)."""
    with open(path) as f:
        header = [h.split("[", 1)[0] for h in f.readline().strip().split(",")]
        cols = {h: [] for h in header}
        for line in f:
            for h, v in zip(header, line.rstrip("\n").split(",")):
                cols[h].append(v)
    return cols


def number(text):
    """A CSV cell as a float: repr's `inf`, and the spellings another tool may use for infinity."""
    t = text.strip().strip('"')
    try:
        return float(t)
    except ValueError:
        if t in ("∞", "+∞", "inf wk"):
            return math.inf
        if t == "-∞":
            return -math.inf
        raise


def agree(a_path, b_path, every, rel=1e-9, abs_=1e-6):
    """(rows checked, mismatches, worst relative error, first mismatch) on every K-th row."""
    a, b = read_outputs(a_path), read_outputs(b_path)
    n = len(a[OUTPUTS[0]])
    if len(b.get(OUTPUTS[0], [])) != n:
        return 0, 1, math.inf, f"row counts differ ({n} vs {len(b.get(OUTPUTS[0], []))})"
    checked = bad = 0
    worst, first = 0.0, ""
    for i in range(0, n, every):
        checked += 1
        for col in ["layoffs", "indirect_hours"] + OUTPUTS:
            x, y = number(a[col][i]), number(b[col][i])
            if math.isinf(x) or math.isinf(y):
                ok, err = x == y, (0.0 if x == y else math.inf)
            else:
                d = abs(x - y)
                err = d / abs(x) if x != 0 else (0.0 if d == 0 else math.inf)
                ok = d <= abs_ or d <= rel * abs(x)
                err = err if d > abs_ else min(err, d)
            worst = max(worst, err)
            if not ok:
                bad += 1
                if not first:
                    first = f"row {i + 1} {col}: {a[col][i]} vs {b[col][i]}"
    return checked, bad, worst, first


def main(argv):
    if argv and argv[0] == "run":
        tool, grid, out_path = argv[1:4]
        chunk = int(argv[argv.index("--chunk") + 1]) if "--chunk" in argv else (20_000 if tool == "numpy" else 10 ** 9)
        threads = int(argv[argv.index("--threads") + 1]) if "--threads" in argv else None
        run_one(tool, grid, out_path, chunk, threads)
        return 0

    def opt(name, default):
        return argv[argv.index(name) + 1] if name in argv else default
    rows = int(opt("--rows", 1_000_000))
    n_layoffs = int(opt("--layoffs", 1000))
    out_dir = opt("--out", os.path.join(HERE, "out"))
    bargain = opt("--bargain", None)
    threads = opt("--threads", None)
    chunk = opt("--chunk", None)
    every = int(opt("--every", 997))
    os.makedirs(out_dir, exist_ok=True)
    grid = os.path.join(out_dir, f"grid-v2-{rows}.csv")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "make_grid.py"), str(rows), grid,
                    "--layoffs", str(n_layoffs)], check=True)
    print(f"grid: {rows:,} rows (layoffs 0..{n_layoffs - 1} staff x indirect_hours 2..10 h/wk/FTE), "
          f"written in {time.perf_counter() - t0:.2f} s -> {grid}")
    print(f"outputs: {','.join(OUTPUTS)}; {os.cpu_count()} cores; load average before "
          f"{os.getloadavg()[0]:.2f} (other work on the machine slows every tool)")
    me = [sys.executable, os.path.abspath(__file__), "run"]
    extra = (["--chunk", chunk] if chunk else []) + (["--threads", threads] if threads else [])
    table, files = [], {}

    # numpy
    path = os.path.join(out_dir, "v2-numpy.csv")
    wall, rss, rc, _, err = timed(me + ["numpy", grid, path] + extra)
    table.append(("numpy", wall, rss, rc, inner_timings(err), err))
    files["numpy"] = path if rc == 0 else None

    # numba: compile into an empty cache, then time a run that loads it
    cache = tempfile.mkdtemp(prefix="numba-cache-")
    env = dict(os.environ, NUMBA_CACHE_DIR=cache)
    cwall, crss, crc, _, cerr = timed([sys.executable, "-c",
                                       "import sys, time; sys.path.insert(0, %r); t = time.perf_counter(); "
                                       "import numpy as np, model_v2_numba as m; "
                                       "m.evaluate({'layoffs': np.array([0.0, 1.0])}, by_year=False, series=False); "
                                       "print(time.perf_counter() - t, file=sys.stderr)" % HERE], env=env)
    compile_s = float(cerr.strip().splitlines()[-1]) if crc == 0 else math.nan
    path = os.path.join(out_dir, "v2-numba.csv")
    wall, rss, rc, _, err = timed(me + ["numba", grid, path] + extra, env=env)
    table.append(("numba", wall, rss, rc, inner_timings(err), err))
    files["numba"] = path if rc == 0 else None
    shutil.rmtree(cache, ignore_errors=True)

    # bargain
    if bargain:
        path = os.path.join(out_dir, "v2-bargain.csv")
        cmd = [bargain, "batch", "--grid", grid, "--outputs", ",".join(OUTPUTS), "--output", path]
        if threads:
            cmd += ["--threads", threads]
        if not os.path.exists(bargain):
            table.append(("bargain", math.nan, math.nan, 127, {}, f"no such file: {bargain}"))
            files["bargain"] = None
        else:
            wall, rss, rc, _, err = timed(cmd)
            table.append(("bargain", wall, rss, rc, {}, err))
            files["bargain"] = path if rc == 0 else None

    print()
    print(f"{'tool':<8} {'seconds':>8} {'rows/s':>11} {'peak RSS':>9}   inside the process (s)")
    print("-" * 78)
    for tool, wall, rss, rc, inner, err in table:
        if rc != 0:
            lines = err.strip().splitlines() or ["?"]
            first = next((l for l in lines if "error" in l.lower()), lines[0])[:110]
            print(f"{tool:<8} {'failed':>8} {'':>11} {'':>9}   exit {rc}: {first}")
            continue
        split = ""
        if inner:
            split = (f"imports {inner.get('imports', 0):.2f}, read {inner['read']:.2f}, "
                     f"compute {inner['compute']:.2f}, write {inner['write']:.2f}")
            if "warmup" in inner:
                split += f", cache load {inner['warmup']:.2f}"
        print(f"{tool:<8} {wall:>8.2f} {rows / wall:>11,.0f} {rss:>6.0f} MB   {split}")
    if crc == 0:
        print(f"numba compile (first run, empty cache): {compile_s:.2f} s (not in numba's seconds above)")
    else:
        print(f"numba compile failed: {cerr.strip().splitlines()[-1:]}")

    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print()
    status = 0
    ref = files.get("numpy")
    for other in ("numba", "bargain"):
        if other not in files:
            continue
        if not ref or not files[other]:
            print(f"agreement numpy vs {other}: not checked (a run failed)")
            status = 1
            continue
        checked, bad, worst, first = agree(ref, files[other], every)
        print(f"agreement numpy vs {other}: {checked:,} rows (every {every}th), {len(OUTPUTS)} outputs + inputs, "
              f"max rel err {worst:.2e}, {'all agree' if not bad else f'{bad} MISMATCH(ES), first {first}'}")
        status |= bool(bad)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
