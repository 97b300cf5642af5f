"""Interactive widget for lesson 05 (serverless).

Thin, like :mod:`cloudsec.widgets`: :func:`cloudsec.serverless.excess_permissions`
computes, :class:`cloudsec.serverless_plots.PermissionScopeFigure` draws, and
the widget wires a drop-down of the package's sample functions to them,
updates one figure in place and shows it as a PNG in an ``Image`` widget. The
controls carry stable CSS classes (``cloudsec-...``) for the browser tests,
and a text readout says in words what the figure shows.
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import serverless as sl
from cloudsec.serverless_plots import PermissionScopeFigure

__all__ = ["PermissionExplorer", "describe_permissions", "permission_explorer"]


def _classed(widget: w.DOMWidget, *classes: str) -> w.DOMWidget:
    for css in classes:
        widget.add_class(css)
    return widget


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


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
        f"{_plural(len(report.granted_actions), 'action')} on "
        f"{_plural(len(report.granted_resources), 'resource pattern')}; "
        f"it used {len(report.used_actions)}; excess: {excess}")]
    parts.append(html.escape(
        f"Trigger: {spec.trigger}. Blast radius in the sample account: the "
        f"role allows {_plural(report.blast_radius, '(action, resource) pair')}"
        f"; the calls used {report.used_pairs}."))
    broad = [r for r in report.wildcards if r.pairs > r.used_pairs]
    for reach in broad:
        parts.append(html.escape(
            f"Wildcard {reach.grant} reaches "
            f"{_plural(len(reach.actions), 'action')} on "
            f"{_plural(len(reach.resources), 'resource')} "
            f"({_plural(reach.pairs, 'pair')}); used: {reach.used_pairs}."))
    on_behalf = [c.action for c in spec.calls if c.by == "lambda"]
    if on_behalf:
        parts.append(html.escape(
            f"Made by Lambda for the function (polling its trigger): "
            f"{', '.join(on_behalf)}."))
    return "<br>".join(parts)


class PermissionExplorer:
    """Sample-function chooser that redraws the permission-scope figure.

    Attributes
    ----------
    control : ipywidgets.Dropdown (CSS class ``cloudsec-function``)
    image : ipywidgets.Image showing the figure (``cloudsec-figure``)
    readout : ipywidgets.HTML saying what is granted and used
        (``cloudsec-readout``)
    figure : PermissionScopeFigure, updated in place
    widget : the container to display
    """

    def __init__(self, function: str = "resize-images"):
        self.control = _classed(
            w.Dropdown(options=list(sl.sample_functions()),
                       value=sl.sample_function(function).name,
                       description="Function",
                       style={"description_width": "initial"},
                       layout=w.Layout(width="320px")),
            "cloudsec-function")
        self.figure = PermissionScopeFigure(self.control.value)
        self.image = _classed(w.Image(format="png"), "cloudsec-figure")
        self.readout = _classed(w.HTML(), "cloudsec-readout")
        self.control.observe(self._on_change, names="value")
        self.widget = _classed(
            w.VBox([self.control, self.image, self.readout]),
            "cloudsec-widget", "cloudsec-permission-explorer")
        self.redraw()

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Update the figure in place and the text readout."""
        function = self.control.value
        self.figure.update(function)
        self.image.value = self.figure.png()
        self.readout.value = describe_permissions(function)


def permission_explorer(function: str = "resize-images") -> w.VBox:
    """Build the permission explorer and return the widget to show."""
    return PermissionExplorer(function).widget
