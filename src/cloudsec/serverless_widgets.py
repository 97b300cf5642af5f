"""Interactive widget for lesson 05 (serverless), on the shared widget base.

:func:`cloudsec.serverless.excess_permissions` computes,
:class:`cloudsec.serverless_plots.PermissionScopeFigure` draws, and the
widget wires a chooser of the package's sample functions to them (see
:class:`cloudsec.kit.widget.CourseWidget`).
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import serverless as sl
from cloudsec.kit.text import plural
from cloudsec.kit.widget import CourseWidget, choice
from cloudsec.serverless_plots import PermissionScopeFigure

__all__ = ["PermissionExplorer", "describe_permissions", "permission_explorer"]


def describe_permissions(function: str) -> str:
    """HTML text saying what a sample function is granted, used and not used.

    Examples
    --------
    >>> from cloudsec.serverless_widgets import describe_permissions
    >>> describe_permissions("resize-images").split("<br>")[0]
    'resize-images is granted 3 actions on 3 resource patterns; it used 2; \
excess: s3:* on arn:aws:s3:::*'
    """
    report = sl.excess_permissions(function)
    spec = sl.sample_function(function)
    excess = "; ".join(str(g) for g in report.excess) or "none"
    parts = [html.escape(
        f"{report.function} is granted "
        f"{plural(len(report.granted_actions), 'action')} on "
        f"{plural(len(report.granted_resources), 'resource pattern')}; "
        f"it used {len(report.used_actions)}; excess: {excess}")]
    parts.append(html.escape(
        f"Trigger: {spec.trigger}. Blast radius in the sample account: the "
        f"role allows {plural(report.blast_radius, '(action, resource) pair')}"
        f"; the calls used {report.used_pairs}."))
    broad = [r for r in report.wildcards if r.pairs > r.used_pairs]
    for reach in broad:
        parts.append(html.escape(
            f"Wildcard {reach.grant} reaches "
            f"{plural(len(reach.actions), 'action')} on "
            f"{plural(len(reach.resources), 'resource')} "
            f"({plural(reach.pairs, 'pair')}); used: {reach.used_pairs}."))
    on_behalf = [c.action for c in spec.calls if c.by == "lambda"]
    if on_behalf:
        parts.append(html.escape(
            f"Made by Lambda for the function (polling its trigger): "
            f"{', '.join(on_behalf)}."))
    return "<br>".join(parts)


class PermissionExplorer(CourseWidget):
    """Sample-function chooser that redraws the permission-scope figure.

    Attributes
    ----------
    control : ipywidgets.ToggleButtons (CSS class ``cloudsec-function``)
    figure : PermissionScopeFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-permission-explorer"

    def __init__(self, function: str = "resize-images"):
        self.control = choice(
            "Function", [(name, name) for name in sl.sample_functions()],
            sl.sample_function(function).name, "cloudsec-function")
        self.figure = PermissionScopeFigure(self.control.value)
        self.build([self.control])

    def state(self) -> str:
        return self.control.value

    def describe(self, state: str) -> str:
        return describe_permissions(state)


def permission_explorer(function: str = "resize-images") -> w.VBox:
    """Build the permission explorer and return the widget to show."""
    return PermissionExplorer(function).widget
