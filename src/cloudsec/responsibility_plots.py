"""Figures for lesson 03 (shared responsibility), on the shared kit.

Like every ``<topic>_plots`` module: figures are built on
:class:`matplotlib.figure.Figure` without pyplot, and the figure a widget
redraws (:class:`StackFigure`) changes its artists in place and renders
with :class:`cloudsec.kit.render.FastPNG`.

Accessibility: colours come from the Okabe-Ito palette (safe for the common
colour-vision deficiencies) and are never the only carrier of meaning: each
bar also carries its owner as text, and shared cells are hatched.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from cloudsec import responsibility as rm
from cloudsec.kit import palette as pal
from cloudsec.kit.render import FastPNG, despine, style_handles

__all__ = [
    "OWNER_STYLE",
    "StackFigure",
    "responsibility_stack",
]

# Okabe-Ito blue / vermillion-free orange / sky blue, with a hatch for shared
# so that the three owners differ in pattern and text as well as colour.
OWNER_STYLE = {
    "customer": {"color": pal.BLUE, "hatch": "", "text": "white",
                 "label": "Customer"},
    "shared": {"color": pal.SKY_BLUE, "hatch": "//", "text": "black",
               "label": "Shared"},
    "provider": {"color": pal.ORANGE, "hatch": "", "text": "black",
                 "label": "Provider"},
}


class StackFigure:
    """A responsibility-stack figure that can be redrawn in place.

    Building the axes, labels and legend is the slow part of a figure; a
    model change only recolours the bars and rewrites their labels and
    the title, so the widget keeps one ``StackFigure``, calls :meth:`update`
    and then :meth:`png`, which redraws only those artists.
    """

    def __init__(self, model: str = "iaas", provider: str | None = None,
                 dpi: float | None = None):
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
        despine(ax, "top", "right", "bottom")
        ax.legend(
            handles=style_handles(OWNER_STYLE),
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
