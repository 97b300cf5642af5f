"""Figures for lesson 07: the exam-practice score chart and the incident timeline.

Like :mod:`cloudsec.kit.render`, every function returns a
:class:`matplotlib.figure.Figure` built without pyplot, and the chart that a
widget redraws is a class that updates its artists in place and renders with
:class:`~cloudsec.kit.render.FastPNG`.

Accessibility: colours come from the Okabe-Ito palette and never carry
meaning alone. In the score chart, correct answers are solid and wrong ones
hatched, and each row is labelled with its score as text ("3/4"). In the
timeline, every event is a labelled marker of its own shape, and each lane
is named.
"""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from cloudsec import exam
from cloudsec import responsibility as rm
from cloudsec.kit import palette as pal
from cloudsec.kit.render import FastPNG, despine, style_handles

__all__ = [
    "RESULT_STYLE",
    "ScoreFigure",
    "TIMELINE_EVENTS",
    "incident_timeline",
    "score_chart",
]

# Okabe-Ito blue for correct, orange with a hatch for wrong: they differ in
# pattern and in the text label as well as in colour.
RESULT_STYLE = {
    "correct": {"color": pal.BLUE, "hatch": "", "label": "Correct"},
    "wrong": {"color": pal.ORANGE, "hatch": "//", "label": "Wrong"},
}


