"""Every course figure is readable at notebook width: no text smaller than
:data:`cloudsec.kit.render.MIN_TEXT_PT` as seen, none cut off by the
figure's edge, and the figure never shown wider than it was rendered.

Each figure is rendered as a learner sees it (at the kit's dpi for
:data:`cloudsec.kit.render.DISPLAY_WIDTH_PX`); matplotlib then reports every
text's font size and its window extent in pixels.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from cloudsec import assurance as asr
from cloudsec import containers as ct
from cloudsec import deployment as dep
from cloudsec import hypervisors as hv
from cloudsec import multitenancy as mt
from cloudsec import responsibility as rm
from cloudsec import serverless as sl
from cloudsec.assurance_plots import exposure_matrix
from cloudsec.containers_plots import boundary_figure, escapes_timeline, ladder_figure
from cloudsec.deployment_plots import fit_chart
from cloudsec.exam_plots import incident_timeline, score_chart
from cloudsec.hypervisors_plots import (
    blast_radius_figure,
    escape_timeline,
    hypervisor_stack,
)
from cloudsec.kit.render import (
    DISPLAY_WIDTH_PX,
    MIN_TEXT_PT,
    WIDGET_PIXEL_RATIO,
    display_dpi,
    text_scale,
)
from cloudsec.multitenancy_plots import (
    coresidency_figure,
    hardware_timeline_figure,
    latency_figure,
)
from cloudsec.responsibility_plots import responsibility_stack
from cloudsec.serverless_plots import permission_scope

#: every figure of the course, in the states the lessons and widgets show
FIGURES: dict[str, Callable[[], Figure]] = {
    **{f"responsibility {m} {p}": (lambda m=m, p=p: responsibility_stack(m, p))
       for m in rm.models() for p in (None, *rm.providers())},
    **{f"hypervisor stack {a}": (lambda a=a: hypervisor_stack(a))
       for a in hv.architectures()},
    "VM escape timeline": escape_timeline,
    **{f"blast radius {t}": (lambda t=t: blast_radius_figure(t))
       for t in (*hv.hosts(), *hv.consoles())},
    **{f"isolation ladder {t} {n}": (lambda t=t, n=n: ladder_figure(t, n))
       for t in ct.TRUST for n in ct.TENANCY},
    "container settings none": boundary_figure,
    "container settings all": lambda: boundary_figure(dict.fromkeys(
        ct.SETTINGS, True)),
    "container escape timeline": escapes_timeline,
    **{f"deployment fit {lev}": (lambda lev=lev: fit_chart(
        **dict.fromkeys(dep.FACTORS, lev))) for lev in dep.LEVELS},
    **{f"permission scope {f}": (lambda f=f: permission_scope(f))
       for f in sl.sample_functions()},
    "noisy neighbour quiet": latency_figure,
    "noisy neighbour saturated": lambda: latency_figure(neighbour_load=2000),
    **{f"co-residency {p}": (lambda p=p: coresidency_figure(placement=p))
       for p in mt.PLACEMENTS},
    "co-residency 10 hosts": lambda: coresidency_figure(fleet_hosts=10,
                                                        launches=200),
    "shared-hardware timeline": hardware_timeline_figure,
    "incident timeline": incident_timeline,
    "who can read none": exposure_matrix,
    "who can read all": lambda: exposure_matrix(asr.Protections(
        keys="external", confidential_vm=True, attestation_checked=True,
        client_side=True)),
    "score chart": lambda: score_chart({"hypervisors": (3, 4),
                                        "serverless": (1, 3)}),
}


def _texts(fig: Figure) -> list[Text]:
    # tick labels outside an axis's view are never drawn
    hidden = set()
    for ax in fig.axes:
        for axis in ax._axis_map.values():
            shown = ({id(t) for tick in axis._update_ticks()
                      for t in (tick.label1, tick.label2)}
                     if ax.axison and axis.get_visible() else set())
            if not (ax.axison and axis.get_visible()):
                hidden.add(id(axis.label))
            for tick in (*axis.get_major_ticks(), *axis.get_minor_ticks()):
                hidden.update(id(t) for t in (tick.label1, tick.label2)
                              if id(t) not in shown)
    return [t for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


def _render(fig: Figure):
    canvas = FigureCanvasAgg(fig)
    fig.set_dpi(display_dpi(fig, WIDGET_PIXEL_RATIO))
    canvas.draw()
    return canvas.get_renderer()


@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_text_is_big_enough_and_inside_the_figure(name):
    fig = FIGURES[name]()
    renderer = _render(fig)
    width_px = fig.bbox.width
    assert width_px >= DISPLAY_WIDTH_PX, (
        f"{name}: rendered {width_px:.0f} px wide but shown at "
        f"{DISPLAY_WIDTH_PX}: the browser would stretch it")
    scale = text_scale(fig)
    small, clipped = [], []
    box = fig.bbox
    for text in _texts(fig):
        seen = text.get_fontsize() * scale
        if seen < MIN_TEXT_PT - 0.05:
            small.append(f"{text.get_text()[:40]!r} {seen:.1f} pt")
        ext = text.get_window_extent(renderer)
        if (ext.x0 < box.x0 - 1 or ext.y0 < box.y0 - 1 or ext.x1 > box.x1 + 1
                or ext.y1 > box.y1 + 1):
            clipped.append(f"{text.get_text()[:40]!r} at "
                           f"({ext.x0:.0f}, {ext.y0:.0f})-({ext.x1:.0f}, "
                           f"{ext.y1:.0f}) of {box.width:.0f}x{box.height:.0f}")
    assert not small, (f"{name}: text smaller than {MIN_TEXT_PT} pt at notebook "
                       f"width: {small}")
    assert not clipped, f"{name}: text cut off by the figure's edge: {clipped}"
