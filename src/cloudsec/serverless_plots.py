"""Figures for lesson 05 (serverless). Every function returns a Figure.

Like :mod:`cloudsec.kit.render`, figures are built on
:class:`matplotlib.figure.Figure` without pyplot, so making one changes no
global state. :class:`PermissionScopeFigure` keeps its artists and changes
them in place; its :meth:`~PermissionScopeFigure.png` redraws only what
changed (:class:`cloudsec.kit.render.FastPNG`).

Accessibility: the part of a grant the function used is solid, the part it
never used is hatched, and each row also says in words how many
(action, resource) pairs it reaches, how many were used, and EXCESS when
none were. Colours (Okabe-Ito) repeat what the pattern and text say.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from cloudsec import serverless as sl
from cloudsec.kit import palette as pal
from cloudsec.kit.render import FastPNG, FrameCache, despine
from cloudsec.kit.text import plural

__all__ = ["PermissionScopeFigure", "USED_STYLE", "UNUSED_STYLE",
           "permission_scope", "short_arn"]

USED_STYLE = {"facecolor": pal.BLUE, "edgecolor": "black", "hatch": ""}
UNUSED_STYLE = {"facecolor": pal.PALE_VERMILLION, "edgecolor": pal.VERMILLION,
                "hatch": "xx"}


def short_arn(arn: str) -> str:
    """An ARN with the sample region and account elided, for labels."""
    return arn.replace(f":{sl.REGION}:{sl.ACCOUNT}:", ":…:").replace(
        f"::{sl.ACCOUNT}:", "::…:")


class PermissionScopeFigure:
    """Granted versus used permissions of one sample function.

    One row per grant (an action pattern on a resource pattern) of the
    function's execution role, in policy order. The row's length is how
    many (action, resource) pairs of the sample account the grant reaches:
    the solid part is what the function's calls exercised, the hatched part
    what it never used. Text beside each row gives the counts and says
    EXCESS when the grant was never used, BROADER THAN USED when it was
    used but (through a wildcard) reaches more than the calls needed.

    Parameters
    ----------
    function : str
        A name from :func:`cloudsec.serverless.sample_functions`.
    dpi : float
        Resolution of :meth:`png`.
    """

    def __init__(self, function: str = "resize-images", dpi: float | None = None):
        reports = [sl.excess_permissions(n) for n in sl.sample_functions()]
        self.slots = max(len(r.reach) for r in reports)
        widest = max(g.pairs for r in reports for g in r.reach)
        self.fig = Figure(figsize=(10.0, 4.8))
        # fixed layout: constrained layout would re-solve on every redraw
        self.fig.subplots_adjust(left=0.3, right=0.66, top=0.8, bottom=0.25)
        ax = self.fig.add_subplot()
        self.ax = ax
        self.widest = widest
        ax.set_xlim(0, widest * 1.05)
        ax.set_ylim(-0.6, self.slots - 0.4)
        ax.set_yticks([])
        ax.set_xlabel("(action, resource) pairs the grant allows in the "
                      "sample account", fontsize=10)
        despine(ax, "top", "right", "left")
        ax.grid(axis="x", color=pal.RULE_GREY, linewidth=0.6)
        ax.set_axisbelow(True)
        self.ypos = list(range(self.slots))[::-1]
        self.used = ax.barh(self.ypos, [0] * self.slots, height=0.6,
                            linewidth=0.8, **USED_STYLE)
        self.unused = ax.barh(self.ypos, [0] * self.slots, height=0.6,
                              linewidth=0.8, **UNUSED_STYLE)
        transform = ax.get_yaxis_transform()  # x in axes, y in data units
        self.labels = [ax.text(-0.02, y, "", transform=transform, ha="right",
                               va="center", fontsize=10, clip_on=False)
                       for y in self.ypos]
        self.notes = [ax.text(1.02, y, "", transform=transform, ha="left",
                              va="center", fontsize=10, clip_on=False)
                      for y in self.ypos]
        ax.text(-0.02, self.slots - 0.45, "Grant (action on resource)",
                transform=transform, ha="right", va="bottom", fontsize=10,
                fontweight="bold")
        ax.text(1.02, self.slots - 0.45, "Pairs reached, used",
                transform=transform,
                ha="left", va="bottom", fontsize=10, fontweight="bold")
        self.title = self.fig.suptitle("", fontsize=12, y=0.97)
        self.subtitle = self.fig.text(0.5, 0.875, "", ha="center",
                                      va="center", fontsize=10,
                                      style="italic")
        self.fig.legend(
            handles=[
                Patch(label="solid: used by the function's calls",
                      **USED_STYLE),
                Patch(label="hatched: granted but never used", **UNUSED_STYLE),
            ],
            loc="lower left", bbox_to_anchor=(0.01, 0.04), ncol=2,
            frameon=False, fontsize=10)
        self.fig.text(0.99, 0.01, "… = region and account ID. Small "
                      "sample account: real reach is larger", ha="right",
                      fontsize=10, style="italic")
        self.function = None
        self._frames = FrameCache()
        self.update(function)
        self.renderer = FastPNG(
            self.fig,
            [*self.used, *self.unused, *self.labels, *self.notes, self.title,
             self.subtitle],
            dpi=dpi)

    def update(self, function: str) -> Figure:
        """Redraw the figure for another sample function; return it."""
        report = sl.excess_permissions(function)
        # the axis fits this function's widest grant (a fixed axis for the
        # widest of all left small grants as hairlines); its tick labels
        # change, so the static background is redrawn
        widest = max(r.pairs for r in report.reach)
        top = max(5, widest * 1.1)
        if self.ax.get_xlim()[1] != top:
            self.ax.set_xlim(0, top)
            if hasattr(self, "renderer"):
                self.renderer.invalidate()
        for i in range(self.slots):
            artists = (self.used[i], self.unused[i], self.labels[i],
                       self.notes[i])
            if i >= len(report.reach):
                for artist in artists:
                    artist.set_visible(False)
                continue
            reach = report.reach[i]
            self.used[i].set_width(reach.used_pairs)
            self.unused[i].set_x(reach.used_pairs)
            self.unused[i].set_width(reach.pairs - reach.used_pairs)
            self.labels[i].set_text(
                f"{reach.grant.action}\non {short_arn(reach.grant.resource)}")
            tags = []
            if reach.excess:
                tags.append("EXCESS: never used")
            elif reach.pairs > reach.used_pairs:
                tags.append("BROADER THAN USED")
            self.notes[i].set_text(
                f"{plural(reach.pairs, 'pair')}, {reach.used_pairs} used"
                + (f"\n{', '.join(tags)}" if tags else ""))
            self.notes[i].set_fontweight("bold" if reach.excess else "normal")
            for artist in artists:
                artist.set_visible(True)
        self.title.set_text(f"{report.function}: permissions granted versus "
                            "used")
        excess = len(report.excess)
        self.subtitle.set_text(
            f"Role allows {plural(report.blast_radius, 'pair')}, calls used "
            f"{report.used_pairs}; "
            + (f"{plural(excess, 'grant')} never used" if excess
               else "every grant used"))
        self.function = report.function
        return self.fig

    def png(self) -> bytes:
        """The current figure as PNG bytes.

        The figure is a pure function of the sample function, so each
        function's frame is rendered once and kept (there are four).
        """
        return self._frames.get((self.function, self.renderer.dpi),
                                self.renderer.png)


def permission_scope(function: str) -> Figure:
    """The granted-versus-used figure of one sample function, as a new Figure.

    Parameters
    ----------
    function : str
        A name from :func:`cloudsec.serverless.sample_functions`.
    """
    return PermissionScopeFigure(function).fig
