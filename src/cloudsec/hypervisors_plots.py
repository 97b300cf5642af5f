"""Figures for lesson 01 (hypervisors). Every function returns a Figure.

Like :mod:`cloudsec.kit.render`, figures are built on
:class:`matplotlib.figure.Figure` without pyplot, so making one changes no
global state. The two figures a widget redraws (:class:`HypervisorStackFigure` and
:class:`BlastRadiusFigure`) keep their artists and change them in place;
their :meth:`png` redraws only what changed (:class:`cloudsec.kit.render.FastPNG`).

Accessibility: colours are from the Okabe-Ito palette and never carry
meaning alone. In the stack, attack surface is hatched *and* says so in
text, and the largest surface has a thick border *and* a text tag. In the
blast-radius map, exposed VMs are filled, bold-edged and listed by
classification in words; the bar chart is labelled with counts.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from cloudsec import hypervisors as hv
from cloudsec.kit import palette as pal
from cloudsec.kit.render import FastPNG, FrameCache, despine

__all__ = [
    "CLASSIFICATION_STYLE",
    "LAYER_COLOURS",
    "BlastRadiusFigure",
    "HypervisorStackFigure",
    "blast_radius_figure",
    "escape_timeline",
    "hypervisor_stack",
]

# Okabe-Ito, by what a layer is; the text in each box says the same.
LAYER_COLOURS = {
    "hardware": pal.YELLOW,
    "hypervisor": pal.ORANGE,
    "kernel": pal.ORANGE,
    "management": pal.VERMILLION,
    "host-services": pal.VERMILLION,
    "device-emulation": pal.SKY_BLUE,
    "hypervisor-app": pal.SKY_BLUE,
    "qemu": pal.SKY_BLUE,
    "host-os": pal.REDDISH_PURPLE,
    "host-apps": pal.REDDISH_PURPLE,
    "dom0": pal.REDDISH_PURPLE,
    "root-partition": pal.REDDISH_PURPLE,
    "guests": pal.BLUISH_GREEN,
}

# Okabe-Ito from cool to hot; every exposed VM also shows its level in text.
CLASSIFICATION_STYLE = {
    "public": {"color": pal.SKY_BLUE, "hatch": ""},
    "internal": {"color": pal.BLUISH_GREEN, "hatch": ""},
    "confidential": {"color": pal.ORANGE, "hatch": ".."},
    "restricted": {"color": pal.VERMILLION, "hatch": "xx"},
}

_SURFACE_HATCH = "//"
_WHITE_BOX = {"facecolor": "white", "alpha": 0.88, "edgecolor": "none",
              "pad": 1.2}


def _wrap(text: str, width_fraction: float) -> str:
    # about 100 characters of 8 pt text fit across the full stack
    return textwrap.fill(text, max(17, int(width_fraction * 100)))


class HypervisorStackFigure:
    """The layer stack of one hypervisor architecture, redrawable in place.

    Each layer is a box from the hardware (bottom) to the guests (top);
    layers that sit side by side (a privileged domain beside the guests)
    share a row. Attack-surface layers are hatched and say who can reach
    them; the largest attack surface has a thick border and a text tag.

    Parameters
    ----------
    arch : str
        An architecture key from :func:`cloudsec.hypervisors.architectures`.
    dpi : float
        Resolution of :meth:`png`.
    """

    #: boxes kept ready; an architecture uses as many as it has layers
    slots = 6
    #: height of the stack in rows (the tallest architecture has four)
    rows = 4

    def __init__(self, arch: str = "type1", dpi: float | None = None):
        self.fig = Figure(figsize=(8.0, 5.0))
        # fixed layout: constrained layout would re-solve on every redraw
        self.fig.subplots_adjust(left=0.02, right=0.98, top=0.86, bottom=0.1)
        ax = self.fig.add_subplot()
        self.ax = ax
        ax.set_xlim(0, 1)
        ax.set_ylim(0, self.rows)
        ax.set_axis_off()
        self.boxes = []
        self.names = []
        self.details = []
        for _ in range(self.slots):
            box = Rectangle((0, 0), 0, 0, edgecolor="black", linewidth=0.8)
            ax.add_patch(box)
            self.boxes.append(box)
            self.names.append(ax.text(0, 0, "", ha="center", va="top",
                                      fontsize=9, fontweight="bold",
                                      bbox=_WHITE_BOX))
            self.details.append(ax.text(0, 0, "", ha="center", va="top",
                                        fontsize=8, linespacing=1.15,
                                        bbox=_WHITE_BOX))
        self.subtitle = self.fig.text(0.5, 0.885, "", ha="center", va="bottom",
                                      fontsize=9, style="italic")
        self.fig.legend(
            handles=[
                Patch(facecolor="white", edgecolor="black", hatch=_SURFACE_HATCH,
                      label="hatched: attack surface (text says who can "
                            "reach it)"),
                Patch(facecolor="white", edgecolor="black", linewidth=3,
                      label="thick border: largest attack surface"),
            ],
            loc="lower center", ncol=2, frameon=False, fontsize=8.5,
            bbox_to_anchor=(0.5, 0.0),
        )
        self.arch = None
        self._frames = FrameCache()
        self.update(arch)
        self.renderer = FastPNG(
            self.fig,
            [*self.boxes, *self.names, *self.details, ax.title, self.subtitle],
            dpi=dpi)

    def update(self, arch: str) -> Figure:
        """Redraw the stack for ``arch`` in the same figure; return it."""
        spec = hv.architecture(arch)
        used = max(lay.row for lay in spec.layers) + 1
        row_height = self.rows / used
        pad = 0.04
        for i, box in enumerate(self.boxes):
            name, detail = self.names[i], self.details[i]
            if i >= len(spec.layers):
                for artist in (box, name, detail):
                    artist.set_visible(False)
                continue
            lay = spec.layers[i]
            x0, x1 = lay.span
            y0 = lay.row * row_height
            width, height = x1 - x0 - 2 * pad * 0.25, row_height - 2 * pad
            box.set_bounds(x0 + pad * 0.25, y0 + pad, width, height)
            box.set_facecolor(LAYER_COLOURS[lay.key])
            largest = lay.key == spec.largest_surface
            box.set_hatch(_SURFACE_HATCH if lay.is_attack_surface else "")
            box.set_linewidth(3.2 if largest else 0.8)
            centre, top = (x0 + x1) / 2, y0 + row_height - 2.2 * pad
            title = textwrap.fill(lay.label, max(18, int((x1 - x0) * 88)))
            if largest:
                title += "\n[LARGEST ATTACK SURFACE]"
            name.set_text(title)
            name.set_position((centre, top))
            if lay.is_attack_surface:
                text = (f"ATTACK SURFACE, reachable from "
                        f"{' and '.join(lay.reachable_from)}: {lay.surface}")
            else:
                text = lay.role
            detail.set_text(_wrap(text, x1 - x0))
            # one line of 9 pt bold is about 0.17 rows high
            detail.set_position((centre, top - 0.17 * (title.count("\n") + 1)
                                 - 0.1))
            for artist in (box, name, detail):
                artist.set_visible(True)
        self.ax.set_title(f"{spec.label}: layers and attack surface",
                          fontsize=11, pad=22)
        debate = ", classification debated" if spec.debated else ""
        self.subtitle.set_text(
            f"{spec.hypervisor_type}{debate}: runs {spec.runs_on}.")
        self.arch = spec.key
        return self.fig

    def png(self) -> bytes:
        """The current figure as PNG bytes.

        Nearly every artist of this figure is text that changes with the
        architecture, and text is what Agg draws slowly, so blitting alone
        saves little. The figure is a pure function of the architecture, so
        each architecture's frame is rendered once and kept (five at most).
        """
        return self._frames.get((self.arch, self.renderer.dpi),
                                self.renderer.png)


def hypervisor_stack(arch: str) -> Figure:
    """The layer stack of one architecture as a new Figure.

    Parameters
    ----------
    arch : str
        ``"type1"``, ``"type2"``, ``"xen"``, ``"hyper-v"`` or ``"kvm"``.
    """
    return HypervisorStackFigure(arch).fig


def _products(names: tuple[str, ...]) -> str:
    # "VMware Workstation, VMware Fusion" -> "VMware Workstation, Fusion"
    out, vendor = [], None
    for name in names:
        first, _, rest = name.partition(" ")
        if first == vendor and rest:
            out.append(rest)
        else:
            out.append(name)
            vendor = first if rest else None
    return ", ".join(out)


def escape_timeline() -> Figure:
    """Real VM escapes on a timeline: year, code base, component, CVE.

    One row per escape, oldest at the top; the row's label is the code base
    it lives in, the text beside the marker names the CVE and the component
    it abused. The escape known to be exploited in the wild has a different
    marker and says so in text.
    """
    items = hv.escapes()
    fig = Figure(figsize=(9.0, 5.2))
    fig.subplots_adjust(left=0.19, right=0.98, top=0.9, bottom=0.16)
    ax = fig.add_subplot()
    ypos = list(range(len(items)))[::-1]
    for y, item in zip(ypos, items, strict=True):
        wild = item.exploited_in_wild
        ax.plot([item.year], [y], marker="D" if wild else "o",
                markersize=10 if wild else 8, color=pal.VERMILLION if wild
                else pal.BLUE, markeredgecolor="black", linestyle="none")
        label = (f"{item.title}: {item.component}\n{item.flaw}; "
                 f"{_products(item.products)}")
        if wild:
            label += "\nexploited in the wild (CISA KEV, 2025-03-04)"
        right = item.year < 2020
        ax.annotate(label, (item.year, y), xytext=(10 if right else -10, 0),
                    textcoords="offset points", va="center",
                    ha="left" if right else "right", fontsize=9)
    ax.set_yticks(ypos, [item.family for item in items], fontsize=9)
    ax.set_ylim(-0.8, len(items) - 0.3)
    ax.set_xlim(2007, 2027)
    ax.set_xticks(range(2008, 2027, 2))
    ax.set_xlabel("Year disclosed and fixed")
    ax.grid(axis="x", color=pal.RULE_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    despine(ax)
    ax.set_title("VM escapes, 2009-2025: guest code reaching the host",
                 fontsize=11)
    fig.text(0.19, 0.015, "Circle: escape or guest-to-host flaw. Diamond: also "
             "known to be exploited in real attacks.", fontsize=9)
    return fig


class BlastRadiusFigure:
    """The sample datacenter, with what one compromise exposes.

    Left, a map: each host is a column of its VMs, hosts grouped by cluster,
    the management consoles above the hosts they manage. Every VM shows its
    name, tenant and classification in text, on its classification's colour
    and pattern. VMs outside the blast radius are faded; exposed VMs keep
    full colour and get a bold outline. The compromised host or console has
    a thick outline and the word COMPROMISED; hosts reached through a
    console say "via console". Right, a bar chart of exposed VMs per
    classification with the count on each bar, over dotted outlines of all
    VMs of that classification.

    Everything that never changes (boxes, names, axes) is drawn once; an
    update only shows frames and outlines, moves bars and a few labels, so
    :meth:`png` is quick.

    Parameters
    ----------
    target : str
        A host or console of :func:`cloudsec.hypervisors.sample_datacenter`.
    dpi : float
        Resolution of :meth:`png`.
    """

    _VM_W, _VM_H, _HOST_W, _HOST_TOP = 0.8, 0.95, 0.9, 4.35

    def __init__(self, target: str = "esx-01", dpi: float | None = None):
        dc = hv.sample_datacenter()
        # the map spans the width (its tiles hold 10 pt text); the bars
        # sit below it
        self.fig = Figure(figsize=(9.6, 7.4))
        self.map = self.fig.add_axes((0.01, 0.3, 0.98, 0.63))
        self.bars_ax = self.fig.add_axes((0.2, 0.085, 0.55, 0.15))
        self._draw_map(dc)
        self._draw_bars(dc)
        self.title = self.fig.suptitle("", fontsize=11, y=0.985)
        self.target = None
        self.update(target)
        self.renderer = FastPNG(
            self.fig,
            [*self.vm_frames.values(), *self.vm_outlines.values(),
             *self.host_outlines.values(), *self.console_outlines.values(),
             *self.host_tags.values(), *self.console_tags.values(),
             *self.bars, *self.total_bars, self.bars_ax.spines["left"],
             *self.bar_labels, self.title],
            dpi=dpi)

    def _draw_map(self, dc: hv.Datacenter) -> None:
        ax = self.map
        ax.set_axis_off()
        self.host_x: dict[str, float] = {}
        x = 0.0
        for _, members in dc.clusters:
            for host in members:
                self.host_x[host] = x
                x += 1.0
            x += 0.35
        width, top = self._HOST_W, self._HOST_TOP
        ax.set_xlim(-0.15, x - 0.35 + 0.05)
        ax.set_ylim(-1.25, 6.4)
        self.host_outlines, self.host_tags = {}, {}
        self.veils, self.vm_outlines, self.vm_frames = {}, {}, {}
        for host in dc.hosts:
            hx = self.host_x[host.name]
            ax.add_patch(Rectangle((hx, 0), width, top, facecolor=pal.OFF_WHITE,
                                   edgecolor="black", linewidth=0.8))
            self.host_outlines[host.name] = ax.add_patch(
                _outline((hx, 0), width, top))
            ax.text(hx + width / 2, -0.12, host.name, ha="center", va="top",
                    fontsize=10, fontweight="bold")
            self.host_tags[host.name] = ax.text(
                hx + width / 2, -0.55, "", ha="center", va="top", fontsize=10,
                fontweight="bold", zorder=5)
            for i, vm in enumerate(dc.vms_on(host.name)):
                corner = (hx + 0.05, top - 0.1 - (i + 1) * (self._VM_H + 0.08))
                style = CLASSIFICATION_STYLE[vm.classification]
                ax.add_patch(Rectangle(corner, self._VM_W, self._VM_H,
                                       facecolor=style["color"],
                                       hatch=style["hatch"],
                                       edgecolor=pal.GREY, linewidth=0.6))
                ax.text(corner[0] + self._VM_W / 2, corner[1] + self._VM_H / 2,
                        f"{vm.name}\n{vm.tenant}\n{vm.classification}",
                        ha="center", va="center", fontsize=10,
                        linespacing=1.1, bbox=_WHITE_BOX, zorder=5)
                # Every tile is faded by a white veil, its text kept on top
                # (static, drawn once); an exposed VM gets a thick frame in
                # its full colour and a black outline (dynamic, cheap:
                # no text is redrawn when the target changes).
                self.veils[vm.name] = ax.add_patch(Rectangle(
                    corner, self._VM_W, self._VM_H, facecolor="white",
                    alpha=0.75, edgecolor="none", zorder=4))
                self.vm_frames[vm.name] = ax.add_patch(Rectangle(
                    corner, self._VM_W, self._VM_H, facecolor="none",
                    edgecolor=style["color"], linewidth=5, zorder=5.5,
                    visible=False))
                self.vm_outlines[vm.name] = ax.add_patch(
                    _outline(corner, self._VM_W, self._VM_H, linewidth=2.0))
        for cname, members in dc.clusters:
            xs = [self.host_x[h] for h in members]
            ax.text((min(xs) + max(xs) + width) / 2, -0.95,
                    f"cluster {cname}", ha="center", va="top", fontsize=10,
                    style="italic")
        self.console_outlines, self.console_tags = {}, {}
        for console in dc.consoles:
            xs = [self.host_x[h] for h in console.manages]
            left, right = min(xs), max(xs) + width
            corner, size = (left + 0.1, 4.95), (right - left - 0.2, 1.2)
            ax.add_patch(Rectangle(corner, *size, facecolor=pal.OFF_WHITE,
                                   edgecolor="black", linewidth=0.8))
            self.console_outlines[console.name] = ax.add_patch(
                _outline(corner, *size))
            ax.text((left + right) / 2, 5.87, console.name, ha="center",
                    va="center", fontsize=10, fontweight="bold")
            ax.text((left + right) / 2, 5.55, "management console",
                    ha="center", va="center", fontsize=10)
            self.console_tags[console.name] = ax.text(
                (left + right) / 2, 5.2, "", ha="center", va="center",
                fontsize=10, fontweight="bold", zorder=5)
            for h in console.manages:
                cx = self.host_x[h] + width / 2
                ax.plot([cx, cx], [top, 4.95], color=pal.OUTLINE_GREY, linewidth=0.8,
                        linestyle="--")

    def _draw_bars(self, dc: hv.Datacenter) -> None:
        ax = self.bars_ax
        levels = hv.CLASSIFICATIONS
        totals = [sum(vm.classification == c for vm in dc.vms) for c in levels]
        self.bars = list(ax.barh(range(len(levels)), [0] * len(levels),
                                 color=[CLASSIFICATION_STYLE[c]["color"]
                                        for c in levels],
                                 edgecolor="black", linewidth=0.8))
        for bar, level in zip(self.bars, levels, strict=True):
            bar.set_hatch(CLASSIFICATION_STYLE[level]["hatch"])
        # outlines of the whole datacenter, so the exposed share is visible
        self.total_bars = list(ax.barh(range(len(levels)), totals, fill=False,
                                       edgecolor=pal.OUTLINE_GREY,
                                       linewidth=0.8, linestyle=":"))
        self.bar_labels = [ax.text(0, i, "", ha="left", va="center",
                                   fontsize=10) for i in range(len(levels))]
        ax.set_yticks(range(len(levels)), levels, fontsize=10)
        ax.set_xlim(0, max(totals) + 1.2)
        ax.set_xlabel("VMs exposed by data classification (dotted: all VMs)",
                      fontsize=10)
        ax.tick_params(axis="x", labelsize=10)
        despine(ax)

    def update(self, target: str) -> Figure:
        """Show the blast radius of ``target`` in the same figure; return it."""
        result = hv.blast_radius(target)
        exposed = {vm.name for vm in result.vms}
        for name, frame in self.vm_frames.items():
            frame.set_visible(name in exposed)
            self.vm_outlines[name].set_visible(name in exposed)
        for name, outline in self.host_outlines.items():
            hit = name in result.hosts
            outline.set_visible(hit)
            outline.set_linewidth(3.2 if name == result.target else 2.0)
            self.host_tags[name].set_text(
                "COMPROMISED" if name == result.target else
                "via console" if hit else "")
        for name, outline in self.console_outlines.items():
            outline.set_visible(name == result.target)
            self.console_tags[name].set_text(
                "COMPROMISED" if name == result.target else "")
        for bar, label, count in zip(self.bars, self.bar_labels, result.counts,
                                     strict=True):
            bar.set_width(count)
            label.set_position((count + 0.1, bar.get_y() + bar.get_height() / 2))
            label.set_text(str(count))
        what = "management console" if result.kind == "console" else "host"
        hosts = (f"{len(result.hosts)} hosts, " if result.kind == "console"
                 else "")
        self.title.set_text(
            f"Blast radius of compromising {result.target} ({what}): "
            f"{hosts}{len(result.vms)} VMs of {len(result.tenants)} tenants")
        self.target = result.target
        return self.fig

    def exposed(self) -> tuple[str, ...]:
        """Names of the VMs the figure currently shows as exposed."""
        return tuple(name for name, outline in self.vm_outlines.items()
                     if outline.get_visible())

    def png(self) -> bytes:
        """The current figure as PNG bytes, redrawing only what changes."""
        return self.renderer.png()


def _outline(corner: tuple[float, float], width: float, height: float,
             linewidth: float = 3.2) -> Rectangle:
    # drawn above the boxes and their text; hidden unless in the blast radius
    return Rectangle(corner, width, height, fill=False, edgecolor="black",
                     linewidth=linewidth, zorder=6, visible=False)


def blast_radius_figure(target: str) -> Figure:
    """The blast radius of one host or console of the sample datacenter.

    Parameters
    ----------
    target : str
        A name from :func:`cloudsec.hypervisors.targets`.
    """
    return BlastRadiusFigure(target).fig
