"""Figures for lesson 02 (containers versus VMs). Each returns a Figure.

* :class:`LadderFigure`: the isolation ladder as a trade-off map (isolation
  strength against start-up time) next to the ranking for one workload
  profile; redrawn in place when the profile changes.
* :class:`BoundaryFigure`: the isolation boundaries of a container, each
  intact, weakened or removed by the chosen settings; redrawn in place.
* :func:`escapes_timeline`: five container escapes and what would have
  stopped them.

Like :mod:`cloudsec.kit.render`, figures are built without pyplot, colours come
from the Okabe-Ito palette and are never the only carrier of meaning: every
state is also written out and has its own marker shape or hatching.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from cloudsec import containers as ct
from cloudsec.kit import palette as pal
from cloudsec.kit.render import Extent, RegionPNG, despine, style_handles

__all__ = [
    "BOUNDARY_STYLE",
    "RANK_STYLE",
    "BoundaryFigure",
    "LadderFigure",
    "boundary_figure",
    "escapes_timeline",
    "ladder_figure",
]

# Okabe-Ito: blue, bluish green, orange, vermillion. Each state also has a
# marker, a hatch and a word, so that no reader depends on the colour.
RANK_STYLE = {
    "top": {"color": pal.BLUE, "marker": "*", "size": 17, "hatch": "",
            "label": "top choice"},
    "fits": {"color": pal.BLUISH_GREEN, "marker": "o", "size": 9, "hatch": "",
             "label": "meets the need, starts fast enough"},
    "slow": {"color": pal.ORANGE, "marker": "s", "size": 9, "hatch": "//",
             "label": "too slow to start"},
    "short": {"color": pal.VERMILLION, "marker": "X", "size": 10, "hatch": "xx",
              "label": "falls short of the needed isolation"},
}

BOUNDARY_STYLE = {
    "intact": {"color": pal.BLUE, "hatch": "", "label": "intact"},
    "weakened": {"color": pal.ORANGE, "hatch": "//", "label": "weakened"},
    "removed": {"color": pal.VERMILLION, "hatch": "xx", "label": "removed"},
}

_SHORT_NAMES = {"gvisor": "gVisor", "rootless": "Rootless container",
                "dedicated": "Dedicated host"}

# Upper bound, in seconds, of each start-up class of the ladder (0-3), used
# to shade the "too slow" part of the map.
_CLASS_LIMIT_S = {0: 0.02, 1: 2.0, 2: 600.0, 3: None}
_XLIM = (5e-4, 3e4)
_YLIM = (0.4, 6.6)
_SLOT_Y = 0.915
_TICKS = [(1e-3, "1 ms"), (1e-2, "10 ms"), (1e-1, "0.1 s"), (1.0, "1 s"),
          (10.0, "10 s"), (60.0, "1 min"), (3600.0, "1 h")]


def _fmt_seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:g} ms"
    if seconds < 60:
        return f"{seconds:g} s"
    return f"{seconds / 60:g} min"


def _short(rung: ct.Rung) -> str:
    return _SHORT_NAMES.get(rung.key, rung.label)


def _state(ranking: ct.Ranking) -> str:
    if not ranking.meets_need:
        return "short"
    if not ranking.fast_enough:
        return "slow"
    return "top" if ranking.rank == 1 else "fits"


def _profile_words(trust: str, tenancy: str, sensitivity: str,
                   startup: str) -> list[str]:
    return [f"Code: {ct.TRUST[trust].split(' (')[0].lower()}",
            f"Hosts: {ct.TENANCY[tenancy].lower()}",
            f"Data sensitivity: {ct.SENSITIVITY[sensitivity].lower()}",
            f"Start-up: {ct.STARTUP[startup].split(' (')[0].lower()}"]


class LadderFigure:
    """The isolation ladder ranked for one profile, redrawable in place.

    Left, a map of every rung by isolation strength (up) and typical
    start-up time (right, log scale): a dashed line and a strip on the left
    edge mark the needed isolation, a strip along the top the start-up times
    that are too slow, and each rung's marker shape and colour give its
    state. Right, one bar per rung (strongest at the top, as on a ladder)
    with its score and rank from :func:`cloudsec.containers.rank_isolation`.

    Only the markers, bars, rank labels, the two indicators and the
    profile line change between profiles, and :meth:`png` redraws only the
    regions (the map, a bar row, one answer of the profile) that changed.

    Parameters
    ----------
    trust, tenancy, sensitivity, startup : str
        The profile; see :func:`cloudsec.containers.rank_isolation`.
    dpi : float
        Resolution of :meth:`png`.
    """

    def __init__(self, trust: str = "trusted", tenancy: str = "single",
                 sensitivity: str = "low", startup: str = "subsecond",
                 dpi: float | None = None):
        self.rungs = ct.ladder()
        self.fig = Figure(figsize=(8.8, 4.7))
        # fixed axes positions: a layout engine would re-solve every redraw
        ax = self.fig.add_axes((0.19, 0.21, 0.395, 0.6))
        bars = self.fig.add_axes((0.8, 0.21, 0.17, 0.6))
        self.ax, self.bars_ax = ax, bars

        ax.set_xscale("log")
        ax.set_xlim(*_XLIM)
        ax.set_ylim(*_YLIM)
        ax.set_xticks([t for t, _ in _TICKS], [lab for _, lab in _TICKS],
                      fontsize=9)
        ax.minorticks_off()
        ax.set_yticks(list(ct.STRENGTHS),
                      ["1 OS user", "2 namespaces", "3 + unprivileged uid",
                       "4 user-space kernel", "5 hypervisor",
                       "6 own hardware"], fontsize=9)
        ax.set_xlabel("Typical start-up time (log scale)", fontsize=9)
        ax.set_ylabel("Isolation (ordinal)", fontsize=9)
        ax.set_title("Isolation against start-up time", fontsize=10,
                     pad=14)
        ax.set_axisbelow(True)
        ax.grid(True, color=pal.RULE_GREY, linewidth=0.6)

        # The indicators sit on the edges and between rows, clear of the
        # rung names, so the names can stay in the static background.
        short, slow = RANK_STYLE["short"], RANK_STYLE["slow"]
        self.need_strip = ax.add_patch(Rectangle(
            (_XLIM[0], _YLIM[0]), 3e-4, 0.0, facecolor=short["color"],
            hatch=short["hatch"], edgecolor="black", linewidth=0.4))
        (self.need_line,) = ax.plot(_XLIM, [0, 0], linestyle="--",
                                    color=short["color"], linewidth=1.2)
        self.need_text = ax.text(1e-3, 0, "", fontsize=9, ha="left",
                                 va="bottom", color=pal.DARK_VERMILLION)
        self.slow_strip = ax.add_patch(Rectangle(
            (_XLIM[1], _YLIM[1] - 0.16), 0.0, 0.16,
            facecolor=slow["color"], hatch=slow["hatch"], edgecolor="black",
            linewidth=0.4))
        self.slow_text = ax.text(_XLIM[1], _YLIM[1] + 0.05, "", fontsize=9,
                                 ha="right", va="bottom", color=pal.DARK_ORANGE)
        self.markers = []
        for item in self.rungs:
            (marker,) = ax.plot([item.startup_s], [item.strength],
                                linestyle="", markeredgecolor="black",
                                markeredgewidth=0.6, zorder=3)
            self.markers.append(marker)
            right = item.startup_s > 500
            x = item.startup_s * (0.45 if right else 2.2)
            ax.text(x, item.strength, _short(item), fontsize=9, zorder=4,
                    ha="right" if right else "left", va="center")

        # strongest rung at the top, as on a ladder
        ypos = {item.key: y for y, item in enumerate(self.rungs)}
        self.bar_rows = bars.barh(list(ypos.values()), [0] * len(ypos),
                                  height=0.7, edgecolor="black",
                                  linewidth=0.5)
        self.bar_labels = [bars.text(0, y, "", ha="left", va="center",
                                     fontsize=9)
                           for y in ypos.values()]
        bars.set_xlim(0, 135)
        bars.set_ylim(-0.6, len(ypos) - 0.4)
        bars.set_yticks(list(ypos.values()),
                        [_short(item) for item in self.rungs], fontsize=9)
        bars.set_xticks([0, 50, 100], ["0", "50", "100"], fontsize=9)
        bars.tick_params(axis="y", length=0)
        bars.set_xlabel("Score (100 = fits\nat no extra cost)", fontsize=9)
        bars.set_title("Score and rank", fontsize=10, pad=14)
        # no left spine: the bars start there and each row is redrawn alone
        despine(bars, "top", "right", "left")

        self.fig.legend(
            handles=[Line2D([], [], linestyle="", marker=s["marker"],
                            markersize=9 if key == "top" else 6,
                            markerfacecolor=s["color"],
                            markeredgecolor="black", label=s["label"])
                     for key, s in RANK_STYLE.items()],
            loc="lower center", ncol=2, frameon=False, fontsize=9,
            bbox_to_anchor=(0.5, 0.0))
        self.fig.text(0.5, 0.985, "The isolation ladder, ranked for one "
                      "workload", ha="center", va="top", fontsize=10.5)
        # the profile, one answer per slot, so a control redraws one slot
        self.profile_texts = [
            self.fig.text((i + 0.5) / 4, _SLOT_Y, "", ha="center",
                          va="center", fontsize=9)
            for i in range(4)
        ]
        self.rankings: list[ct.Ranking] = []
        self.profile: tuple[str, str, str, str] = ("", "", "", "")
        self.update(trust, tenancy, sensitivity, startup)
        map_artists = [self.need_strip, self.need_line, self.need_text,
                       self.slow_strip, self.slow_text, *self.markers,
                       *ax.spines.values()]
        rows = [([bar, label], self._row_extent(bar.get_y()
                                                + bar.get_height() / 2))
                for bar, label in zip(self.bar_rows, self.bar_labels,
                                      strict=True)]
        slots = [([text], self._slot_extent(i))
                 for i, text in enumerate(self.profile_texts)]
        self.renderer = RegionPNG(
            self.fig, [(map_artists, self._map_extent), *rows, *slots],
            dpi=dpi)

    def _map_extent(self) -> Extent:
        box, px = self.ax.bbox, self.fig.dpi / 80  # margins tuned at 80 dpi
        # above the axes sits the "too slow" label
        return (box.x0 - 3 * px, box.y0 - 3 * px, box.x1 + 3 * px,
                box.y1 + 14 * px)

    def _row_extent(self, y: float) -> Callable[[], Extent]:
        def extent() -> Extent:
            to_pixels = self.bars_ax.transData.transform
            return (self.bars_ax.bbox.x0 - 2 * self.fig.dpi / 80,
                    to_pixels((0, y - 0.5))[1],
                    self.fig.bbox.width, to_pixels((0, y + 0.5))[1])
        return extent

    def _slot_extent(self, index: int) -> Callable[[], Extent]:
        def extent() -> Extent:
            width, height = self.fig.bbox.width, self.fig.bbox.height
            return (width * index / 4, height * (_SLOT_Y - 0.03),
                    width * (index + 1) / 4, height * (_SLOT_Y + 0.025))
        return extent

    def update(self, trust: str, tenancy: str, sensitivity: str,
               startup: str) -> Figure:
        """Rank for a new profile and restyle the figure; return it.

        Raises
        ------
        ValueError
            If an argument is not one of its allowed keys.
        """
        rankings = ct.rank_isolation(trust, tenancy, sensitivity, startup)
        profile = tuple(str(v).strip().lower()
                        for v in (trust, tenancy, sensitivity, startup))
        by_key = {r.rung.key: r for r in rankings}
        need = rankings[0].need

        # between the rows below the need and the row of the need
        edge = need - 0.5
        self.need_strip.set_height(max(edge - _YLIM[0], 0.0))
        self.need_strip.set_visible(need > 1)
        self.need_line.set_ydata([edge, edge])
        self.need_line.set_visible(need > 1)
        self.need_text.set_position((1e-3, edge + 0.04))
        self.need_text.set_text(f"needed isolation: level {need} and up"
                                if need > 1 else "")
        limit = _CLASS_LIMIT_S[ct.STARTUP_LIMITS[profile[3]]]
        self.slow_strip.set_visible(limit is not None)
        if limit is None:
            self.slow_text.set_text("")
        else:
            self.slow_strip.set_x(limit)
            self.slow_strip.set_width(_XLIM[1] - limit)
            self.slow_text.set_text(f"too slow to start (over "
                                    f"{_fmt_seconds(limit)})")

        for item, marker in zip(self.rungs, self.markers, strict=True):
            style = RANK_STYLE[_state(by_key[item.key])]
            marker.set_marker(style["marker"])
            marker.set_markersize(style["size"])
            marker.set_markerfacecolor(style["color"])

        for item, bar, label in zip(self.rungs, self.bar_rows,
                                    self.bar_labels, strict=True):
            ranking = by_key[item.key]
            style = RANK_STYLE[_state(ranking)]
            width = max(ranking.score, 0)
            bar.set_width(width)
            bar.set_facecolor(style["color"])
            bar.set_hatch(style["hatch"])
            label.set_x(width + 2)
            label.set_text(f"#{ranking.rank} ({ranking.score})")
            label.set_fontweight("bold" if ranking.rank == 1 else "normal")

        for text, words in zip(self.profile_texts, _profile_words(*profile),
                               strict=True):
            text.set_text(words)
        self.rankings, self.profile = rankings, profile
        return self.fig

    def png(self) -> bytes:
        """The current figure as PNG bytes, redrawing only the regions that
        changed since the last call."""
        states = tuple(_state(r) for r in sorted(self.rankings,
                                                  key=lambda r: r.rung.key))
        shaded = (self.need_text.get_text(), self.slow_text.get_text(),
                  self.slow_strip.get_x())
        rows = [(bar.get_width(), bar.get_hatch(), label.get_text())
                for bar, label in zip(self.bar_rows, self.bar_labels,
                                      strict=True)]
        slots = [text.get_text() for text in self.profile_texts]
        return self.renderer.png([(shaded, states), *rows, *slots])


def ladder_figure(trust: str = "trusted", tenancy: str = "single",
                  sensitivity: str = "low",
                  startup: str = "subsecond") -> Figure:
    """The isolation ladder ranked for one profile, as a new Figure."""
    return LadderFigure(trust, tenancy, sensitivity, startup).fig


class BoundaryFigure:
    """A container's isolation boundaries under chosen settings.

    One row per boundary (namespaces, capabilities, seccomp, LSM, devices,
    user, filesystem): a tile coloured and hatched by state and, in words,
    ``intact``, ``WEAKENED by ...`` or ``REMOVED by ...``.

    Parameters
    ----------
    settings : dict of str to bool, optional
        See :func:`cloudsec.containers.normalize_settings`; none means the
        hardened configuration.
    dpi : float
        Resolution of :meth:`png`.
    """

    def __init__(self, settings: dict | None = None, dpi: float | None = None):
        self.keys = list(ct.BOUNDARIES)
        self.fig = Figure(figsize=(7.6, 4.4))
        ax = self.fig.add_axes((0.33, 0.17, 0.65, 0.7))
        self.ax = ax
        ypos = list(range(len(self.keys)))[::-1]
        self.tiles = ax.barh(ypos, [0.13] * len(ypos), height=0.78,
                             edgecolor="black", linewidth=0.6)
        self.texts = [ax.text(0.16, y, "", va="center", ha="left",
                              fontsize=9, linespacing=1.0)
                      for y in ypos]
        ax.set_yticks(ypos, [ct.boundary_label(k, title=True)
                             for k in self.keys], fontsize=9)
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        despine(ax, "top", "right", "bottom", "left")
        ax.tick_params(axis="y", length=0)
        self.fig.legend(
            handles=style_handles(BOUNDARY_STYLE),
            loc="lower center", ncol=3, frameon=False, fontsize=9,
            bbox_to_anchor=(0.5, 0.01))
        self.title = self.fig.suptitle("", fontsize=10.5)
        self.status: dict[str, dict] = {}
        self.update(settings)
        ax.set_ylim(-0.5, len(ypos) - 0.5)
        rows = [([tile, text], self._row_extent(y))
                for tile, text, y in zip(self.tiles, self.texts, ypos,
                                         strict=True)]
        self.renderer = RegionPNG(
            self.fig, [*rows, ([self.title], self._title_extent)], dpi=dpi)

    def _row_extent(self, y: float) -> Callable[[], Extent]:
        def extent() -> Extent:
            to_pixels = self.ax.transData.transform
            return (0, to_pixels((0, y - 0.5))[1], self.fig.bbox.width,
                    to_pixels((0, y + 0.5))[1])
        return extent

    def _title_extent(self) -> Extent:
        top_of_rows = self.ax.transData.transform((0, len(self.keys) - 0.5))
        return (0, top_of_rows[1] + 1, self.fig.bbox.width,
                self.fig.bbox.height)

    def update(self, settings: dict | None = None) -> Figure:
        """Restyle every boundary for ``settings``; return the figure.

        Raises
        ------
        TypeError, ValueError
            For settings :func:`cloudsec.containers.normalize_settings`
            rejects.
        """
        chosen = ct.normalize_settings(settings)
        status = ct.boundary_status(chosen)
        for key, tile, text in zip(self.keys, self.tiles, self.texts,
                                   strict=True):
            state = status[key]["status"]
            style = BOUNDARY_STYLE[state]
            tile.set_facecolor(style["color"])
            tile.set_hatch(style["hatch"])
            by = ", ".join(ct.SETTINGS[s].short for s in status[key]["by"])
            if state == "intact":
                text.set_text("intact")
                text.set_fontweight("normal")
            else:
                # two lines fit a row; the readout lists every setting
                lines = textwrap.wrap(f"{state.upper()} by {by}", 46)
                if len(lines) > 2:
                    lines = [lines[0], lines[1][:44] + "…"]
                text.set_text("\n".join(lines))
                text.set_fontweight("bold" if state == "removed"
                                    else "normal")
        counts = {s: sum(1 for v in status.values() if v["status"] == s)
                  for s in ct.EFFECTS}
        if any(ct.SETTINGS[k].host_control for k, on in chosen.items() if on):
            title = ("Container boundaries: all removed, the Docker socket "
                     "gives host control")
        elif counts["intact"] == len(status):
            title = "Container boundaries: all seven intact"
        else:
            title = (f"Container boundaries: {counts['removed']} removed, "
                     f"{counts['weakened']} weakened, "
                     f"{counts['intact']} intact")
        self.title.set_text(title)
        self.status = status
        return self.fig

    def png(self) -> bytes:
        """The current figure as PNG bytes, redrawing only the rows (and
        title) that changed since the last call."""
        rows = [(self.status[key]["status"], tuple(self.status[key]["by"]))
                for key in self.keys]
        return self.renderer.png([*rows, self.title.get_text()])


def boundary_figure(settings: dict | None = None) -> Figure:
    """The boundaries of a container with ``settings``, as a new Figure."""
    return BoundaryFigure(settings).fig


def escapes_timeline() -> Figure:
    """Five container escapes by year, with what would have stopped them.

    One row per escape, oldest at the top; the marker shape says whether
    the flaw was in the container runtime (square) or the kernel (circle),
    and the text beside it names the boundaries that stop or limit it, or
    says that only a patch helps.
    """
    items = ct.escapes()
    fig = Figure(figsize=(8.4, 3.8))
    ax = fig.add_axes((0.3, 0.2, 0.68, 0.66))
    styles = {"runc": ("s", pal.BLUE, "container runtime (runc)"),
              "Linux kernel": ("o", pal.ORANGE, "Linux kernel")}
    ypos = list(range(len(items)))[::-1]
    for y, item in zip(ypos, items, strict=True):
        marker, colour, _ = styles[item.component]
        ax.plot([item.year], [y], marker=marker, markersize=10,
                markerfacecolor=colour, markeredgecolor="black",
                linestyle="")
        stop = (", ".join(ct.BOUNDARIES[b] for b in item.blocked_by)
                if item.blocked_by else "no default control; patch the kernel")
        said = textwrap.fill(f"stopped or limited by: {stop}", 44)
        ax.text(item.year + 0.2, y, f"{item.component}\n{said}",
                va="center", fontsize=9, linespacing=1.1)
    ax.set_yticks(ypos, [e.title for e in items], fontsize=9)
    ax.set_xlim(2018.5, 2029.5)
    ax.set_ylim(-0.7, len(items) - 0.3)
    ax.set_xticks(range(2019, 2025), [str(y) for y in range(2019, 2025)],
                  fontsize=9)
    ax.set_xlabel("Year disclosed", fontsize=9)
    despine(ax)
    ax.set_title("Five container escapes and what would have stopped them",
                 fontsize=10.5)
    fig.legend(handles=[Line2D([], [], marker=m, linestyle="",
                               markerfacecolor=c, markeredgecolor="black",
                               label=lab)
                        for m, c, lab in styles.values()],
               loc="lower center", ncol=2, frameon=False, fontsize=9)
    return fig
