"""A learner who blames the neighbour for every slow minute (ignoring its CPU
use) and who counts instances that merely touch in time as co-resident."""

from submissions import swap
from submissions.ps06._common import (
    CROSS_RIGHT,
    EXPOSURE_RIGHT,
    ISOLATION_RIGHT,
    PERIODS_RIGHT,
)

CELLS = {
    "cross_answer": CROSS_RIGHT,
    "periods_answer": swap(PERIODS_RIGHT,
                           ('\n             and float(r["neighbour_cpu_pct"]) >= '
                            'cpu_threshold for r in rows]', ' for r in rows]')),
    "isolation_answer": ISOLATION_RIGHT,
    "exposure_answer": swap(EXPOSURE_RIGHT, (') < min(', ') <= min(')),
}

EXPECTED = {
    "cross_found": 1, "cross_no_false_alarms": 1, "periods_shipped": 0,
    "periods_hidden": 0, "isolation_choice": 2, "exposure_shipped": 0,
    "exposure_hidden": 0,
}
