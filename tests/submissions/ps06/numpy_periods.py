"""A right answer in a form the old grader refused: degraded_periods written
with numpy returns numpy integers. The grader reads them as the ints they
hold, so it earns full marks."""

from submissions import solution_of

CELLS = {
    **solution_of("ps06-multi-tenancy"),
    "periods_answer": '''
import numpy as np


def degraded_periods(rows, baseline_minutes=60, factor=2.0, cpu_threshold=80.0,
                     min_length=3):
    """Periods when a noisy neighbour degraded the victim."""
    minutes = np.array([int(r["minute"]) for r in rows])
    p99 = np.array([float(r["victim_p99_ms"]) for r in rows])
    cpu = np.array([float(r["neighbour_cpu_pct"]) for r in rows])
    bad = (p99 > factor * np.median(p99[:baseline_minutes])) & (cpu >= cpu_threshold)
    periods, start = [], None
    for i, flag in enumerate([*bad, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start >= min_length:
                periods.append([minutes[start], minutes[i - 1]])
            start = None
    return periods
''',
}

EXPECTED = {
    "cross_found": 1, "cross_no_false_alarms": 1, "periods_shipped": 1,
    "periods_hidden": 2, "isolation_choice": 2, "exposure_shipped": 1,
    "exposure_hidden": 1,
}
