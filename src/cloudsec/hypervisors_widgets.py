"""Interactive widgets for lesson 01 (hypervisors), on the shared widget base.

:mod:`cloudsec.hypervisors` computes, :mod:`cloudsec.hypervisors_plots`
draws, and each widget wires one chooser to them (see
:class:`cloudsec.kit.widget.CourseWidget`).
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import hypervisors as hv
from cloudsec.hypervisors_plots import BlastRadiusFigure, HypervisorStackFigure
from cloudsec.kit.text import plural
from cloudsec.kit.widget import CourseWidget, choice

__all__ = [
    "BlastRadiusExplorer",
    "HypervisorStackExplorer",
    "blast_radius_explorer",
    "describe_architecture",
    "describe_blast_radius",
    "hypervisor_stack_explorer",
]


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


class HypervisorStackExplorer(CourseWidget):
    """Architecture chooser that redraws the hypervisor layer stack.

    Attributes
    ----------
    control : ipywidgets.ToggleButtons (CSS class ``cloudsec-arch``)
    figure : HypervisorStackFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-hypervisor-stack"

    def __init__(self, arch: str = "type1"):
        self.control = choice(
            "Architecture", [(hv.architecture(key).label, key)
                             for key in hv.architectures()],
            hv.architecture(arch).key, "cloudsec-arch")
        self.figure = HypervisorStackFigure(self.control.value)
        self.build([self.control])

    def state(self) -> str:
        return self.control.value

    def describe(self, state: str) -> str:
        return describe_architecture(state)


def hypervisor_stack_explorer(arch: str = "type1") -> w.VBox:
    """Build the hypervisor-stack explorer and return the widget to show."""
    return HypervisorStackExplorer(arch).widget


def describe_blast_radius(target: str) -> str:
    """HTML text that says what compromising ``target`` exposes.

    Examples
    --------
    >>> from cloudsec.hypervisors_widgets import describe_blast_radius
    >>> describe_blast_radius("esx-02").split("<br>")[0]
    'Compromising <b>esx-02</b> exposes 4 VMs of 3 tenants, including 1 restricted.'
    """
    result = hv.blast_radius(target)
    restricted = result.by_classification["restricted"]
    hosts = (f"{plural(len(result.hosts), 'host')} "
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
        f"{hosts}{plural(len(result.vms), 'VM')} of "
        f"{plural(len(result.tenants), 'tenant')}, {tail}.",
        f"By classification: {levels}.",
        f"Tenants: {html.escape(', '.join(result.tenants))}.",
        f"VMs: {html.escape(vms)}.",
    ]
    return "<br>".join(parts)


class BlastRadiusExplorer(CourseWidget):
    """Host-or-console chooser that redraws the blast-radius figure.

    Attributes
    ----------
    control : ipywidgets.ToggleButtons (CSS class ``cloudsec-target``)
    figure : BlastRadiusFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-blast-radius"

    def __init__(self, target: str = "esx-01"):
        options = ([(f"host {name}", name) for name in hv.hosts()]
                   + [(f"console {name}", name) for name in hv.consoles()])
        self.control = choice("Compromised", options,
                              hv.blast_radius(target).target, "cloudsec-target")
        self.figure = BlastRadiusFigure(self.control.value)
        self.build([self.control])

    def state(self) -> str:
        return self.control.value

    def describe(self, state: str) -> str:
        return describe_blast_radius(state)


def blast_radius_explorer(target: str = "esx-01") -> w.VBox:
    """Build the blast-radius explorer and return the widget to show."""
    return BlastRadiusExplorer(target).widget
