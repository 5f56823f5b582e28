"""Times `bargain` from start to its first prompt on a pseudo-terminal, as a person sees it.

    python3 bench/start-to-prompt.py [PATH_TO_BARGAIN] [RUNS]
"""
import os
import pty
import select
import statistics
import sys
import tempfile
import time


def once(binary):
    state = tempfile.mkdtemp()
    env = dict(os.environ, TERM="xterm", XDG_STATE_HOME=state, INPUTRC="/dev/null", NO_COLOR="1")
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    seen = b""
    while b"[1]> " not in seen:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            raise SystemExit("no prompt within 10 s")
        seen += os.read(fd, 4096)
    elapsed = time.perf_counter() - start
    os.write(fd, b"\x04")  # Ctrl-D
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main(argv):
    binary = argv[0] if argv else ".build/release/bargain"
    runs = int(argv[1]) if len(argv) > 1 else 21
    times = sorted(once(binary) for _ in range(runs))
    print(f"start to first prompt: median {statistics.median(times) * 1000:.1f} ms, "
          f"fastest {times[0] * 1000:.1f} ms, slowest {times[-1] * 1000:.1f} ms over {runs} runs")


if __name__ == "__main__":
    main(sys.argv[1:])
