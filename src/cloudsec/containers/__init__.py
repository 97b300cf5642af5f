"""Containers and virtual machines: isolation, escapes and the ladder between.

Domain data and pure functions for lesson 02, one module per seam. Everything
public is re-exported here, so ``from cloudsec import containers as ct`` is
all a lesson or a figure needs:

* **The comparison** of containers and virtual machines on seven aspects
  (isolation boundary, kernel, attack surface, start-up time, density,
  patching responsibility, typical use): :func:`comparison`, in
  :mod:`cloudsec.containers.compare`.
* **Your own process.** :func:`inspect_process` reads what the kernel says
  about a process (namespaces, capabilities, seccomp, no_new_privs, cgroup,
  user ids, LSM label) from ``/proc`` and explains each item, in
  :mod:`cloudsec.containers.proc`. It never raises because ``/proc`` is
  missing or odd: on macOS, or in a sandbox that hides it, it says what it
  could not read.
* **Container escapes.** Five real escapes from 2019 to 2024, each with the
  component it abused, how, and the control that would have stopped or
  limited it: :func:`escapes`, :func:`escape`, in
  :mod:`cloudsec.containers.escape_catalogue`.
* **The isolation ladder** from a plain process to a dedicated host, with
  what each rung costs, and :func:`rank_isolation`, a documented scoring
  that ranks the rungs for a workload profile (a teaching aid for the
  lesson's widget, not a policy), in :mod:`cloudsec.containers.isolation`.
* **Container settings** such as ``--privileged`` or a mounted Docker
  socket, and :func:`removed_boundaries`, which says which isolation
  mechanism (namespaces, capabilities, seccomp, LSM, devices, user,
  filesystem) each one weakens or removes, in
  :mod:`cloudsec.containers.settings`.

Sources: NIST SP 800-190 (containers are OS virtualization plus packaging;
the shared kernel makes their isolation weaker than a hypervisor's,
section 3.5.2), the NVD entries and advisories of each CVE, the Docker
documentation (runtime privileges, default capabilities, default seccomp
profile), the Linux man pages (capabilities(7), namespaces(7), proc(5),
seccomp(2)), and the gVisor, Firecracker and Kata Containers documentation.

Nothing here reads Compose files or Kubernetes manifests, audits a
specification, assigns Pod Security Standards levels or orders workloads
by risk: those are skills the assignment asks for, not services of the
package. :func:`removed_boundaries` works only on its own small dictionary
of settings.
"""

from cloudsec.containers.compare import Aspect, comparison
from cloudsec.containers.escape_catalogue import Escape, escape, escapes
from cloudsec.containers.isolation import EXCESS_PENALTY as EXCESS_PENALTY
from cloudsec.containers.isolation import (
    SENSITIVITY,
    STARTUP,
    STARTUP_LIMITS,
    STRENGTHS,
    TENANCY,
    TRUST,
    Ranking,
    Rung,
    ladder,
    rank_isolation,
    required_strength,
    rung,
)
from cloudsec.containers.isolation import SHORTFALL_PENALTY as SHORTFALL_PENALTY
from cloudsec.containers.isolation import SLOW_PENALTY as SLOW_PENALTY
from cloudsec.containers.proc import (
    CAPABILITIES,
    decode_capabilities,
    format_process,
    inspect_process,
)
from cloudsec.containers.settings import (
    BOUNDARIES,
    EFFECTS,
    SETTINGS,
    Effect,
    Removal,
    Setting,
    boundary_label,
    boundary_status,
    explain_settings,
    normalize_settings,
    removed_boundaries,
    setting,
)

# EXCESS_PENALTY, SHORTFALL_PENALTY and SLOW_PENALTY, the score weights that
# rank_isolation documents, are attributes of the package but not in __all__.
__all__ = [
    "BOUNDARIES",
    "CAPABILITIES",
    "EFFECTS",
    "SENSITIVITY",
    "SETTINGS",
    "STARTUP",
    "STARTUP_LIMITS",
    "STRENGTHS",
    "TENANCY",
    "TRUST",
    "Aspect",
    "Effect",
    "Escape",
    "Ranking",
    "Removal",
    "Rung",
    "Setting",
    "boundary_label",
    "boundary_status",
    "comparison",
    "decode_capabilities",
    "escape",
    "escapes",
    "explain_settings",
    "format_process",
    "inspect_process",
    "ladder",
    "normalize_settings",
    "rank_isolation",
    "removed_boundaries",
    "required_strength",
    "rung",
    "setting",
]

