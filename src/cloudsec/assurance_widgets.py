"""Interactive widget for lesson 08 ("who can read your data?").

On the shared widget base (:class:`cloudsec.kit.widget.CourseWidget`):
:func:`cloudsec.assurance.exposure` decides,
:class:`cloudsec.assurance_plots.ExposureMatrixFigure` draws, and the widget
wires four keyboard-operable controls (toggle buttons for where the keys
live, and one on/off toggle each for confidential VM, attestation checked
and client-side encryption) to them. The readout states the current
protections, the counts, and names every cell that changed with the last
move, with its reason.
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import assurance as asr
from cloudsec.assurance_plots import ExposureMatrixFigure, protections_caption
from cloudsec.kit.widget import CourseWidget, choice, classed, row

__all__ = ["FLAG_LABELS", "WhoCanReadExplorer", "describe_exposure",
           "describe_changes", "who_can_read_explorer"]

#: protection flag -> label of its toggle button
FLAG_LABELS = {
    "confidential_vm": "Confidential VM",
    "attestation_checked": "Attestation checked",
    "client_side": "Client-side encryption",
}


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


class WhoCanReadExplorer(CourseWidget):
    """Choose protections and see who can read the data in each state.

    Attributes
    ----------
    keys : ipywidgets.ToggleButtons (``cloudsec-keys``)
    flags : dict of flag -> ipywidgets.ToggleButton
        (``cloudsec-toggle``, ``cloudsec-flag`` and ``cloudsec-flag-<flag>``,
        e.g. ``cloudsec-flag-confidential_vm``)
    figure : ExposureMatrixFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-who-can-read"

    def __init__(self, protections=None):
        chosen = asr.normalize_protections(protections)
        self.keys = choice("Keys", [("Keys in provider KMS", "provider-kms"),
                                    ("Keys in external store", "external")],
                           chosen.keys, "cloudsec-keys")
        self.flags = {
            flag: classed(w.ToggleButton(value=getattr(chosen, flag),
                                         description=label,
                                         layout=w.Layout(width="auto")),
                          "cloudsec-toggle", "cloudsec-flag",
                          f"cloudsec-flag-{flag}")
            for flag, label in FLAG_LABELS.items()}
        self.figure = ExposureMatrixFigure(chosen)
        self._last = chosen
        self.build([self.keys, row(*self.flags.values())],
                   observe=[self.keys, *self.flags.values()])

    @property
    def protections(self) -> asr.Protections:
        """The protections as the controls show them."""
        return asr.Protections(
            keys=self.keys.value,
            **{flag: toggle.value for flag, toggle in self.flags.items()})

    def state(self) -> asr.Protections:
        return self.protections

    def describe(self, state: asr.Protections) -> str:
        # the readout also names what the last move changed, so it keeps
        # the protections it last described
        text = describe_exposure(state)
        if state != self._last:
            text += "<br>" + describe_changes(self._last, state)
        self._last = state
        return text


def who_can_read_explorer(protections=None) -> w.VBox:
    """Build the who-can-read-your-data explorer and return the widget."""
    return WhoCanReadExplorer(protections).widget
