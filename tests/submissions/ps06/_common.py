"""Answer cells shared by ps06 samples.

Every answer is a rule applied to the learner's own artefacts (ps06 has
per-student variants), so a sample scores the same on every variant. The
right answers to Parts A and C are the reference solution's; those of Parts
B and D are other correct implementations.
"""

from submissions import solution_of

_SOLUTION = solution_of("ps06-multi-tenancy")

CROSS_RIGHT = _SOLUTION["cross_answer"]

PERIODS_RIGHT = '''
from statistics import median


def degraded_periods(rows, baseline_minutes=60, factor=2.0, cpu_threshold=80.0,
                     min_length=3):
    base = median([float(r["victim_p99_ms"]) for r in rows[:baseline_minutes]])
    flags = [float(r["victim_p99_ms"]) > factor * base
             and float(r["neighbour_cpu_pct"]) >= cpu_threshold for r in rows]
    out, start = [], None
    for i, flag in enumerate(flags + [False]):
        if flag and start is None:
            start = i
        if not flag and start is not None:
            if i - start >= min_length:
                out.append([int(rows[start]["minute"]), int(rows[i - 1]["minute"])])
            start = None
    return out
'''

ISOLATION_RIGHT = _SOLUTION["isolation_answer"]

EXPOSURE_RIGHT = '''
def coresidency_exposure(records, victim):
    out = {}
    for a in records:
        for b in records:
            same_host = a["host"] == b["host"]
            if a["tenant"] == victim and b["tenant"] != victim and same_host:
                if max(float(a["start_hour"]), float(b["start_hour"])) < min(
                        float(a["end_hour"]), float(b["end_hour"])):
                    out.setdefault(b["tenant"], set()).add(b["host"])
    return {t: sorted(h) for t, h in out.items()}
'''
