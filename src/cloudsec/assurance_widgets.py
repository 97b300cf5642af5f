"""Interactive widget for lesson 08 ("who can read your data?").

Thin, like :mod:`cloudsec.widgets`: :func:`cloudsec.assurance.exposure`
decides, :class:`cloudsec.assurance_plots.ExposureMatrixFigure` draws, and
the widget wires four keyboard-operable controls (toggle buttons for where
the keys live, and one toggle each for confidential VM, attestation checked
and client-side encryption) to them. It updates one figure in place, shows
it as a PNG in an ``Image`` widget, and a readout states the current
protections, the counts, and names every cell that changed with the last
move, with its reason. Controls carry stable CSS classes (``cloudsec-...``)
for the browser tests.
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import assurance as asr
from cloudsec.assurance_plots import ExposureMatrixFigure, protections_caption

__all__ = ["FLAG_LABELS", "WhoCanReadExplorer", "describe_exposure",
           "describe_changes", "who_can_read_explorer"]

#: protection flag -> label of its toggle button
FLAG_LABELS = {
    "confidential_vm": "Confidential VM",
    "attestation_checked": "Attestation checked",
    "client_side": "Client-side encryption",
}


def _classed(widget: w.DOMWidget, *classes: str) -> w.DOMWidget:
    for css in classes:
        widget.add_class(css)
    return widget


def _rely(count: int) -> str:
    return "relies" if count == 1 else "rely"


def describe_exposure(protections=None) -> str:
    """HTML text: the protections, the counts, and what stays exposed.

    Examples
    --------
    >>> from cloudsec.assurance_widgets import describe_exposure
    >>> describe_exposure().split("<br>")[1]
    '2 cells protected, 6 rely on the provider, 7 exposed.'
    """
    chosen = asr.normalize_protections(protections)
    matrix = asr.exposure(chosen)
    cells = [c for row in matrix.values() for c in row.values()]
    counts = {v: sum(c.verdict == v for c in cells) for v in asr.VERDICTS}
    exposed = [f"{asr.ACTORS[c.actor]} {asr.STATES[c.state].lower()}"
               for c in cells if c.verdict == asr.EXPOSED]
    parts = [
        html.escape(f"Protections: {protections_caption(chosen)}."),
        html.escape(f"{counts[asr.PROTECTED]} cells protected, "
                    f"{counts[asr.RELIES]} {_rely(counts[asr.RELIES])} on the "
                    f"provider, {counts[asr.EXPOSED]} exposed."),
        html.escape("Exposed: " + ("; ".join(exposed) or "none") + "."),
    ]
    return "<br>".join(parts)


def describe_changes(before, after) -> str:
    """HTML text naming each cell whose verdict changed, with the new
    reason; or saying that none did, and why that is worth knowing."""
    moved = asr.changes(before, after)
    if not moved:
        return html.escape(
            "No cell changed with that move. (Moving keys between provider-"
            "managed, customer-managed and imported keys never changes a cell: "
            "all three are used inside the provider's KMS.)")
    lines = [html.escape(f"{len(moved)} cell{'' if len(moved) == 1 else 's'} "
                         "changed:")]
    for old, new in moved:
        lines.append(html.escape(
            f"{asr.ACTORS[new.actor]}, {asr.STATES[new.state].lower()}: "
            f"{old.verdict} -> {new.verdict}. {new.reason}"))
    return "<br>".join(lines)


class WhoCanReadExplorer:
    """Choose protections and see who can read the data in each state.

    Attributes
    ----------
    keys : ipywidgets.ToggleButtons (``cloudsec-keys``)
    flags : dict of flag -> ipywidgets.ToggleButton
        (``cloudsec-flag`` and ``cloudsec-flag-<flag>``, e.g.
        ``cloudsec-flag-confidential_vm``)
    image : ipywidgets.Image showing the matrix (``cloudsec-figure``)
    readout : ipywidgets.HTML (``cloudsec-readout``)
    figure : ExposureMatrixFigure, updated in place
    widget : the container to display
    """

    def __init__(self, protections=None):
        chosen = asr.normalize_protections(protections)
        self.keys = _classed(
            w.ToggleButtons(options=[(label, key) for key, label in
                                     (("provider-kms", "Keys in provider KMS"),
                                      ("external", "Keys in external store"))],
                            value=chosen.keys, description="Keys",
                            style={"button_width": "180px"}),
            "cloudsec-keys")
        self.flags = {}
        for flag, label in FLAG_LABELS.items():
            toggle = _classed(
                w.ToggleButton(value=getattr(chosen, flag), description=label,
                               layout=w.Layout(width="200px")),
                "cloudsec-flag", f"cloudsec-flag-{flag}")
            self.flags[flag] = toggle
        self.figure = ExposureMatrixFigure(chosen)
        self.image = _classed(w.Image(format="png"), "cloudsec-figure")
        self.readout = _classed(w.HTML(), "cloudsec-readout")
        self._last = chosen
        self.keys.observe(self._on_change, names="value")
        for toggle in self.flags.values():
            toggle.observe(self._on_change, names="value")
        self.widget = _classed(
            w.VBox([self.keys, w.HBox(list(self.flags.values())), self.image,
                    self.readout]),
            "cloudsec-widget", "cloudsec-who-can-read")
        self.redraw()

    @property
    def protections(self) -> asr.Protections:
        """The protections as the controls show them."""
        return asr.Protections(
            keys=self.keys.value,
            **{flag: toggle.value for flag, toggle in self.flags.items()})

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Update the figure in place and rewrite the readout."""
        chosen = self.protections
        self.figure.update(chosen)
        self.image.value = self.figure.png()
        text = describe_exposure(chosen)
        if chosen != self._last:
            text += "<br>" + describe_changes(self._last, chosen)
        self.readout.value = text
        self._last = chosen


def who_can_read_explorer(protections=None) -> w.VBox:
    """Build the who-can-read-your-data explorer and return the widget."""
    return WhoCanReadExplorer(protections).widget
