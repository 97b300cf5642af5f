"""cloudsec: domain data, simulations, plots and widgets for the course.

Each topic (one lesson) follows one convention:

* ``<topic>.py``: its data and pure functions, no matplotlib
  (e.g. :mod:`cloudsec.hypervisors`);
* ``<topic>_plots.py``: its figures, built on the shared kit
  (:mod:`cloudsec.kit.render`, colours from :mod:`cloudsec.kit.palette`);
* ``<topic>_widgets.py``: its widgets, subclasses of
  :class:`cloudsec.kit.widget.CourseWidget`.

The shared kit, :mod:`cloudsec.kit`, holds what every topic uses: rendering
(``figure_png``, ``FastPNG``, ``RegionPNG``, the frame cache, ``show`` for a
lesson's static figures), the palette, and the widget base with its
keyboard-safe, named controls, text alternatives and live readouts.

Importing this package has no side effects: no styles are applied, no figures
are created and no files are read until a function asks for them.

**One topic, three modules.** Each lesson's topic follows one convention
(``docs/adding-a-lesson.md`` walks through adding one):

* ``cloudsec.<topic>``: domain data with its sources, and pure functions.
  No matplotlib, no widgets, nothing done on import. A topic too big for one
  file is a package of that name whose ``__init__`` re-exports its public
  names (:mod:`cloudsec.containers`, :mod:`cloudsec.multitenancy`).
* ``cloudsec.<topic>_plots``: functions that take data and return a
  ``matplotlib.figure.Figure``, on the shared kit (:mod:`cloudsec.kit`: its
  rendering, palette and ``show`` for a lesson's static figures).
* ``cloudsec.<topic>_widgets``: thin widgets on the kit's widget base,
  ``CourseWidget``: a subclass gives its controls, figure and readout
  (``describe``); the base wires, redraws and carries the CSS classes the
  browser tests find.

**The rest of the package.** :mod:`cloudsec.course` reads the course
catalogue (``data/course.yaml``: modules, lessons, assignments and their
points, exam topics), the one place the course map is kept.
:mod:`cloudsec.exam` is exam practice. :mod:`cloudsec.checks` (visible
self-checks) and :mod:`cloudsec.grading` (the answer protocol of hidden
tests) run in the learner's kernel; :mod:`cloudsec.grader` runs in the
instructor's process and grades outside that kernel. :mod:`cloudsec.selfpaced`
is ``./course start|check|feedback|progress``.

The package holds no graded answers: they live only in the hidden tests of
the instructor's notebooks in ``source/``.
"""

__version__ = "0.1.0"
