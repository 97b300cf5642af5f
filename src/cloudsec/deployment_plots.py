"""Figures for lesson 04 (deployment models). Every function returns a Figure.

Like :mod:`cloudsec.kit.render`, figures are built on
:class:`matplotlib.figure.Figure` without pyplot, so making one changes no
global state. :class:`FitFigure` keeps its artists and changes them in place;
its :meth:`~FitFigure.png` redraws only the regions that changed (the bars,
and the column of the points table whose requirement moved), on top of a
background drawn once (:class:`cloudsec.kit.render.FastPNG`).

Accessibility: each model has an Okabe-Ito colour, but its name labels the
bar, its score is written at the bar's end, the best fit is hatched *and*
marked "BEST FIT" in text, and every point behind a score is listed in words
beside the bar.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import Bbox

from cloudsec import deployment as dep
from cloudsec.kit import palette as pal
from cloudsec.kit.render import FrameCache, RegionPNG, despine

__all__ = ["MODEL_COLOURS", "FitFigure", "fit_chart"]

# Okabe-Ito; the bar's label, not its colour, says which model it is.
MODEL_COLOURS = {
    "private": pal.BLUE,
    "community": pal.BLUISH_GREEN,
    "public": pal.ORANGE,
    "hybrid": pal.REDDISH_PURPLE,
}

_BEST_HATCH = "//"
# column heads of the points table, and where the columns sit (axes x)
_TABLE_X0, _COLUMN_STEP = 1.12, 0.19
_SHORT = {"sensitivity": "sens.", "regulation": "reg.",
          "demand_variability": "demand", "budget": "budget",
          "skills": "skills"}


def _score_range() -> tuple[int, int]:
    table = dep.weights()
    lows = [sum(min(table[f][m]) for f in table) for m in dep.models()]
    highs = [sum(max(table[f][m]) for f in table) for m in dep.models()]
    return dep.BASE_SCORE + min(lows), dep.BASE_SCORE + max(highs)


class FitFigure:
    """How well each deployment model fits a set of requirements.

    One horizontal bar per model, in NIST's order (private, community,
    public, hybrid) so that bars never change places: length is the score,
    the number is written at the end of the bar, the best fit (or fits, on
    a tie) is hatched with a thick edge and says BEST FIT. Beside the bars a
    table gives the points each requirement adds to each model (its column
    head shows the requirement's level). A dashed line marks the neutral
    score.

    Parameters
    ----------
    fits : sequence of Fit, optional
        The output of :func:`cloudsec.deployment.advise`; all medium if
        omitted.
    requirements : mapping, optional
        The levels the fits were computed for, shown over the points table.
    dpi : float
        Resolution of :meth:`png`.
    """

    #: frames kept for :meth:`png` (there are 243 combinations of levels)
    cache_size = 64

    def __init__(self, fits: Sequence[dep.Fit] | None = None,
                 requirements: Mapping[str, str] | None = None,
                 dpi: float | None = None):
        self.fig = Figure(figsize=(9.2, 4.6))
        # fixed layout: constrained layout would re-solve on every redraw
        self.fig.subplots_adjust(left=0.165, right=0.52, top=0.78, bottom=0.2)
        ax = self.fig.add_subplot()
        self.ax = ax
        self.order = dep.models()
        ypos = list(range(len(self.order)))[::-1]
        self.ypos = dict(zip(self.order, ypos, strict=True))
        self.bars = dict(zip(self.order, ax.barh(
            ypos, [0] * len(ypos), height=0.62, edgecolor="black",
            color=[MODEL_COLOURS[m] for m in self.order]), strict=True))
        ax.set_yticks(ypos, [dep.model_label(m) for m in self.order],
                      fontsize=10)
        low, high = _score_range()
        ax.set_xlim(0, high + 6)
        ax.set_ylim(-0.6, len(ypos) - 0.4)
        ax.axvline(dep.BASE_SCORE, color="black", linestyle="--",
                   linewidth=0.8, zorder=0.5)
        ax.text(dep.BASE_SCORE, len(ypos) - 0.45, "neutral",
                ha="center", va="bottom", fontsize=9.5)
        ax.set_xlabel(f"Fit score (starts at {dep.BASE_SCORE}; each "
                      f"requirement adds or subtracts points)", fontsize=9.5)
        despine(ax)
        self.scores = {m: ax.text(0, y, "", va="center", ha="left",
                                  fontsize=9.5, fontweight="bold")
                       for m, y in self.ypos.items()}
        # The points table: one column per requirement, one row per model,
        # aligned with the bars; the column head shows the level.
        transform = ax.get_yaxis_transform()  # x in axes, y in data units
        top = len(ypos) - 0.45
        ax.text(1.05, top + 0.7, "Points behind each score",
                transform=transform, ha="left", va="bottom", fontsize=9.5,
                fontweight="bold")
        ax.text(1.05, -0.55, "sens. = sensitivity, reg. = regulation,\n"
                "demand = demand variability; 0 = no effect",
                transform=transform, ha="left", va="top", fontsize=9.5)
        self.levels: dict[str, Artist] = {}
        self.points: dict[str, dict[str, Artist]] = {m: {} for m in self.order}
        for i, factor in enumerate(dep.FACTORS):
            x = _TABLE_X0 + i * _COLUMN_STEP
            ax.text(x, top + 0.32, _SHORT[factor], transform=transform,
                    ha="center", va="bottom", fontsize=9.5)
            self.levels[factor] = ax.text(
                x, top, "", transform=transform, ha="center", va="bottom",
                fontsize=9.5, style="italic")
            for key, y in self.ypos.items():
                self.points[key][factor] = ax.text(
                    x, y, "", transform=transform, ha="center", va="center",
                    fontsize=9.5)
        self._top = top
        self.title = self.fig.suptitle(
            "How well each deployment model fits the requirements",
            fontsize=12, x=0.5, y=0.97)
        self.fig.legend(
            handles=[Patch(facecolor="white", edgecolor="black", linewidth=2,
                           hatch=_BEST_HATCH, label="hatched, thick edge: "
                           "best fit (also written BEST FIT)")],
            loc="lower left", bbox_to_anchor=(0.01, 0.0), frameon=False,
            fontsize=9.5)
        self.fig.text(0.99, 0.015, "A teaching aid with simple, published "
                      "weights, not a verdict", ha="right", fontsize=9.5,
                      style="italic")
        self.fits: tuple[dep.Fit, ...] = ()
        self.requirements: dict[str, str] = {}
        self._frames = FrameCache(self.cache_size)
        self.update(fits if fits is not None else dep.advise(),
                    requirements)
        # Regions: the bars with their scores (and the left spine, which a
        # full draw puts over the bars' edges), then one per table column.
        # (its end is cut square so that it stays inside the region)
        ax.spines["left"].set_capstyle("butt")
        regions = [([*self.bars.values(), *self.scores.values(),
                     ax.spines["left"]], self._bars_extent)]
        for i, factor in enumerate(dep.FACTORS):
            regions.append((
                [self.levels[factor],
                 *(self.points[m][factor] for m in self.order)],
                lambda i=i: self._column_extent(i)))
        self.renderer = RegionPNG(self.fig, regions, dpi=dpi)

    def _bars_extent(self) -> Bbox:
        # from just left of the axes to just before the points table
        ax = self.ax
        x0, y0 = ax.transAxes.transform((0, 0))
        # (up to the first column of the table, so that a long "BEST FIT"
        # label stays inside)
        x1, y1 = ax.transAxes.transform((_TABLE_X0 - _COLUMN_STEP / 2, 1))
        px = self.fig.dpi / 80  # margins tuned at 80 dpi
        return Bbox.from_extents(x0 - 4 * px, y0, x1, y1)

    def _column_extent(self, index: int) -> Bbox:
        ax = self.ax
        x = _TABLE_X0 + index * _COLUMN_STEP
        x0, y0 = ax.transAxes.transform((x - _COLUMN_STEP / 2 + 0.005, 0))
        x1, _ = ax.transAxes.transform((x + _COLUMN_STEP / 2 - 0.005, 0))
        _, y1 = ax.get_yaxis_transform().transform((0, self._top + 0.3))
        return Bbox.from_extents(x0, y0, x1, y1)

    def _signatures(self) -> list[Hashable]:
        out: list[Hashable] = [tuple(
            (t.get_text(), t.get_position(), b.get_width(), b.get_hatch())
            for t, b in zip(self.scores.values(), self.bars.values(),
                            strict=True))]
        for factor in dep.FACTORS:
            out.append((self.levels[factor].get_text(),
                        *(self.points[m][factor].get_text()
                          for m in self.order)))
        return out

    def update(self, fits: Sequence[dep.Fit],
               requirements: Mapping[str, str] | None = None) -> Figure:
        """Redraw for new fits (from :func:`~cloudsec.deployment.advise`)."""
        fits = tuple(fits)
        by_model = {fit.model: fit for fit in fits}
        if sorted(by_model) != sorted(self.order):
            raise ValueError("fits must hold exactly one Fit per deployment "
                             f"model ({', '.join(self.order)})")
        top = max(fit.score for fit in fits)
        for key in self.order:
            fit, bar = by_model[key], self.bars[key]
            is_best = fit.score == top
            bar.set_width(fit.score)
            bar.set_hatch(_BEST_HATCH if is_best else "")
            bar.set_linewidth(2.4 if is_best else 0.8)
            text = self.scores[key]
            text.set_position((fit.score + 0.3, self.ypos[key]))
            text.set_text(f"{fit.score}  BEST FIT" if is_best
                          else str(fit.score))
            pulls = {r.factor: r.points for r in fit.reasons}
            for factor, text in self.points[key].items():
                points = pulls.get(factor, 0)
                text.set_text(f"{points:+d}" if points else "0")
        self.requirements = dict(requirements or {})
        for factor, text in self.levels.items():
            text.set_text(self.requirements.get(factor, "?"))
        self.fits = fits
        return self.fig

    def png(self) -> bytes:
        """The current figure as PNG bytes.

        Frames are kept per combination of fits and requirements (the
        figure is a pure function of them), at most :attr:`cache_size`.
        """
        key = (tuple((f.model, f.score, f.reasons) for f in self.fits),
               tuple(self.requirements.items()), self.renderer.dpi)
        self._frames.size = self.cache_size
        # Every dynamic artist is redrawn (no signatures): with the 10 pt
        # text, redrawing only the changed regions left the static
        # "neutral" label cut (found by the pixel test); new states are
        # rare once the frame cache is warm.
        return self._frames.get(key, lambda: self.renderer.png(None))


def fit_chart(sensitivity: str = "medium", regulation: str = "medium",
              demand_variability: str = "medium", budget: str = "medium",
              skills: str = "medium") -> Figure:
    """The fit chart for one set of requirements, as a new Figure.

    Takes the same arguments as :func:`cloudsec.deployment.advise`.
    """
    requirements = {
        "sensitivity": sensitivity, "regulation": regulation,
        "demand_variability": demand_variability, "budget": budget,
        "skills": skills,
    }
    fits = dep.advise(**requirements)
    levels = {f: dep.normalize_level(f, v) for f, v in requirements.items()}
    return FitFigure(fits, levels).fig
