"""Widgets for lesson 02: the isolation ladder and the container settings.

Thin, like :mod:`cloudsec.widgets`: :mod:`cloudsec.containers` computes,
:mod:`cloudsec.container_plots` draws, and each widget wires its controls to
them, updates one figure in place and shows it as a PNG in an ``Image``,
with a text readout that says the same thing in words. Every widget and
control carries a stable CSS class (``cloudsec-...``) for the browser tests.
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import containers as ct
from cloudsec.container_plots import BoundaryFigure, LadderFigure

__all__ = [
    "ContainerConfigExplorer",
    "IsolationLadderExplorer",
    "container_config_explorer",
    "describe_ranking",
    "describe_settings",
    "isolation_ladder_explorer",
]


def _classed(widget: w.DOMWidget, *classes: str) -> w.DOMWidget:
    for css in classes:
        widget.add_class(css)
    return widget


def _dropdown(description: str, options: dict[str, str], value: str,
              css: str) -> w.Dropdown:
    return _classed(
        w.Dropdown(options=[(label, key) for key, label in options.items()],
                   value=value, description=description,
                   style={"description_width": "initial"},
                   layout=w.Layout(width="auto")),
        css)


class IsolationLadderExplorer:
    """Four questions about a workload that re-rank the isolation ladder.

    Attributes
    ----------
    trust, tenancy, sensitivity, startup : ipywidgets.Dropdown
    image : ipywidgets.Image showing the ladder
    readout : ipywidgets.HTML naming the top option and why
    widget : the container to display
    """

    def __init__(self, trust: str = "trusted", tenancy: str = "single",
                 sensitivity: str = "low", startup: str = "subsecond"):
        self.figure = LadderFigure(trust, tenancy, sensitivity, startup)
        trust, tenancy, sensitivity, startup = self.figure.profile
        self.trust = _dropdown("Who wrote the code", ct.TRUST, trust,
                               "cloudsec-trust")
        self.tenancy = _dropdown("Who shares the hosts", ct.TENANCY, tenancy,
                                 "cloudsec-tenancy")
        self.sensitivity = _dropdown("Data sensitivity", ct.SENSITIVITY,
                                     sensitivity, "cloudsec-sensitivity")
        self.startup = _dropdown("Must start in", ct.STARTUP, startup,
                                 "cloudsec-startup")
        self.image = _classed(w.Image(format="png"), "cloudsec-figure")
        self.readout = _classed(w.HTML(), "cloudsec-readout")
        controls = (self.trust, self.tenancy, self.sensitivity, self.startup)
        for control in controls:
            control.observe(self._on_change, names="value")
        self.widget = _classed(
            w.VBox([w.HBox(controls[:2]), w.HBox(controls[2:]), self.image,
                    self.readout]),
            "cloudsec-widget", "cloudsec-isolation-ladder")
        self.redraw()

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Re-rank, update the figure in place and rewrite the readout."""
        profile = (self.trust.value, self.tenancy.value,
                   self.sensitivity.value, self.startup.value)
        self.figure.update(*profile)
        self.image.value = self.figure.png()
        self.readout.value = describe_ranking(*profile)


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


class ContainerConfigExplorer:
    """Toggle risky container settings and see which boundaries fall.

    Attributes
    ----------
    toggles : dict of setting key -> ipywidgets.ToggleButton
    image : ipywidgets.Image showing the boundaries
    readout : ipywidgets.HTML listing what each setting removes
    widget : the container to display
    """

    def __init__(self, settings: dict | None = None):
        chosen = ct.normalize_settings(settings)
        self.figure = BoundaryFigure(chosen)
        self.toggles = {}
        for key, item in ct.SETTINGS.items():
            toggle = _classed(
                w.ToggleButton(value=chosen[key], description=item.label,
                               tooltip=item.flag,
                               layout=w.Layout(width="240px")),
                "cloudsec-setting", f"cloudsec-setting-{key}")
            toggle.observe(self._on_change, names="value")
            self.toggles[key] = toggle
        self.image = _classed(w.Image(format="png"), "cloudsec-figure")
        self.readout = _classed(w.HTML(), "cloudsec-readout")
        grid = w.GridBox(list(self.toggles.values()),
                         layout=w.Layout(
                             grid_template_columns="repeat(3, 245px)"))
        self.widget = _classed(w.VBox([grid, self.image, self.readout]),
                               "cloudsec-widget", "cloudsec-container-config")
        self.redraw()

    @property
    def settings(self) -> dict[str, bool]:
        """The settings as the toggles show them."""
        return {key: toggle.value for key, toggle in self.toggles.items()}

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Update the figure in place and rewrite the readout."""
        settings = self.settings
        self.figure.update(settings)
        self.image.value = self.figure.png()
        self.readout.value = describe_settings(settings)


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
