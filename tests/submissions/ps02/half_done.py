"""A learner who did the audit and stopped; they also treat NET_BIND_SERVICE
as dangerous, so one restricted pod gets a finding it should not have."""

from submissions import swap
from submissions.ps02._common import AUDIT

CELLS = {
    "findings_answer": swap(AUDIT, ('"DAC_READ_SEARCH"}',
                                      '"DAC_READ_SEARCH", "NET_BIND_SERVICE"}')),
}

EXPECTED = {
    "findings_compose": 2, "findings_kubernetes": 1.5, "pss_levels": 0,
    "isolation": 0, "escape_risk_order": 0,
}
