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
"""

__version__ = "0.1.0"
