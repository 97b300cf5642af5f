"""Figures for the course. Every function returns a matplotlib Figure.

Figures are built with :class:`matplotlib.figure.Figure` directly, not with
pyplot, so that making one changes no global state and nothing is shown or
kept alive behind the caller's back.

Widgets redraw the same figure many times a second; :class:`FastPNG` renders
such a figure by drawing its unchanging parts once and only the changing
artists on each redraw.

Accessibility: colours come from the Okabe-Ito palette (safe for the common
colour-vision deficiencies) and are never the only carrier of meaning: each
bar also carries its owner as text, and shared cells are hatched.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable, Iterable, Sequence

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import Bbox
from PIL import Image

from cloudsec import responsibility as rm

__all__ = [
    "OWNER_STYLE",
    "FastPNG",
    "RegionPNG",
    "StackFigure",
    "figure_png",
    "responsibility_stack",
]

# Okabe-Ito blue / vermillion-free orange / sky blue, with a hatch for shared
# so that the three owners differ in pattern and text as well as colour.
OWNER_STYLE = {
    "customer": {"color": "#0072B2", "hatch": "", "text": "white",
                 "label": "Customer"},
    "shared": {"color": "#56B4E9", "hatch": "//", "text": "black",
               "label": "Shared"},
    "provider": {"color": "#E69F00", "hatch": "", "text": "black",
                 "label": "Provider"},
}


def figure_png(fig: Figure, dpi: int = 80) -> bytes:
    """Render a figure to PNG bytes (what the widgets display)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


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
    dpi : float
        Resolution of the PNG.
    compress_level : int
        zlib level for the PNG, 0-9 (1 is fast and still small).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from cloudsec.plots import FastPNG
    >>> fig = Figure()
    >>> line, = fig.add_subplot().plot([0, 1], [0, 1])
    >>> render = FastPNG(fig, dynamic=[line])
    >>> line.set_ydata([1, 0])
    >>> render.png()[:4]
    b'\\x89PNG'
    """

    def __init__(self, fig: Figure, dynamic: Iterable[Artist] = (),
                 dpi: float = 80, compress_level: int = 1):
        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
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


class StackFigure:
    """A responsibility-stack figure that can be redrawn in place.

    Building the axes, labels and legend is the slow part of a figure; a
    model change only recolours the bars and rewrites their labels and
    the title, so the widget keeps one ``StackFigure``, calls :meth:`update`
    and then :meth:`png`, which redraws only those artists.
    """

    def __init__(self, model: str = "iaas", provider: str | None = None,
                 dpi: float = 80):
        self.fig = Figure(figsize=(7.2, 4.8))
        # A fixed layout: constrained layout would re-solve on every redraw.
        self.fig.subplots_adjust(left=0.34, right=0.98, top=0.92, bottom=0.1)
        ax = self.fig.add_subplot()
        self.ax = ax
        names = [rm.layer_label(lay) for lay in rm.layers()]
        ypos = list(range(len(names)))[::-1]
        self.bars = ax.barh(ypos, [1.0] * len(names), height=0.82,
                            edgecolor="black", linewidth=0.6)
        self.labels = [
            ax.text(0.5, y, "", ha="center", va="center", fontsize=9,
                    fontweight="bold")
            for y in ypos
        ]
        ax.set_yticks(ypos, names, fontsize=9)
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.legend(
            handles=[Patch(facecolor=s["color"], hatch=s["hatch"],
                           edgecolor="black", label=s["label"])
                     for s in OWNER_STYLE.values()],
            loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=3,
            frameon=False, fontsize=9,
        )
        self.model = self.provider = None
        self.update(model, provider)
        # The left spine is drawn over the bars' edges in a full draw, so it
        # is redrawn with them to give the same pixels.
        self.renderer = FastPNG(
            self.fig, [*self.bars, *self.labels, ax.title, ax.spines["left"]],
            dpi=dpi)

    def update(self, model: str, provider: str | None = None) -> Figure:
        """Recolour the bars for ``model`` and ``provider``; return the figure."""
        model = rm.normalize_model(model)
        provider = rm.normalize_provider(provider)
        for bar, text, (_, who) in zip(self.bars, self.labels,
                                       rm.stack(model, provider), strict=True):
            style = OWNER_STYLE[who]
            bar.set_facecolor(style["color"])
            bar.set_hatch(style["hatch"])
            text.set_text(style["label"])
            text.set_color(style["text"])
            # a plain box keeps the label readable over the hatching
            text.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 1.5}
                          if style["hatch"] else None)
        self.ax.set_title(
            f"Who secures each layer in {rm.model_label(model)}"
            f" ({rm.provider_label(provider)})",
            fontsize=11,
        )
        self.model, self.provider = model, provider
        return self.fig

    def png(self) -> bytes:
        """The current figure as PNG bytes, redrawing only what changes."""
        return self.renderer.png()


def responsibility_stack(model: str, provider: str | None = None) -> Figure:
    """The responsibility stack of one service model as a new Figure.

    Parameters
    ----------
    model : str
        Service model, e.g. ``"paas"``.
    provider : str, optional
        ``"aws"`` or ``"azure"`` for a provider's published view.
    """
    return StackFigure(model, provider).fig


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
                 dpi: float = 80):
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
        image = Image.frombuffer("RGBA", (width, height),
                                 self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        image.save(buf, format="png", compress_level=self.compress_level)
        return buf.getvalue()
