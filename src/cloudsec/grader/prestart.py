"""One pre-started sandboxed kernel per grading worker.

A sandboxed kernel takes about half a second to start and answer (Python,
ipykernel and the sandbox's mounts), time in which the grading worker only
waits. ``cloudsec-autograde`` tells each worker's pool which notebook runs
come next (the current student's notebooks, then the next student the
worker has claimed); when a run takes its kernel, :class:`SandboxedExecute`
starts the kernel of the next run, which then boots while the current
notebook runs.

What keeps the grader's promises:

* a pre-started kernel is started for one student (its trusted environment,
  ``CLOUDSEC_STUDENT`` included, is that student's) and handed to at most one
  run: :meth:`KernelPool.take` compares everything the kernel was started
  with (student, environment, kernel, limits, arguments) with what the run
  would start, and anything else, or a kernel that died while waiting, is
  killed and a fresh one started instead;
* it is a fresh sandbox of its own (uid, scratch folder, ``/tmp``,
  namespaces); its scratch folder stays empty until the run takes it and
  nothing of the student's runs in it before that;
* a kernel that is not used is shut down and released (its uid's processes
  killed, its folders removed), and so is the pool when the worker ends.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Iterable

from jupyter_core.utils import run_sync

from cloudsec.grader.sandbox import SandboxedKernelManager

__all__ = ["POOL", "KernelPool"]


class KernelPool:
    """At most one pre-started kernel, for the worker's next notebook run."""

    def __init__(self) -> None:
        self._plan: deque[str] = deque()
        self._ready: tuple[tuple, SandboxedKernelManager] | None = None
        self.started = 0
        self.used = 0
        self.discarded = 0

    def expect(self, students: Iterable[str]) -> None:
        """The students of the worker's coming runs, the current one first
        (one entry per notebook)."""
        self._plan = deque(students)

    def next_student(self) -> str | None:
        """Whose run comes after the one that just took its kernel."""
        return self._plan[0] if self._plan else None

    def take(self, student: str, signature: tuple) -> SandboxedKernelManager | None:
        """The pre-started kernel if it was started for exactly this run."""
        if self._plan and self._plan[0] == student:
            self._plan.popleft()
        ready, self._ready = self._ready, None
        if ready is None:
            return None
        started_for, km = ready
        alive = False
        with contextlib.suppress(Exception):
            alive = km.has_kernel and run_sync(km.is_alive)()
        if started_for == signature and alive:
            self.used += 1
            return km
        self._discard(km)
        return None

    def put(self, signature: tuple, km: SandboxedKernelManager) -> None:
        """Keep ``km`` (already started) for the run ``signature`` describes."""
        if self._ready is not None:
            self._discard(self._ready[1])
        self._ready = (signature, km)
        self.started += 1

    def ready_manager(self) -> SandboxedKernelManager | None:
        """The kernel waiting for its run, if any (tests look at it)."""
        return self._ready[1] if self._ready else None

    def close(self) -> None:
        """Kill and release the waiting kernel; forget the plan."""
        self._plan.clear()
        ready, self._ready = self._ready, None
        if ready is not None:
            self._discard(ready[1])

    def _discard(self, km: SandboxedKernelManager) -> None:
        self.discarded += 1
        client = getattr(km, "prestarted_client", None)
        if client is not None:
            with contextlib.suppress(Exception):
                client.stop_channels()
        with contextlib.suppress(Exception):
            run_sync(km.shutdown_kernel)(now=True)
        km.release()


POOL = KernelPool()  # one per process: each grading worker has its own
