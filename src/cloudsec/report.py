"""Old home of the class report: kept so deployed commands keep working.

The report lives in :mod:`cloudsec.grader.report` (instructor-side code sits
under ``cloudsec.grader``). Scripts and notes that run
``python -m cloudsec.report`` or import from here get the same functions.
"""

import sys

from cloudsec.grader.report import (  # noqa: F401 - re-exported
    analyse,
    canvas_csv,
    discrimination,
    main,
    render_html,
)

__all__ = ["analyse", "canvas_csv", "discrimination", "main", "render_html"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
