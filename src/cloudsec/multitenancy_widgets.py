"""Interactive widgets for lesson 06 (multi-tenancy), on the shared base.

:mod:`cloudsec.multitenancy` computes, :mod:`cloudsec.multitenancy_plots`
draws, and each widget wires its controls to them (see
:class:`cloudsec.kit.widget.CourseWidget`).
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w

from cloudsec import multitenancy as mt
from cloudsec.kit.widget import CourseWidget, choice, number
from cloudsec.multitenancy_plots import (
    CoresidencyFigure,
    LatencyFigure,
    format_ms,
    format_percent,
)

__all__ = [
    "CoresidencyExplorer",
    "NoisyNeighbourSimulator",
    "coresidency_explorer",
    "describe_coresidency",
    "describe_latency",
    "noisy_neighbour_simulator",
]


def _ratio(value: float) -> str:
    return f"{value:.1f}x" if value < 100 else f"{value:,.0f}x"


@lru_cache(maxsize=256)
def _quiet_baseline(capacity: float, victim_load: float,
                    seed: int) -> mt.LatencyResult:
    # The same host and victim with every neighbour silent; cached because
    # moving the neighbour slider does not change it.
    return mt.simulate_latency(capacity, victim_load, (), seed=seed)


def describe_latency(capacity: float, victim_load: float,
                     neighbour_load: float, seed: int = 0) -> str:
    """HTML text that says what the noisy-neighbour figure shows.

    Examples
    --------
    >>> from cloudsec.multitenancy_widgets import describe_latency
    >>> describe_latency(1000, 200, 600).split("<br>")[0]
    'Victim p99 latency: <b>22 ms</b> (3.7x the quiet baseline); host utilisation 80%.'
    """
    result = mt.simulate_latency(capacity, victim_load, [neighbour_load],
                                 seed=seed)
    return _describe_latency(result, _quiet_baseline(capacity, victim_load,
                                                     seed))


def _describe_latency(result: mt.LatencyResult,
                      quiet: mt.LatencyResult) -> str:
    ratio = result.p99_ms / quiet.p99_ms
    head = (f"Victim p99 latency: <b>{format_ms(result.p99_ms)}</b> "
            f"({_ratio(ratio)} the quiet baseline); ")
    if result.saturated:
        head += (f"host demand {result.utilisation:.0%} of capacity: "
                 "<b>saturated</b>.")
    else:
        head += f"host utilisation {result.utilisation:.0%}."
    parts = [
        head,
        f"Simulated p50 {format_ms(result.p50_ms)}, p95 "
        f"{format_ms(result.p95_ms)}, p99 {format_ms(result.p99_ms)} over "
        f"{result.victim_requests:,} victim requests. Quiet baseline (no "
        f"neighbour load): p99 {format_ms(quiet.p99_ms)}.",
    ]
    if result.saturated:
        parts.append(
            "Requests arrive faster than the host can serve them, so the "
            "queue grows for as long as the overload lasts: these numbers "
            "grow with the length of the run and have no steady value.")
    return "<br>".join(parts)


class NoisyNeighbourSimulator(CourseWidget):
    """A shared host's capacity and two tenants' loads, redrawing the
    victim's latency.

    Attributes
    ----------
    capacity, victim_load, neighbour_load : ipywidgets.BoundedIntText
        CSS classes ``cloudsec-capacity``, ``cloudsec-victim-load``,
        ``cloudsec-neighbour-load``; requests per second (arrow keys step).
    figure : LatencyFigure, updated in place
    result : the latest simulation
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-noisy-neighbour"

    def __init__(self, capacity: int = 1000, victim_load: int = 200,
                 neighbour_load: int = 0, seed: int = 0):
        self.seed = seed
        self.capacity = number("Host capacity (req/s)", capacity, 200, 2000,
                               100, "cloudsec-capacity")
        self.victim_load = number("Victim load (req/s)", victim_load, 50, 1000,
                                  50, "cloudsec-victim-load")
        self.neighbour_load = number("Neighbour load (req/s)", neighbour_load,
                                     0, 2000, 50, "cloudsec-neighbour-load")
        self.figure = LatencyFigure(max_neighbour_load=self.neighbour_load.max)
        self.result = None
        self.build([self.capacity, self.victim_load, self.neighbour_load])

    def state(self) -> tuple[int, int, int]:
        return (self.capacity.value, self.victim_load.value,
                self.neighbour_load.value)

    def draw(self, state) -> bytes:
        capacity, victim, neighbour = state
        self.result = mt.simulate_latency(capacity, victim, [neighbour],
                                          seed=self.seed)
        self.figure.update(capacity, victim, neighbour, self.result)
        return self.figure.png()

    def describe(self, state) -> str:
        capacity, victim, neighbour = state
        return (_describe_latency(self.result,
                                  _quiet_baseline(capacity, victim, self.seed))
                + f"<br>Setting: host capacity {capacity:,} req/s, victim load "
                f"{victim:,} req/s, neighbour load {neighbour:,} req/s.")


