"""The bare reference's small calculator: weekly volumes that grow 8% a week, every 4th week eased back.

bench/bare/worker.mjs fetches this file, writes it into Pyodide's file system and imports it,
as the shared harness's approach F does with its own calc.py; bench_ramp_up.py checks the
browser's answer against this same function run in CPython.
"""


def plan(weekly: float, weeks: int = 12) -> list[float]:
    """The weekly volumes, starting at ``weekly``."""
    out = []
    for week in range(1, weeks + 1):
        out.append(weekly * 0.8 if week % 4 == 0 else weekly)
        weekly *= 1.08
    return out
