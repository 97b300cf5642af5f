"""nbgrader exchange classes for a class on a shared machine.

nbgrader's file exchange trusts things a student controls:

* the submission time comes from ``timestamp.txt`` and the folder name, both
  written by the student's own process, so lateness can be faked;
* ``collect`` takes the student id from the folder name and only *warns* when
  the folder is owned by someone else, so one student can plant a "newer"
  submission in another student's name;
* submissions are world-readable (0777 folder, 0644 files) and only hidden by
  a random name.

:class:`TrustedSubmit` makes a submission readable by its owner and the
course's instructor group only (the inbound folder is set-group-id to that
group by ``classroom/setup-shared-machine.sh``). :class:`TrustedCollect` takes
the student from the folder's owner, ignores folders planted in someone
else's name, orders submissions by when they reached the exchange (the
latest inode change time in the folder, which no user can set to the past)
and writes that time as the collected ``timestamp.txt``; the student's own
claim is kept beside it as ``.claimed-timestamp.txt``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
from collections import defaultdict
from datetime import UTC, datetime

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import ignore_patterns

__all__ = ["TrustedCollect", "TrustedSubmit", "arrival_time"]

TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"


def arrival_time(path: str) -> datetime:
    """When a submission folder last changed, from inode change times (ctime).

    Users can set a file's modification time, not its change time, so this
    is the earliest moment the submission could have been complete.
    """
    latest = os.lstat(path).st_ctime
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            latest = max(latest, os.lstat(os.path.join(root, name)).st_ctime)
    return datetime.fromtimestamp(latest, tz=UTC).replace(tzinfo=None)


class TrustedSubmit(ExchangeSubmit):
    """Submit so that only the student and the instructors can read it."""

    def do_copy(self, src, dest, log=None):
        inbound = getattr(self, "inbound_path", None)
        if not inbound or os.path.dirname(os.path.abspath(dest)) != os.path.abspath(
                inbound):
            return super().do_copy(src, dest, log)
        # copytree would copy the source folder's mode onto the new folder and
        # clear its set-group-id bit, so files written later (timestamp.txt)
        # would not inherit the instructors' group: copy without stat instead
        if self.get_size(src) > 1000 * self.coursedir.max_dir_size:
            raise RuntimeError("Directory size is too big")
        ignore = ignore_patterns(exclude=self.coursedir.ignore,
                                 include=self.coursedir.include,
                                 max_file_size=self.coursedir.max_file_size,
                                 log=self.log)
        os.mkdir(dest)
        for root, dirs, files in os.walk(src):
            skip = set(ignore(root, dirs + files))
            dirs[:] = [d for d in dirs if d not in skip]
            target = os.path.join(dest, os.path.relpath(root, src))
            for name in dirs:
                os.mkdir(os.path.join(target, name))
            for name in files:
                path = os.path.join(root, name)
                if name not in skip and not os.path.islink(path):
                    shutil.copyfile(path, os.path.join(target, name))
        return None

    def copy_files(self):
        super().copy_files()
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        for root, _dirs, files in os.walk(dest):
            os.chmod(root, 0o2750)
            for name in files:
                os.chmod(os.path.join(root, name), 0o640)
        os.chmod(dest, 0o2770)  # instructors may clean up the inbound folder


class TrustedCollect(ExchangeCollect):
    """Collect by owner and by arrival time, never by what the student wrote."""

    def init_src(self):
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        student = self.coursedir.student_id or "*"
        pattern = os.path.join(self.inbound_path,
                               f"{student}+{self.coursedir.assignment_id}+*")
        groups: dict[str, list[dict]] = defaultdict(list)
        for path in glob.glob(pattern):
            name = os.path.basename(path)
            claimed = name.rsplit("+", 3)[0]
            try:
                owner = pwd.getpwuid(os.lstat(path).st_uid).pw_name
            except KeyError:
                owner = None
            if owner != claimed or os.path.islink(path):
                self.log.warning("Ignoring %s: it claims to be %s's but belongs to "
                                 "%s", name, claimed, owner)
                continue
            groups[owner].append({"username": owner, "filename": name,
                                  "timestamp": arrival_time(path)})
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                self.duedate = gb.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        self.src_records = []
        for records in groups.values():
            records.sort(key=lambda r: r["timestamp"], reverse=True)
            chosen = records[0]
            if self.duedate is not None and self.before_duedate:
                on_time = [r for r in records if r["timestamp"] <= self.duedate]
                chosen = on_time[0] if on_time else records[0]
            self.src_records.append(chosen)

    def do_copy(self, src, dest):
        arrived = arrival_time(src)
        super().do_copy(src, dest)
        stamp = os.path.join(dest, "timestamp.txt")
        if os.path.exists(stamp):
            shutil.move(stamp, os.path.join(dest, ".claimed-timestamp.txt"))
        with open(stamp, "w") as handle:
            handle.write(arrived.strftime(TIME_FORMAT))
