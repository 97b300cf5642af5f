"""Figures for lesson 08 (trusting what you cannot touch). Each returns a Figure.

Like every course figure module, figures are built on
:class:`matplotlib.figure.Figure` without pyplot. :class:`ExposureMatrixFigure`
keeps its artists and changes them in place; its
:meth:`~ExposureMatrixFigure.png` redraws only what changed
(:class:`cloudsec.kit.render.FastPNG`).

Accessibility: every cell says its verdict in words (PROTECTED, RELIES ON
PROVIDER, EXPOSED) and carries a pattern as well as a colour (plain, dotted,
hatched); the colours are Okabe-Ito, so colour only repeats what the text
and pattern say.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from cloudsec import assurance as asr
from cloudsec.kit import palette as pal
from cloudsec.kit.render import FastPNG, FrameCache

__all__ = ["VERDICT_STYLE", "VERDICT_TEXT", "ExposureMatrixFigure",
           "exposure_matrix", "protections_caption"]

VERDICT_STYLE = {
    asr.PROTECTED: {"facecolor": pal.SKY_BLUE, "edgecolor": pal.BLUE,
                    "hatch": ""},
    asr.RELIES: {"facecolor": pal.YELLOW, "edgecolor": pal.ORANGE,
                 "hatch": ".."},
    asr.EXPOSED: {"facecolor": pal.VERMILLION, "edgecolor": pal.BLACK,
                  "hatch": "//"},
}
"""Verdict -> patch style (Okabe-Ito colours plus a pattern)."""

VERDICT_TEXT = {asr.PROTECTED: "PROTECTED", asr.RELIES: "RELIES ON\nPROVIDER",
                asr.EXPOSED: "EXPOSED"}
"""Verdict -> the words printed in its cells."""


def protections_caption(protections: asr.Protections) -> str:
    """One line naming the protections, for the figure's subtitle."""
    keys = {"provider-kms": "keys in the provider's KMS",
            "external": "keys in your external key store"}[protections.keys]
    cvm = ("confidential VM, attestation verified" if protections.verified_cvm
           else "confidential VM, attestation NOT checked"
           if protections.confidential_vm else "ordinary VM")
    client = ("client-side encryption" if protections.client_side
              else "no client-side encryption")
    return f"{keys}; {cvm}; {client}"


class ExposureMatrixFigure:
    """Actors (rows) against data states (columns), one verdict per cell.

    Parameters
    ----------
    protections : Protections, dict or None
        See :func:`cloudsec.assurance.normalize_protections`.
    dpi : float, optional
        Resolution of :meth:`png`; by default the kit's widget resolution
        for the notebook's width.
    """

    def __init__(self, protections=None, dpi: float | None = None):
        self.fig = Figure(figsize=(9.0, 5.6))
        # fixed layout: constrained layout would re-solve on every redraw
        self.fig.subplots_adjust(left=0.25, right=0.98, top=0.82, bottom=0.1)
        ax = self.fig.add_subplot()
        self.ax = ax
        actors, states = list(asr.ACTORS), list(asr.STATES)
        ax.set_xlim(0, len(states))
        ax.set_ylim(len(actors), 0)
        ax.set_xticks([i + 0.5 for i in range(len(states))],
                      [asr.STATES[s] for s in states], fontsize=10,
                      fontweight="bold")
        ax.xaxis.tick_top()
        ax.set_yticks([i + 0.5 for i in range(len(actors))],
                      [asr.ACTORS[a] for a in actors], fontsize=10)
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        self.patches: dict[tuple[str, str], Rectangle] = {}
        self.texts = {}
        for row, actor in enumerate(actors):
            for col, state in enumerate(states):
                patch = Rectangle((col + 0.03, row + 0.05), 0.94, 0.9,
                                  linewidth=1.2)
                ax.add_patch(patch)
                self.patches[actor, state] = patch
                self.texts[actor, state] = ax.text(
                    col + 0.5, row + 0.5, "", ha="center", va="center",
                    fontsize=9, fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.25", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.9})
        self.title = self.fig.suptitle("", fontsize=12, y=0.975)
        self.subtitle = self.fig.text(0.5, 0.905, "", ha="center",
                                      va="center", fontsize=9, style="italic")
        self.fig.legend(
            handles=[Patch(label=f"{VERDICT_TEXT[v].replace(chr(10), ' ')}",
                           linewidth=1.2, **VERDICT_STYLE[v])
                     for v in asr.VERDICTS],
            loc="lower center", bbox_to_anchor=(0.6, 0.0), ncol=3,
            frameon=False, fontsize=9)
        self.protections = None
        self._frames = FrameCache()
        self.update(protections)
        self.renderer = FastPNG(
            self.fig, [*self.patches.values(), *self.texts.values(),
                       self.title, self.subtitle], dpi=dpi)

    def update(self, protections=None) -> Figure:
        """Redraw the matrix for other protections; return the figure."""
        chosen = asr.normalize_protections(protections)
        matrix = asr.exposure(chosen)
        for (actor, state), patch in self.patches.items():
            verdict = matrix[actor][state].verdict
            style = VERDICT_STYLE[verdict]
            patch.set_facecolor(style["facecolor"])
            patch.set_edgecolor(style["edgecolor"])
            patch.set_hatch(style["hatch"])
            self.texts[actor, state].set_text(VERDICT_TEXT[verdict])
        counts = {v: sum(c.verdict == v for row in matrix.values()
                         for c in row.values()) for v in asr.VERDICTS}
        self.title.set_text(
            f"Who can read your data? {counts[asr.PROTECTED]} protected, "
            f"{counts[asr.RELIES]} "
            f"{'relies' if counts[asr.RELIES] == 1 else 'rely'} on the "
            "provider, "
            f"{counts[asr.EXPOSED]} exposed")
        self.subtitle.set_text(protections_caption(chosen))
        self.protections = chosen
        return self.fig

    def png(self) -> bytes:
        """The current figure as PNG bytes (each of the 16 frames is
        rendered once and kept)."""
        return self._frames.get((self.protections, self.renderer.dpi),
                                self.renderer.png)


def exposure_matrix(protections=None) -> Figure:
    """The who-can-read-your-data matrix for some protections, as a new
    Figure."""
    return ExposureMatrixFigure(protections).fig
