"""Rendering for every course figure: PNG bytes, fast redraws, and display.

Figures are built with :class:`matplotlib.figure.Figure` directly, not with
pyplot, so that making one changes no global state. This module turns them
into what a learner sees:

* :func:`figure_png` renders a figure in full (static figures, tests);
* :class:`FastPNG` and :class:`RegionPNG` redraw a widget's figure again and
  again, drawing only what changed;
* :class:`FrameCache` keeps the PNG of each state a pure figure has drawn;
* :func:`image_html` and :func:`show` display a PNG as an ``<img>`` with a
  text alternative, at a fixed CSS width.

Sharp figures: every figure is shown :data:`DISPLAY_WIDTH_PX` CSS pixels wide
(or narrower, never wider, in a narrow window) and rendered with at least as
many pixels, so the browser never stretches it. The dpi that gives that
width depends on the figure's width in inches (:func:`display_dpi`); a text
of ``s`` points in a figure ``w`` inches wide is seen at
``s * DISPLAY_WIDTH_PX / (96 * w)`` points, which
``tests/test_figure_quality.py`` keeps at :data:`MIN_TEXT_PT` or more.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import Bbox
from PIL import Image

__all__ = [
    "DISPLAY_WIDTH_PX",
    "MIN_TEXT_PT",
    "STATIC_PIXEL_RATIO",
    "WIDGET_PIXEL_RATIO",
    "Extent",
    "FastPNG",
    "FrameCache",
    "RegionPNG",
    "StaticFigure",
    "despine",
    "display_dpi",
    "figure_png",
    "image_html",
    "show",
    "style_handles",
    "text_scale",
]

#: CSS width every figure is shown at: the width of a notebook's output
#: area in JupyterLab in a 1400 px window with the file browser open (968
#: px, measured in the browser tests). Narrower windows scale it down,
#: never up. With it, a figure ``w`` inches wide shows text of ``s`` points
#: at ``10 * s / w`` points: its fonts must be at least ``w`` points.
DISPLAY_WIDTH_PX = 960
#: CSS pixels per inch (one point is 96/72 CSS pixels)
CSS_PX_PER_INCH = 96
#: the smallest text a figure may show, in points as seen at notebook width
MIN_TEXT_PT = 10.0
#: image pixels per CSS pixel: widgets redraw many times a second, static
#: figures are drawn once and can afford more (sharp on HiDPI screens too)
WIDGET_PIXEL_RATIO = 1.0
STATIC_PIXEL_RATIO = 2.0


def display_dpi(fig: Figure, pixel_ratio: float = WIDGET_PIXEL_RATIO) -> float:
    """The dpi that renders ``fig`` at ``pixel_ratio`` image pixels per CSS
    pixel when shown :data:`DISPLAY_WIDTH_PX` wide (a whole number, at least
    that many)."""
    return float(math.ceil(DISPLAY_WIDTH_PX * pixel_ratio / fig.get_figwidth()))


def text_scale(fig: Figure) -> float:
    """Points seen per point of font size when ``fig`` is shown at
    :data:`DISPLAY_WIDTH_PX`."""
    return DISPLAY_WIDTH_PX / (CSS_PX_PER_INCH * fig.get_figwidth())


def despine(ax: Axes, *sides: str) -> None:
    """Hide the axes' frame on ``sides`` (by default the top and right)."""
    for side in sides or ("top", "right"):
        ax.spines[side].set_visible(False)


def style_handles(styles: dict[str, dict]) -> list[Patch]:
    """Legend patches for a style table whose entries give ``color``,
    ``hatch`` and ``label`` (colour, pattern and words for each category)."""
    return [Patch(facecolor=s["color"], hatch=s["hatch"], edgecolor="black",
                  label=s["label"]) for s in styles.values()]


def figure_png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render a figure to PNG bytes, by default sharp for :func:`show`."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png",
                dpi=dpi if dpi is not None else display_dpi(fig, STATIC_PIXEL_RATIO))
    return buf.getvalue()


