"""Figures for lesson 06 (multi-tenancy). Every function returns a Figure.

Like :mod:`cloudsec.kit.render`, figures are built on
:class:`matplotlib.figure.Figure` without pyplot, so making one changes no
global state. The two figures a widget redraws (:class:`LatencyFigure` and
:class:`CoresidencyFigure`) keep their axes, ticks and legend and change
only their lines, markers and labels; their :meth:`png` redraws only those
(:class:`cloudsec.kit.render.FastPNG`).

Accessibility: colours are from the Okabe-Ito palette and never carry
meaning alone. Percentile curves differ in line style and marker shape as
well as colour, and every simulated point is labelled with its value in
text; the saturated region is hatched and labelled; placement policies
differ in line style and the selected one is thicker and labelled at the
current point; timeline events are named on the axis and their kinds differ
in marker shape.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, PercentFormatter

from cloudsec import multitenancy as mt
from cloudsec.kit import palette as pal
from cloudsec.kit.render import FastPNG

__all__ = [
    "KIND_STYLE",
    "PERCENTILE_STYLE",
    "PLACEMENT_STYLE",
    "CoresidencyFigure",
    "LatencyFigure",
    "coresidency_figure",
    "format_ms",
    "format_percent",
    "hardware_timeline_figure",
    "latency_figure",
]

# Okabe-Ito blue / orange / vermillion, with a line style and a marker each.
PERCENTILE_STYLE = {
    50: {"color": pal.BLUE, "linestyle": "-", "marker": "o",
         "label": "p50 (median)"},
    95: {"color": pal.ORANGE, "linestyle": "--", "marker": "s",
         "label": "p95"},
    99: {"color": pal.VERMILLION, "linestyle": ":", "marker": "^",
         "label": "p99"},
}

PLACEMENT_STYLE = {
    "random": {"color": pal.BLUE, "linestyle": "-"},
    "packed": {"color": pal.ORANGE, "linestyle": "--"},
    "dedicated": {"color": pal.BLUISH_GREEN, "linestyle": "-."},
}

KIND_STYLE = {
    "co-residency": {"color": pal.BLUE, "marker": "o"},
    "cache side channel": {"color": pal.BLUISH_GREEN, "marker": "s"},
    "Rowhammer": {"color": pal.REDDISH_PURPLE, "marker": "D"},
    "transient execution": {"color": pal.VERMILLION, "marker": "^"},
}

_SATURATED_HATCH = "//"


def format_ms(value: float) -> str:
    """A latency in milliseconds as readers expect it: ``'5.8 ms'``,
    ``'42 ms'``, ``'12,300 ms'``."""
    if not np.isfinite(value):
        return "unbounded"
    if value < 10:
        return f"{value:.1f} ms"
    return f"{value:,.0f} ms"


def _thousands(value: float) -> str:
    return f"{value:,.0f}"


class LatencyFigure:
    """Victim latency against neighbour load, redrawable in place.

    The curves are the victim's p50, p95 and p99 latency from queueing
    theory (:func:`cloudsec.multitenancy.mm1_percentile_ms`) for the current
    capacity and victim load, over the whole range of neighbour loads; the
    markers are a simulation at the current setting
    (:func:`cloudsec.multitenancy.simulate_latency`), each labelled with its
    value. Where demand reaches the host's capacity the curves stop and the
    region is hatched: there is no steady state, the queue keeps growing.

    Parameters
    ----------
    max_neighbour_load : float
        Right end of the x axis, in requests per second.
    dpi : float
        Resolution of :meth:`png`.
    """

    #: fixed y range in ms (log scale), so that axes and ticks never change
    y_range = (0.1, 1e5)

    def __init__(self, max_neighbour_load: float = 2000, dpi: float | None = None):
        self.max_load = float(max_neighbour_load)
        self.fig = Figure(figsize=(7.4, 4.6))
        # fixed layout: constrained layout would re-solve on every redraw
        self.fig.subplots_adjust(left=0.125, right=0.97, top=0.9,
                                 bottom=0.27)
        ax = self.fig.add_subplot()
        self.ax = ax
        ax.set_xlim(0, self.max_load)
        ax.set_yscale("log")
        ax.set_ylim(*self.y_range)
        ax.yaxis.set_major_formatter(FuncFormatter(
            lambda v, _: f"{v:g}" if v < 1 else _thousands(v)))
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda v, _: _thousands(v)))
        ax.set_xlabel("Neighbour load (requests per second)")
        ax.set_ylabel("Victim latency (ms, log scale)")
        ax.grid(True, which="major", color=pal.RULE_GREY, linewidth=0.6)
        ax.set_axisbelow(True)
        self.grid_x = np.linspace(0, self.max_load, 401)

        self.span = Rectangle((self.max_load, 0), 0, 1,
                              transform=ax.get_xaxis_transform(),
                              facecolor=pal.PALE_GREY, edgecolor=pal.GREY,
                              hatch=_SATURATED_HATCH, linewidth=0.8,
                              zorder=0.6)
        ax.add_patch(self.span)
        self.span_text = ax.text(0, 0.97, "", transform=ax.get_xaxis_transform(),
                                 ha="left", va="top", fontsize=8.5,
                                 fontweight="bold",
                                 bbox={"facecolor": "white", "alpha": 0.9,
                                       "edgecolor": "none", "pad": 1.5})
        self.now = ax.axvline(0, color=pal.GREY, linewidth=1,
                              linestyle=(0, (2, 2)), zorder=1)
        self.curves, self.points, self.labels = {}, {}, {}
        for q, style in PERCENTILE_STYLE.items():
            (self.curves[q],) = ax.plot([], [], color=style["color"],
                                        linestyle=style["linestyle"],
                                        linewidth=2, zorder=2)
            (self.points[q],) = ax.plot([], [], linestyle="none",
                                        marker=style["marker"],
                                        markersize=8, color=style["color"],
                                        markeredgecolor="black", zorder=4)
            self.labels[q] = ax.text(0, 1, "", fontsize=8.5, va="center",
                                     zorder=5,
                                     bbox={"facecolor": "white", "alpha": 0.85,
                                           "edgecolor": "none", "pad": 1})
        handles = [
            Line2D([], [], color=s["color"], linestyle=s["linestyle"],
                   linewidth=2, label=f"{s['label']}: theory (M/M/1)")
            for s in PERCENTILE_STYLE.values()
        ] + [
            Line2D([], [], color=s["color"], linestyle="none",
                   marker=s["marker"], markeredgecolor="black", markersize=7,
                   label=f"{s['label']}: simulated now")
            for s in PERCENTILE_STYLE.values()
        ] + [
            Line2D([], [], color=pal.GREY, linestyle=(0, (2, 2)),
                   label="current neighbour load"),
            Patch(facecolor=pal.PALE_GREY, edgecolor=pal.GREY,
                  hatch=_SATURATED_HATCH,
                  label="saturated: demand ≥ capacity"),
        ]
        ax.legend(handles=handles, loc="upper center",
                  bbox_to_anchor=(0.5, -0.13), ncol=3, frameon=False,
                  fontsize=8)
        # The title is static; the setting goes in a short subtitle, which is
        # all that a redraw has to render of it.
        ax.set_title("Victim latency on a shared host", fontsize=10.5, pad=17)
        self.subtitle = ax.text(0.5, 1.012, "", transform=ax.transAxes,
                                ha="center", va="bottom", fontsize=9)
        self.state = None
        self.renderer = FastPNG(
            self.fig,
            [self.span, self.span_text, self.now, *self.curves.values(),
             *self.points.values(), *self.labels.values(), self.subtitle,
             *ax.spines.values()],
            dpi=dpi)

    def update(self, capacity: float, victim_load: float,
               neighbour_load: float, result: mt.LatencyResult) -> Figure:
        """Redraw for one setting and its simulation result; return the
        figure.

        Parameters
        ----------
        capacity, victim_load, neighbour_load : float
            The setting, in requests per second (``neighbour_load`` is the
            total of all neighbours).
        result : LatencyResult
            :func:`cloudsec.multitenancy.simulate_latency` at that setting.
        """
        total = victim_load + self.grid_x
        for q, line in self.curves.items():
            y = mt.mm1_percentile_ms(capacity, total, q)
            line.set_data(self.grid_x, np.where(np.isfinite(y), y, np.nan))
        edge = capacity - victim_load  # neighbour load that saturates
        start = min(max(edge, 0.0), self.max_load)
        self.span.set_x(start)
        self.span.set_width(self.max_load - start)
        self.span.set_visible(start < self.max_load)
        self.span_text.set_visible(start < self.max_load)
        right_side = start < 0.7 * self.max_load
        self.span_text.set_x(start + 0.01 * self.max_load if right_side
                             else start - 0.01 * self.max_load)
        self.span_text.set_ha("left" if right_side else "right")
        self.span_text.set_text("saturated")
        self.now.set_xdata([neighbour_load, neighbour_load])
        low, high = self.y_range
        flip = neighbour_load > 0.62 * self.max_load
        for q, value in result.percentiles.items():
            shown = min(max(value, low * 1.1), high / 1.1)
            self.points[q].set_data([neighbour_load], [shown])
            label = self.labels[q]
            label.set_text(f"p{q} {format_ms(value)}")
            label.set_position((neighbour_load + (-1 if flip else 1)
                                * 0.025 * self.max_load, shown))
            label.set_ha("right" if flip else "left")
        self._declutter(result)
        self.subtitle.set_text(
            f"host capacity {_thousands(capacity)} req/s, victim load "
            f"{_thousands(victim_load)} req/s")
        self.state = (capacity, victim_load, neighbour_load, result)
        return self.fig

    def _declutter(self, result: mt.LatencyResult) -> None:
        # Keep the three value labels (p50 < p95 < p99) at least `gap`
        # decades apart on the log axis so that they never overprint, and
        # below the top of the axes; the markers stay where they are.
        gap, top = 0.28, np.log10(self.y_range[1]) - 0.15
        logs = [np.log10(min(max(v, self.y_range[0] * 1.1), self.y_range[1]))
                for v in result.percentiles.values()]
        for i in range(1, len(logs)):
            logs[i] = max(logs[i], logs[i - 1] + gap)
        logs[-1] = min(logs[-1], top)
        for i in range(len(logs) - 2, -1, -1):
            logs[i] = min(logs[i], logs[i + 1] - gap)
        for label, y in zip(self.labels.values(), logs, strict=True):
            label.set_y(10 ** y)

    def png(self) -> bytes:
        """The current figure as PNG bytes, redrawing only what changes."""
        return self.renderer.png()


def latency_figure(capacity: float = 1000, victim_load: float = 200,
                   neighbour_load: float = 600, seed: int = 0) -> Figure:
    """Victim latency against neighbour load, with one simulated setting.

    Parameters
    ----------
    capacity, victim_load, neighbour_load : float
        Requests per second (see
        :func:`cloudsec.multitenancy.simulate_latency`).
    seed : int
        Seed of the simulation.
    """
    figure = LatencyFigure()
    result = mt.simulate_latency(capacity, victim_load, [neighbour_load],
                                 seed=seed)
    return figure.update(capacity, victim_load, neighbour_load, result)


def format_percent(probability: float) -> str:
    """A probability as a percentage with one decimal, never rounding a
    non-zero chance to 0% or a chance below 1 to 100%."""
    if probability <= 0:
        return "0%"
    if probability < 0.001:
        return "<0.1%"
    if 0.999 < probability < 1:
        return ">99.9%"
    return f"{100 * probability:.1f}%"


#: tops the co-residency y axis can take, so that the curves fill it
_Y_TOPS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)


class CoresidencyFigure:
    """Chance of co-residency against attacker launches, redrawable in place.

    One curve per placement policy for the current fleet; the selected
    policy's curve is thicker and carries a marker, labelled with the
    chance, at the current number of launches.

    Parameters
    ----------
    max_launches : int
        Right end of the x axis.
    victim_hosts, slots_per_host : int
        Fixed model parameters (see
        :func:`cloudsec.multitenancy.coresidency_probability`).
    dpi : float
        Resolution of :meth:`png`.
    """

    def __init__(self, max_launches: int = 200, victim_hosts: int = 1,
                 slots_per_host: int = 8, dpi: float | None = None):
        self.max_launches = int(max_launches)
        self.victim_hosts = victim_hosts
        self.slots_per_host = slots_per_host
        self.launch_grid = np.arange(self.max_launches + 1)
        self.fig = Figure(figsize=(7.4, 4.3))
        self.fig.subplots_adjust(left=0.11, right=0.97, top=0.91, bottom=0.22)
        ax = self.fig.add_subplot()
        self.ax = ax
        ax.set_xlim(0, self.max_launches)
        ax.set_ylim(-0.02, 1.02)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel("Attacker launches (instances)")
        ax.set_ylabel("Chance of sharing a host with the victim (%)")
        ax.grid(True, color=pal.RULE_GREY, linewidth=0.6)
        ax.set_axisbelow(True)
        self.curves = {}
        for key, style in PLACEMENT_STYLE.items():
            (self.curves[key],) = ax.plot([], [], color=style["color"],
                                          linestyle=style["linestyle"],
                                          zorder=2)
        (self.marker,) = ax.plot([], [], linestyle="none", marker="o",
                                 markersize=9, markerfacecolor="white",
                                 markeredgecolor="black",
                                 markeredgewidth=2, zorder=4)
        self.note = ax.text(0, 0, "", fontsize=9, fontweight="bold",
                            va="bottom", zorder=5,
                            bbox={"facecolor": "white", "alpha": 0.9,
                                  "edgecolor": pal.GREY, "pad": 2})
        handles = [
            Line2D([], [], color=style["color"], linestyle=style["linestyle"],
                   linewidth=2, label=mt.placement(key).label)
            for key, style in PLACEMENT_STYLE.items()
        ] + [Line2D([], [], linestyle="none", marker="o",
                    markerfacecolor="white", markeredgecolor="black",
                    markeredgewidth=2, label="current setting")]
        ax.legend(handles=handles, loc="upper center",
                  bbox_to_anchor=(0.5, -0.13), ncol=4, frameon=False,
                  fontsize=8.5)
        self.fleet = None
        self._cache: dict[int, dict[str, np.ndarray]] = {}
        self.state = None
        self.renderer = FastPNG(
            self.fig,
            [*self.curves.values(), self.marker, self.note, ax.title,
             *ax.spines.values()],
            dpi=dpi)

    def curve(self, fleet_hosts: int, placement: str) -> np.ndarray:
        """Chance of co-residency for 0..max_launches launches."""
        if fleet_hosts not in self._cache:
            self._cache[fleet_hosts] = {
                key: np.array([mt.coresidency_probability(
                    fleet_hosts, key, int(k), self.victim_hosts,
                    self.slots_per_host) for k in self.launch_grid])
                for key in PLACEMENT_STYLE
            }
        return self._cache[fleet_hosts][mt.placement(placement).key]

    def update(self, fleet_hosts: int, placement: str,
               launches: int) -> Figure:
        """Redraw for a fleet, a policy and a number of launches; return the
        figure."""
        policy = mt.placement(placement).key
        chance = mt.coresidency_probability(
            fleet_hosts, policy, launches, self.victim_hosts,
            self.slots_per_host)
        for key, line in self.curves.items():
            line.set_data(self.launch_grid, self.curve(fleet_hosts, key))
            line.set_linewidth(3.2 if key == policy else 1.4)
            # (zorder stays fixed: FastPNG orders its artists once)
            line.set_alpha(1.0 if key == policy else 0.7)
        # the y axis fits the fleet's curves (tick labels change with it, so
        # the static background is redrawn)
        peak = max(float(self.curve(fleet_hosts, key).max())
                   for key in self.curves)
        top = next(t for t in _Y_TOPS if t >= min(peak * 1.1, 1.0))
        if self.ax.get_ylim()[1] != top * 1.02:
            self.ax.set_ylim(-0.02 * top, top * 1.02)
            if hasattr(self, "renderer"):
                self.renderer.invalidate()
        shown = min(launches, self.max_launches)
        self.marker.set_data([shown], [chance])
        self.note.set_text(f"{launches:,} launches: {format_percent(chance)}")
        left = shown > 0.6 * self.max_launches
        high = chance > 0.8 * top
        self.note.set_position((shown + (-1 if left else 1)
                                * 0.02 * self.max_launches,
                                chance - 0.1 * top if high
                                else chance + 0.04 * top))
        self.note.set_ha("right" if left else "left")
        self.note.set_va("top" if high else "bottom")
        self.ax.set_title(
            f"Chance of sharing a host with the victim: {fleet_hosts:,} hosts, "
            f"{mt.placement(policy).label.lower()} placement", fontsize=10.5)
        self.state = (fleet_hosts, policy, launches, chance)
        return self.fig

    def png(self) -> bytes:
        """The current figure as PNG bytes, redrawing only what changes."""
        return self.renderer.png()


def coresidency_figure(fleet_hosts: int = 1000, placement: str = "random",
                       launches: int = 20) -> Figure:
    """Chance of co-residency against launches, with one setting marked."""
    return CoresidencyFigure().update(fleet_hosts, placement, launches)


def _cve_tag(cves: tuple[str, ...]) -> str:
    # "CVE-2017-5753/-5715/-5754": one prefix for ids of the same year
    if not cves:
        return "research, no CVE"
    first, *rest = cves
    year = first.rsplit("-", 1)[0]
    if all(c.rsplit("-", 1)[0] == year for c in rest):
        return first + "".join(f"/-{c.rsplit('-', 1)[1]}" for c in rest)
    return ", ".join(cves)


def hardware_timeline_figure() -> Figure:
    """The shared-hardware attacks of
    :func:`cloudsec.multitenancy.hardware_timeline` on a time axis.

    One row per event, named on the axis; the marker's shape and colour
    give its kind (also in the legend) and the text beside it its CVE
    identifiers (or says it is research without one).
    """
    events = mt.hardware_timeline()
    fig = Figure(figsize=(8.2, 4.4))
    fig.subplots_adjust(left=0.26, right=0.97, top=0.9, bottom=0.22)
    ax = fig.add_subplot()
    rows = np.arange(len(events))[::-1]
    for y, event in zip(rows, events, strict=True):
        style = KIND_STYLE[event.kind]
        ax.plot([event.when], [y], linestyle="none", marker=style["marker"],
                markersize=9, color=style["color"], markeredgecolor="black")
        late = event.when > 2019
        ax.text(event.when + (-0.35 if late else 0.35), y, _cve_tag(event.cves),
                ha="right" if late else "left", va="center", fontsize=8.5)
    ax.set_yticks(rows, [e.title for e in events], fontsize=9)
    ax.set_xlim(2008, 2024.5)
    ax.set_ylim(-0.7, len(events) - 0.3)
    ax.set_xticks(range(2008, 2025, 2))
    ax.set_xlabel("Year made public")
    ax.grid(True, axis="x", color=pal.RULE_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title("Attacks across tenants on shared hardware, 2009-2023",
                 fontsize=11)
    ax.legend(
        handles=[Line2D([], [], linestyle="none", marker=s["marker"],
                        color=s["color"], markeredgecolor="black",
                        markersize=8, label=kind)
                 for kind, s in KIND_STYLE.items()],
        loc="upper center", bbox_to_anchor=(0.3, -0.12), ncol=4,
        frameon=False, fontsize=8.5)
    return fig
