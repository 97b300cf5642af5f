"""Widgets for lesson 02: the isolation ladder and the container settings.

On the shared widget base (:class:`cloudsec.kit.widget.CourseWidget`):
:mod:`cloudsec.containers` computes, :mod:`cloudsec.containers_plots` draws,
and each widget wires its controls to them.
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import containers as ct
from cloudsec.containers_plots import BoundaryFigure, LadderFigure
from cloudsec.kit.widget import CourseWidget, choice, classed, row

__all__ = [
    "ContainerConfigExplorer",
    "IsolationLadderExplorer",
    "container_config_explorer",
    "describe_ranking",
    "describe_settings",
    "isolation_ladder_explorer",
]


def _choice(description: str, options: dict[str, str], value: str,
            css: str) -> w.ToggleButtons:
    return choice(description, [(label, key) for key, label in options.items()],
                  value, css)


class IsolationLadderExplorer(CourseWidget):
    """Four questions about a workload that re-rank the isolation ladder.

    Attributes
    ----------
    trust, tenancy, sensitivity, startup : ipywidgets.ToggleButtons
    figure : LadderFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-isolation-ladder"

    def __init__(self, trust: str = "trusted", tenancy: str = "single",
                 sensitivity: str = "low", startup: str = "subsecond"):
        self.figure = LadderFigure(trust, tenancy, sensitivity, startup)
        trust, tenancy, sensitivity, startup = self.figure.profile
        self.trust = _choice("Who wrote the code", ct.TRUST, trust,
                             "cloudsec-trust")
        self.tenancy = _choice("Who shares the hosts", ct.TENANCY, tenancy,
                               "cloudsec-tenancy")
        self.sensitivity = _choice("Data sensitivity", ct.SENSITIVITY,
                                   sensitivity, "cloudsec-sensitivity")
        self.startup = _choice("Must start in", ct.STARTUP, startup,
                               "cloudsec-startup")
        self.build([self.trust, self.tenancy, self.sensitivity, self.startup])

    def state(self) -> tuple[str, str, str, str]:
        return (self.trust.value, self.tenancy.value, self.sensitivity.value,
                self.startup.value)

    def describe(self, state) -> str:
        return describe_ranking(*state)


def describe_ranking(trust: str, tenancy: str, sensitivity: str,
                     startup: str) -> str:
    """HTML that names the top option for a profile, and why."""
    rankings = ct.rank_isolation(trust, tenancy, sensitivity, startup)
    need, why_need = ct.required_strength(trust, tenancy, sensitivity)
    top, second = rankings[0], rankings[1]
    esc = html.escape
    parts = [
        f"Top option: <b>{esc(top.rung.label)}</b> (score {top.score}).",
        f"Needed isolation: level {need}, {esc(ct.STRENGTHS[need])}, "
        f"because {esc('; '.join(why_need))}.",
        f"Why {esc(top.rung.label)}: {esc('; '.join(top.reasons))}.",
    ]
    if not (top.meets_need and top.fast_enough):
        parts.append("No option both meets the need and starts fast enough: "
                     "this is the best compromise, and the gap is a risk "
                     "someone has to accept or remove.")
    parts.append(f"Runner-up: {esc(second.rung.label)} (score {second.score})"
                 f": {esc('; '.join(second.reasons[:2]))}.")
    return "<br>".join(parts)


class ContainerConfigExplorer(CourseWidget):
    """Toggle risky container settings and see which boundaries fall.

    Attributes
    ----------
    toggles : dict of setting key -> ipywidgets.ToggleButton
        (``cloudsec-setting cloudsec-setting-<key>``; each says "on" or
        "off" in text as well as in colour)
    figure : BoundaryFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-container-config"

    def __init__(self, settings: dict | None = None):
        chosen = ct.normalize_settings(settings)
        self.figure = BoundaryFigure(chosen)
        self.toggles = {
            key: classed(
                w.ToggleButton(value=chosen[key], description=item.label,
                               tooltip=item.flag,
                               layout=w.Layout(width="auto")),
                "cloudsec-toggle", "cloudsec-setting", f"cloudsec-setting-{key}")
            for key, item in ct.SETTINGS.items()}
        self.build([row(*self.toggles.values())],
                   observe=self.toggles.values())

    @property
    def settings(self) -> dict[str, bool]:
        """The settings as the toggles show them."""
        return {key: toggle.value for key, toggle in self.toggles.items()}

    def state(self) -> tuple[tuple[str, bool], ...]:
        return tuple(self.settings.items())

    def draw(self, state) -> bytes:
        self.figure.update(dict(state))
        return self.figure.png()

    def describe(self, state) -> str:
        return describe_settings(dict(state))


def describe_settings(settings: dict) -> str:
    """HTML listing what each chosen setting removes or weakens."""
    lines = ct.explain_settings(settings)
    if not lines:
        return ("No risky setting is chosen: all seven boundaries are intact "
                "(non-root user, default seccomp and LSM profiles, "
                "no-new-privileges, read-only root filesystem, nothing shared "
                "with or mounted from the host).")
    status = ct.boundary_status(settings)
    removed = [ct.BOUNDARIES[b] for b, s in status.items()
               if s["status"] == "removed"]
    weakened = [ct.BOUNDARIES[b] for b, s in status.items()
                if s["status"] == "weakened"]
    summary = (f"<b>{len(removed)} removed</b>, {len(weakened)} weakened, "
               f"{len(status) - len(removed) - len(weakened)} intact.")
    return "<br>".join([summary, *(html.escape(line) for line in lines)])


def isolation_ladder_explorer(trust: str = "trusted", tenancy: str = "single",
                              sensitivity: str = "low",
                              startup: str = "subsecond") -> w.VBox:
    """Build the isolation-ladder explorer and return the widget to show."""
    return IsolationLadderExplorer(trust, tenancy, sensitivity,
                                   startup).widget


def container_config_explorer(settings: dict | None = None) -> w.VBox:
    """Build the container-settings explorer and return the widget to show."""
    return ContainerConfigExplorer(settings).widget