def image_html(png: bytes, alt: str, css: str = "cloudsec-figure-image") -> str:
    """An ``<img>`` of ``png`` (a data URL) with ``alt`` as its text
    alternative, shown :data:`DISPLAY_WIDTH_PX` wide at most.

    Examples
    --------
    >>> from cloudsec.kit.render import image_html
    >>> image_html(b"PNG", 'A "stack"')[:60]
    '<img class="cloudsec-figure-image" alt="A &quot;stack&quot;"'
    """
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="{css}" alt="{html.escape(alt, quote=True)}" '
            f'width="{DISPLAY_WIDTH_PX}" style="max-width: 100%; height: auto" '
            f'src="data:image/png;base64,{data}">')


class StaticFigure:
    """A rendered figure with its text alternative, as a notebook shows it
    (HTML with the ``<img>``; plain text is the alternative itself)."""

    def __init__(self, png: bytes, alt: str):
        self.png = png
        self.alt = alt

    def _repr_html_(self) -> str:
        return image_html(self.png, self.alt)

    def __repr__(self) -> str:
        return f"Figure: {self.alt}"


def show(fig: Figure, alt: str) -> StaticFigure:
    """Show a static figure in a lesson, sharp, with a text alternative.

    Parameters
    ----------
    fig : Figure
    alt : str
        What the figure shows, in words (a screen reader reads it instead
        of the image); required and not empty.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from cloudsec.kit.render import show
    >>> fig = Figure(figsize=(4, 2))
    >>> show(fig, alt="An empty figure.")
    Figure: An empty figure.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("show() needs alt=: a sentence saying what the figure "
                         "shows, for readers who cannot see it")
    return StaticFigure(figure_png(fig), alt.strip())


class FrameCache:
    """The PNG of each state a figure has drawn, most recent ``size`` kept.

    For figures that are a pure function of their state: moving back to a
    state costs a dictionary look-up instead of a redraw.

    Examples
    --------
    >>> from cloudsec.kit.render import FrameCache
    >>> cache = FrameCache(size=2)
    >>> cache.get("a", lambda: b"A"), cache.get("a", lambda: b"?")
    (b'A', b'A')
    """

    def __init__(self, size: int = 64):
        self.size = size
        self._frames: OrderedDict[Hashable, bytes] = OrderedDict()

    def get(self, key: Hashable, render: Callable[[], bytes]) -> bytes:
        """The frame for ``key``, rendering it with ``render()`` if new."""
        frame = self._frames.get(key)
        if frame is not None:
            self._frames.move_to_end(key)
            return frame
        frame = render()
        if self.size > 0:
            if len(self._frames) >= self.size:
                self._frames.popitem(last=False)
            self._frames[key] = frame
        return frame

    def clear(self) -> None:
        """Forget every frame."""
        self._frames.clear()


class FastPNG:
    """Render one figure to PNG again and again, redrawing only what changes.

    Agg spends most of a full redraw on text: tick labels, legend, title. A
    widget usually changes a few artists (bar colours, labels), so this draws
    everything else once, keeps those pixels as a background, and on each
    call pastes the background back and draws only the ``dynamic`` artists on
    top ("blitting", as matplotlib's animations do). The pixels are encoded
    by Pillow at a low compression level: lossless, and several times faster
    than the default.

    Parameters
    ----------
    fig : Figure
        The figure to render. It gets an Agg canvas and its ``dpi`` is set
        to ``dpi``; :func:`figure_png` still works on it.
    dynamic : iterable of Artist
        The artists that may change between calls. Everything else must stay
        the same, or :meth:`invalidate` must be called after changing it.
    dpi : float, optional
        Resolution of the PNG; by default :func:`display_dpi` of the figure.
    compress_level : int
        zlib level for the PNG, 0-9 (1 is fast and still small).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from cloudsec.kit.render import FastPNG
    >>> fig = Figure()
    >>> line, = fig.add_subplot().plot([0, 1], [0, 1])
    >>> render = FastPNG(fig, dynamic=[line])
    >>> line.set_ydata([1, 0])
    >>> render.png()[:4]
    b'\\x89PNG'
    """

    def __init__(self, fig: Figure, dynamic: Iterable[Artist] = (),
                 dpi: float | None = None,
                 compress_level: int = 1):
        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
        dpi = display_dpi(fig) if dpi is None else dpi
        fig.set_dpi(dpi)
        self.dpi = dpi
        # drawn in z-order, as a full draw would, so overlaps look the same
        self.dynamic = sorted(dynamic, key=lambda artist: artist.get_zorder())
        self.compress_level = compress_level
        self._background = None
        self._renderer = None

    def invalidate(self) -> None:
        """Forget the background; call after changing a static artist."""
        self._background = None

    def full_png(self) -> bytes:
        """The figure rendered in full at this renderer's dpi (what
        :meth:`png` must match, pixel for pixel)."""
        return figure_png(self.fig, dpi=self.dpi)

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes."""
        if self.fig.dpi != self.dpi:
            self.fig.set_dpi(self.dpi)
        renderer = self.canvas.get_renderer()
        if self._background is None or renderer is not self._renderer:
            self._draw_background()
            renderer = self._renderer
        else:
            self.canvas.restore_region(self._background)
        for artist in self.dynamic:
            if artist.get_visible():
                artist.draw(renderer)
        return self._encode()

    def _encode(self) -> bytes:
        # the canvas as it is now, encoded by Pillow (lossless, fast level)
        width, height = self.canvas.get_width_height(physical=True)
        image = Image.frombuffer("RGBA", (width, height),
                                 self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        image.save(buf, format="png", compress_level=self.compress_level)
        return buf.getvalue()

    def _draw_background(self) -> None:
        # Animated artists are left out of a full draw but still laid out
        # (the title keeps its place). They are marked only for this draw, so
        # that a plain savefig of the same figure still shows everything.
        marked = [artist for artist in self.dynamic if not artist.get_animated()]
        for artist in marked:
            artist.set_animated(True)
        try:
            self.canvas.draw()
        finally:
            for artist in marked:
                artist.set_animated(False)
        self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        self._renderer = self.canvas.get_renderer()



Extent = tuple[float, float, float, float]


class RegionPNG(FastPNG):
    """:class:`FastPNG` that redraws only the regions whose content changed.

    The dynamic artists are grouped in rectangular regions that do not
    overlap (the rows of a figure, its subtitle...). Each call passes one
    signature per region, a value that changes whenever the region's
    artists do; a region whose signature is unchanged keeps its pixels from
    the previous frame, and a changed one is restored from the static
    background and redrawn. Text is the slow part of a redraw, and a widget
    control usually changes only some regions.

    Parameters
    ----------
    fig : Figure
    regions : sequence of (artists, extent)
        ``extent()`` returns the region's ``(x0, y0, x1, y1)`` in display
        pixels (origin at the bottom left), or a matplotlib ``Bbox``; every
        artist of the region must stay inside it.
    dpi : float
    """

    def __init__(self, fig: Figure,
                 regions: Sequence[tuple[Sequence[Artist],
                                         Callable[[], Extent | Bbox]]],
                 dpi: float | None = None):
        super().__init__(fig, [a for artists, _ in regions for a in artists],
                         dpi=dpi)
        self.regions = [(sorted(artists, key=lambda a: a.get_zorder()),
                         extent)
                        for artists, extent in regions]
        self._drawn: list[Hashable] | None = None

    def invalidate(self) -> None:
        super().invalidate()
        self._drawn = None

    def png(self, signatures: Sequence[Hashable] | None = None) -> bytes:
        """The figure as PNG bytes; ``signatures`` has one entry per region
        (None redraws every region)."""
        stale = (signatures is None or self._drawn is None
                 or self._background is None or self.fig.dpi != self.dpi
                 or self.canvas.get_renderer() is not self._renderer)
        if stale:
            self._drawn = None if signatures is None else list(signatures)
            return super().png()
        renderer = self._renderer
        width, height = self.canvas.get_width_height(physical=True)
        for (artists, extent), old, new in zip(self.regions, self._drawn,
                                               signatures, strict=True):
            if old == new:
                continue
            box = extent()
            x0, y0, x1, y1 = ((box.x0, box.y0, box.x1, box.y1)
                              if hasattr(box, "x0") else box)
            # the saved region counts rows from the top of the image
            self.canvas.restore_region(
                self._background,
                bbox=(max(int(x0), 0), max(int(height - y1), 0),
                      min(int(x1) + 1, width),
                      min(int(height - y0) + 1, height)),
                xy=(0, 0))
            for artist in artists:
                if artist.get_visible():
                    artist.draw(renderer)
        self._drawn = list(signatures)
        return self._encode()