def noisy_neighbour_simulator(capacity: int = 1000, victim_load: int = 200,
                              neighbour_load: int = 0) -> w.VBox:
    """Build the noisy-neighbour simulator and return the widget to show."""
    return NoisyNeighbourSimulator(capacity, victim_load,
                                   neighbour_load).widget


FLEET_SIZES = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000)
"""Fleet sizes the co-residency explorer offers, in hosts."""


def describe_coresidency(fleet_hosts: int, placement: str, launches: int,
                         victim_hosts: int = 1,
                         slots_per_host: int = 8) -> str:
    """HTML text that says what the co-residency figure shows.

    Examples
    --------
    >>> from cloudsec.multitenancy_widgets import describe_coresidency
    >>> describe_coresidency(1000, "random", 20).split("<br>")[0]
    'With 20 launches on a fleet of 1,000 hosts under random placement, \
the chance of sharing a host with the victim is <b>2.0%</b>.'
    """
    policy = mt.placement(placement)
    chance = mt.coresidency_probability(fleet_hosts, policy.key, launches,
                                        victim_hosts, slots_per_host)
    name = policy.key if policy.key != "dedicated" else "dedicated-host"
    plural = "" if launches == 1 else "es"
    parts = [
        f"With {launches:,} launch{plural} on a fleet of {fleet_hosts:,} "
        f"hosts under {name} placement, the chance of sharing a host with "
        f"the victim is <b>{format_percent(chance)}</b>.",
    ]
    if policy.key == "random":
        parts.append("Every launch is a fresh, independent draw from the "
                     "whole fleet.")
    elif policy.key == "packed":
        spread = -(-launches // slots_per_host)
        parts.append(
            f"Hosts are filled in order, {slots_per_host} instances each, so "
            f"the launches land together on only about {spread:,} "
            f"host{'' if spread == 1 else 's'}.")
    else:
        parts.append("The victim's hosts take no other account's instances, "
                     "so no number of launches reaches them.")
    needed = mt.launches_for(0.5, fleet_hosts, policy.key, victim_hosts,
                             slots_per_host)
    if needed is not None:
        parts.append(f"An even (50%) chance takes {needed:,} launches under "
                     "this policy.")
    return "<br>".join(parts)


class CoresidencyExplorer(CourseWidget):
    """Fleet size, placement policy and attacker launches, redrawing the
    chance of co-residency.

    Attributes
    ----------
    fleet : ipywidgets.ToggleButtons (``cloudsec-fleet``), hosts
    placement : ipywidgets.ToggleButtons (``cloudsec-placement``)
    launches : ipywidgets.BoundedIntText (``cloudsec-launches``)
    figure : CoresidencyFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-coresidency"

    def __init__(self, fleet_hosts: int = 1000, placement: str = "random",
                 launches: int = 20, max_launches: int = 200):
        if fleet_hosts not in FLEET_SIZES:
            raise ValueError(f"fleet_hosts must be one of {FLEET_SIZES}, "
                             f"not {fleet_hosts!r}")
        self.fleet = choice("Fleet (hosts)",
                            [(f"{n:,}", n) for n in FLEET_SIZES], fleet_hosts,
                            "cloudsec-fleet")
        self.placement = choice(
            "Placement", [(p.label, p.key) for p in mt.PLACEMENTS.values()],
            mt.placement(placement).key, "cloudsec-placement")
        self.launches = number("Attacker launches", launches, 0, max_launches,
                               1, "cloudsec-launches")
        self.figure = CoresidencyFigure(max_launches=max_launches)
        self.build([self.fleet, self.placement, self.launches])

    def state(self) -> tuple[int, str, int]:
        return self.fleet.value, self.placement.value, self.launches.value

    def describe(self, state) -> str:
        fleet, policy, launches = state
        return describe_coresidency(fleet, policy, launches,
                                    self.figure.victim_hosts,
                                    self.figure.slots_per_host)


def coresidency_explorer(fleet_hosts: int = 1000, placement: str = "random",
                         launches: int = 20) -> w.VBox:
    """Build the co-residency explorer and return the widget to show."""
    return CoresidencyExplorer(fleet_hosts, placement, launches).widget