def _check_tally(tally: Mapping[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    if not isinstance(tally, Mapping):
        raise TypeError(f"tally must be a mapping of topic to (correct, answered), "
                        f"got {type(tally).__name__}")
    out = {topic: (0, 0) for topic in exam.topics()}
    for topic, pair in tally.items():
        key = exam.normalize_topic(topic)
        try:
            right, total = pair
        except (TypeError, ValueError):
            raise ValueError(f"{topic}: expected (correct, answered), "
                             f"got {pair!r}") from None
        ints = all(isinstance(x, int) and not isinstance(x, bool)
                   for x in (right, total))
        if not ints or not 0 <= right <= total:
            raise ValueError(f"{topic}: need whole numbers with "
                             f"0 <= correct <= answered, got {pair!r}")
        out[key] = (right, total)
    return out


class ScoreFigure:
    """Per-topic exam-practice scores, redrawn in place.

    One horizontal bar per topic, and one for all topics together, shows the
    share of answers that were correct (solid) and wrong (hatched), so every
    answered row spans the full width; the text beside it gives the count
    ("3/4"). Rows with no answers have no bar and read "0/0". The axes, the
    title and the legend never change, so a redraw touches only the bars and
    their labels.

    Parameters
    ----------
    tally : mapping, optional
        ``{topic: (correct, answered)}``; missing topics count as (0, 0).
    dpi : float
        Resolution of :meth:`png`.
    """

    #: label of the bottom row, which sums all topics
    overall_label = "All topics"

    def __init__(self, tally: Mapping[str, tuple[int, int]] | None = None,
                 dpi: float | None = None):
        self.fig = Figure(figsize=(7.2, 4.2))
        # fixed layout: constrained layout would re-solve on every redraw
        self.fig.subplots_adjust(left=0.3, right=0.88, top=0.9, bottom=0.22)
        ax = self.fig.add_subplot()
        self.ax = ax
        self.topics = exam.topics()
        # topics top to bottom, then a gap, then the overall row
        ypos = [float(i) for i in range(len(self.topics), 0, -1)] + [-0.4]
        zeros = [0.0] * len(ypos)
        right, wrong = RESULT_STYLE["correct"], RESULT_STYLE["wrong"]
        self.correct_bars = ax.barh(ypos, zeros, height=0.7, color=right["color"],
                                    edgecolor="black", linewidth=0.6)
        self.wrong_bars = ax.barh(ypos, zeros, height=0.7, color=wrong["color"],
                                  hatch=wrong["hatch"], edgecolor="black",
                                  linewidth=0.6)
        beside = blended_transform_factory(ax.transAxes, ax.transData)
        self.labels = [
            ax.text(1.02, y, "", transform=beside, ha="left", va="center",
                    fontsize=9, clip_on=False)
            for y in ypos
        ]
        names = [exam.topic_label(t) for t in self.topics] + [self.overall_label]
        ax.set_yticks(ypos, names, fontsize=9)
        ax.get_yticklabels()[-1].set_fontweight("bold")
        ax.axhline(0.3, color=pal.LIGHT_GREY, linewidth=0.6)
        ax.set_xlim(0, 1)
        ax.set_ylim(-1.0, len(self.topics) + 0.6)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"],
                      fontsize=8)
        ax.set_xlabel("Share of your answers", fontsize=9)
        despine(ax)
        ax.set_title("Exam practice: correct and wrong answers by topic",
                     fontsize=11)
        ax.legend(
            handles=style_handles(RESULT_STYLE),
            loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2,
            frameon=False, fontsize=9,
        )
        self.tally: dict[str, tuple[int, int]] = {}
        self.update(tally or {})
        # the left spine is drawn over the bars' edges in a full draw, so it
        # is redrawn with them to give the same pixels
        self.renderer = FastPNG(
            self.fig, [*self.correct_bars, *self.wrong_bars, *self.labels,
                       ax.spines["left"]],
            dpi=dpi)

    def update(self, tally: Mapping[str, tuple[int, int]]) -> Figure:
        """Show ``tally`` (``{topic: (correct, answered)}``); return the figure.

        Raises
        ------
        TypeError
            If ``tally`` is not a mapping.
        ValueError
            For an unknown topic or counts that are not whole numbers with
            ``0 <= correct <= answered``.
        """
        tally = _check_tally(tally)
        overall = (sum(r for r, _ in tally.values()),
                   sum(t for _, t in tally.values()))
        rows = [tally[topic] for topic in self.topics] + [overall]
        for (right, total), good, bad, label in zip(
                rows, self.correct_bars, self.wrong_bars, self.labels,
                strict=True):
            share = right / total if total else 0.0
            good.set_width(share)
            good.set_visible(right > 0)
            bad.set_x(share)
            bad.set_width(1.0 - share if total else 0.0)
            bad.set_visible(total > right)
            label.set_text(f"{right}/{total}")
            label.set_color("black" if total else pal.MID_GREY)
        self.tally = tally
        return self.fig

    def png(self) -> bytes:
        """The chart as PNG bytes, redrawing only what changes."""
        return self.renderer.png()


def score_chart(tally: Mapping[str, tuple[int, int]]) -> Figure:
    """The per-topic score chart for ``tally`` as a new Figure.

    Examples
    --------
    >>> from cloudsec.exam_plots import score_chart
    >>> fig = score_chart({"serverless": (3, 4)})
    >>> [t.get_text() for t in fig.axes[0].texts][4:]
    ['3/4', '0/0', '0/0', '0/0', '3/4']
    """
    return ScoreFigure(tally).fig


# -- the case-study timeline ------------------------------------------------

#: The incident of the case study, schematically. The source gives no dates,
#: only "about six months" from migration to compromise and a patch released
#: "months earlier"; positions are in months after the migration and are
#: illustrative. Each event: (month, lane, marker, colour, label).
TIMELINE_EVENTS = (
    (0.0, "customer", "o", pal.BLUE, "Application migrated\nto IaaS"),
    (0.7, "customer", "s", pal.BLUE, "VMs provisioned, run\nas if fully managed"),
    (2.0, "vendor", "^", pal.BLUISH_GREEN, "OS vendor releases\nthe security patch"),
    (6.0, "customer", "X", pal.VERMILLION, "VMs compromised through\nthe known flaw"),
    (6.6, "customer", "D", pal.REDDISH_PURPLE, "Detection and\ninvestigation"),
    (7.4, "customer", "P", pal.BLUE, "Remediation: patching,\npolicy, monitoring"),
)

_LANES = {"customer": 3.4, "vendor": 2.0, "provider": 0.7}


def _owned(model: str, who: str) -> list[str]:
    return [rm.layer_label(layer).lower() for layer, owner in rm.stack(model)
            if owner == who]


def incident_timeline() -> Figure:
    """The case-study incident on a schematic six-month timeline.

    Three lanes: the customer (who owned the guest OS and everything above it
    in IaaS, per :mod:`cloudsec.responsibility`), the OS vendor (who
    published the patch) and the cloud provider (who kept securing its own
    layers throughout). A hatched span marks the months in which the patch
    was available and not applied. Months are schematic: the source article
    gives no calendar dates.
    """
    fig = Figure(figsize=(10, 5.6))
    fig.subplots_adjust(left=0.03, right=0.99, top=0.92, bottom=0.14)
    ax = fig.add_subplot()
    ax.set_xlim(-0.6, 8.2)
    ax.set_ylim(0.25, 4.75)
    ax.set_yticks([])
    despine(ax, "left", "right", "top")
    ax.set_xticks(range(7), [f"month {m}" for m in range(7)], fontsize=10)
    ax.set_xlabel("Months after the migration (schematic: the source gives no "
                  "dates, only \"about six months\" and \"months earlier\")",
                  fontsize=10)
    ax.axvspan(6.3, 8.2, color=pal.PALE_GREY, zorder=0)
    ax.text(7.25, 4.7, "after the compromise\n(timing not given)", ha="center",
            va="top", fontsize=10, color=pal.DARK_GREY)

    customer, provider = _owned("iaas", "customer"), _owned("iaas", "provider")
    lanes = {
        "customer": ("Customer, in IaaS, owned: " + ", ".join(customer[:4])
                     + ",\n" + ", ".join(customer[4:]), pal.BLUE, 0.62),
        # short, so that it ends before the arrow from the patch release
        "vendor": ("OS vendor: publishes fixes", pal.BLUISH_GREEN, 0.3),
        "provider": ("Cloud provider owned: " + ", ".join(provider),
                     pal.ORANGE, 0.25),
    }
    for lane, (text, colour, offset) in lanes.items():
        y = _LANES[lane]
        ax.axhline(y, color=colour, linewidth=1.2, zorder=1)
        ax.text(-0.55, y + offset, text, ha="left", fontsize=10,
                va="bottom" if offset > 0 else "top", fontweight="bold")

    # the provider secured its layers all along: a bar, not an event
    ax.barh(_LANES["provider"], 8.8, left=-0.6, height=0.22, color=pal.ORANGE,
            edgecolor="black", linewidth=0.5, zorder=2)
    ax.text(3.8, _LANES["provider"], "its layers operated and patched by the "
            "provider throughout: not the way in", ha="center", va="center",
            fontsize=10, zorder=3)

    # the exposure window: patch available, not applied (the customer's layer)
    ax.barh(_LANES["customer"], 4.0, left=2.0, height=0.36, color="white",
            edgecolor=pal.VERMILLION, hatch="///", linewidth=1.0, zorder=2)
    ax.text(4.0, _LANES["customer"], "months without patching: the guest OS is "
            "the customer's layer,\nand it had no owner, no process, no metric",
            ha="center", va="center", fontsize=10, zorder=3,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
    ax.annotate("", xy=(2.0, _LANES["customer"] - 0.19),
                xytext=(2.0, _LANES["vendor"] + 0.12),
                arrowprops={"arrowstyle": "->", "color": pal.BLUISH_GREEN,
                            "linestyle": "--"})

    above = True
    for month, lane, marker, colour, label in TIMELINE_EVENTS:
        y = _LANES[lane]
        ax.plot([month], [y], marker=marker, markersize=11, color=colour,
                markeredgecolor="black", linestyle="none", zorder=4)
        if lane == "customer":
            dy, va = (0.24, "bottom") if above else (-0.24, "top")
            above = not above
            ax.text(month, y + dy, label, ha="center", va=va, fontsize=10,
                    zorder=5)
        else:
            ax.text(month + 0.15, y + 0.08, label.replace("\n", " "),
                    ha="left", va="bottom", fontsize=10, zorder=5)
    ax.set_title("Case study: the IaaS fleet nobody patched", fontsize=12)
    return fig
