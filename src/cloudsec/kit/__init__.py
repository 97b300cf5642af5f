"""The shared kit every topic's figures and widgets are built on.

* :mod:`cloudsec.kit.render`: PNG rendering (:func:`~render.figure_png`,
  :class:`~render.FastPNG`, :class:`~render.RegionPNG`), the per-state
  :class:`~render.FrameCache`, and :func:`~render.show` for a lesson's static
  figures (sharp, with a text alternative);
* :mod:`cloudsec.kit.palette`: the named Okabe-Ito colours and greys;
* :mod:`cloudsec.kit.widget`: :class:`~widget.CourseWidget`, the base of every
  widget, and its keyboard-safe, named controls;
* :mod:`cloudsec.kit.text`: wording helpers (:func:`~text.plural`).

Lessons import ``show`` from here: ``from cloudsec.kit import show``. Importing
the palette alone (``from cloudsec.kit import palette``) does not import
matplotlib.
"""

__all__ = ["figure_png", "show"]


def __getattr__(name: str):
    # figure_png and show load the rendering module (and matplotlib) on use
    if name in __all__:
        from cloudsec.kit import render

        return getattr(render, name)
    raise AttributeError(f"module 'cloudsec.kit' has no attribute {name!r}")
