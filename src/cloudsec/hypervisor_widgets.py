"""Interactive widgets for lesson 01 (hypervisors).

Thin, like :mod:`cloudsec.widgets`: :mod:`cloudsec.hypervisors` computes,
:mod:`cloudsec.hypervisor_plots` draws, and a widget wires one control to
them, updates one figure in place and shows it as a PNG in an ``Image``
widget. Every widget and control carries a stable CSS class
(``cloudsec-...``) for the browser tests, and a text readout says in words
what the figure shows.
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import hypervisors as hv
from cloudsec.hypervisor_plots import BlastRadiusFigure, StackDiagram

__all__ = [
    "BlastRadiusExplorer",
    "HypervisorStackExplorer",
    "blast_radius_explorer",
    "describe_architecture",
    "describe_blast_radius",
    "hypervisor_stack_explorer",
]


def _classed(widget: w.DOMWidget, *classes: str) -> w.DOMWidget:
    for css in classes:
        widget.add_class(css)
    return widget


def describe_architecture(arch: str) -> str:
    """HTML text that says what the stack figure of ``arch`` shows."""
    spec = hv.architecture(arch)
    largest = spec.layer(spec.largest_surface)
    surface = "; ".join(
        f"{html.escape(lay.label)} (from {' and '.join(lay.reachable_from)})"
        for lay in spec.attack_surface())
    debate = " (classification debated)" if spec.debated else ""
    parts = [
        f"<b>{html.escape(spec.label)}</b>: {spec.hypervisor_type}{debate}. "
        f"The hypervisor runs {html.escape(spec.runs_on)}.",
        f"Largest attack surface: <b>{html.escape(largest.label)}</b>, because "
        f"{html.escape(spec.largest_reason)}.",
        f"Attack surface (hatched): {surface}.",
    ]
    if spec.note:
        parts.append(f"Note: {html.escape(spec.note)}")
    return "<br>".join(parts)


class HypervisorStackExplorer:
    """Architecture chooser that redraws the hypervisor layer stack.

    Attributes
    ----------
    control : ipywidgets.Dropdown (CSS class ``cloudsec-arch``)
    image : ipywidgets.Image showing the stack (``cloudsec-figure``)
    readout : ipywidgets.HTML saying what the figure shows (``cloudsec-readout``)
    diagram : StackDiagram, the figure updated in place
    widget : the container to display
    """

    def __init__(self, arch: str = "type1"):
        options = [(hv.architecture(key).label, key)
                   for key in hv.architectures()]
        self.control = _classed(
            w.Dropdown(options=options, value=hv.architecture(arch).key,
                       description="Architecture",
                       style={"description_width": "initial"},
                       layout=w.Layout(width="380px")),
            "cloudsec-arch")
        self.diagram = StackDiagram(self.control.value)
        self.image = _classed(w.Image(format="png"), "cloudsec-figure")
        self.readout = _classed(w.HTML(), "cloudsec-readout")
        self.control.observe(self._on_change, names="value")
        self.widget = _classed(
            w.VBox([self.control, self.image, self.readout]),
            "cloudsec-widget", "cloudsec-hypervisor-stack")
        self.redraw()

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Update the figure in place and the text readout."""
        arch = self.control.value
        self.diagram.update(arch)
        self.image.value = self.diagram.png()
        self.readout.value = describe_architecture(arch)


def hypervisor_stack_explorer(arch: str = "type1") -> w.VBox:
    """Build the hypervisor-stack explorer and return the widget to show."""
    return HypervisorStackExplorer(arch).widget


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def describe_blast_radius(target: str) -> str:
    """HTML text that says what compromising ``target`` exposes.

    Examples
    --------
    >>> from cloudsec.hypervisor_widgets import describe_blast_radius
    >>> describe_blast_radius("esx-02").split("<br>")[0]
    'Compromising <b>esx-02</b> exposes 4 VMs of 3 tenants, including 1 restricted.'
    """
    result = hv.blast_radius(target)
    restricted = result.by_classification["restricted"]
    hosts = (f"{_plural(len(result.hosts), 'host')} "
             f"({', '.join(result.hosts)}) and " if result.kind == "console"
             else "")
    kind = " (management console)" if result.kind == "console" else ""
    tail = (f"including {restricted} restricted" if restricted
            else "none of them restricted")
    levels = ", ".join(f"{n} {level}" for level, n in
                       reversed(result.by_classification.items()) if n)
    vms = ", ".join(f"{vm.name} ({vm.tenant}, {vm.classification})"
                    for vm in result.vms)
    parts = [
        f"Compromising <b>{html.escape(result.target)}</b>{kind} exposes "
        f"{hosts}{_plural(len(result.vms), 'VM')} of "
        f"{_plural(len(result.tenants), 'tenant')}, {tail}.",
        f"By classification: {levels}.",
        f"Tenants: {html.escape(', '.join(result.tenants))}.",
        f"VMs: {html.escape(vms)}.",
    ]
    return "<br>".join(parts)


class BlastRadiusExplorer:
    """Host-or-console chooser that redraws the blast-radius figure.

    Attributes
    ----------
    control : ipywidgets.Dropdown (CSS class ``cloudsec-target``)
    image : ipywidgets.Image showing the figure (``cloudsec-figure``)
    readout : ipywidgets.HTML saying what is exposed (``cloudsec-readout``)
    figure : BlastRadiusFigure, updated in place
    widget : the container to display
    """

    def __init__(self, target: str = "esx-01"):
        options = ([(f"host {name}", name) for name in hv.hosts()]
                   + [(f"console {name}", name) for name in hv.consoles()])
        self.control = _classed(
            w.Dropdown(options=options, value=hv.blast_radius(target).target,
                       description="Compromised",
                       style={"description_width": "initial"},
                       layout=w.Layout(width="320px")),
            "cloudsec-target")
        self.figure = BlastRadiusFigure(self.control.value)
        self.image = _classed(w.Image(format="png"), "cloudsec-figure")
        self.readout = _classed(w.HTML(), "cloudsec-readout")
        self.control.observe(self._on_change, names="value")
        self.widget = _classed(
            w.VBox([self.control, self.image, self.readout]),
            "cloudsec-widget", "cloudsec-blast-radius")
        self.redraw()

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Update the figure in place and the text readout."""
        target = self.control.value
        self.figure.update(target)
        self.image.value = self.figure.png()
        self.readout.value = describe_blast_radius(target)


def blast_radius_explorer(target: str = "esx-01") -> w.VBox:
    """Build the blast-radius explorer and return the widget to show."""
    return BlastRadiusExplorer(target).widget
