"""Hypervisors (lesson 01): data against the sourced facts, blast radius,
figures and widgets.

The facts are those of /work/shared/reference/facts.md, sections 2 and 3.
"""

import dataclasses
import inspect
import io
import json
import re
import subprocess
import sys

import numpy as np
import pytest
import yaml
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from PIL import Image

from cloudsec import hypervisors as hv
from cloudsec.hypervisors_plots import (
    CLASSIFICATION_STYLE,
    LAYER_COLOURS,
    BlastRadiusFigure,
    HypervisorStackFigure,
    blast_radius_figure,
    escape_timeline,
    hypervisor_stack,
)
from cloudsec.hypervisors_widgets import (
    BlastRadiusExplorer,
    HypervisorStackExplorer,
    blast_radius_explorer,
    describe_architecture,
    describe_blast_radius,
    hypervisor_stack_explorer,
)
from cloudsec.kit.palette import OKABE_ITO_HEX as OKABE_ITO
from cloudsec.kit.render import figure_png

from helpers import ROOT

# --------------------------------------------------------------------------
# Architectures (facts.md section 2)
# --------------------------------------------------------------------------


def test_architectures_cover_both_types_and_the_misread_designs():
    assert hv.architectures()[:2] == ("type1", "type2")
    assert {"xen", "hyper-v", "kvm"} <= set(hv.architectures())
    assert hv.architecture("type1").hypervisor_type == "Type 1"
    assert hv.architecture("type2").hypervisor_type == "Type 2"


def test_hyper_v_is_type_1_with_windows_in_the_root_partition():
    """The misconception 'Hyper-V is Type 2 because Windows is there' is false."""
    arch = hv.architecture("Hyper-V")
    assert arch.hypervisor_type == "Type 1"
    assert not arch.debated
    assert "not Type 2" in arch.note and "root partition" in arch.note
    root, hypervisor = arch.layer("root-partition"), arch.layer("hypervisor")
    assert root.row > hypervisor.row, "Windows must sit above the hypervisor"
    assert "Windows" in root.label


def test_kvm_is_called_type_1_but_flagged_as_debated():
    arch = hv.architecture("kvm")
    assert arch.hypervisor_type == "Type 1" and arch.debated
    assert "Red Hat" in arch.note and "hosted" in arch.note
    others = [hv.architecture(k) for k in hv.architectures() if k != "kvm"]
    assert not any(a.debated for a in others)


def test_type_2_runs_on_a_host_os_and_type_1_does_not():
    hosted, bare = hv.architecture("hosted"), hv.architecture("bare metal")
    host_os = hosted.layer("host-os")
    assert host_os.row < hosted.layer("hypervisor-app").row
    assert hosted.largest_surface == "host-os"
    assert "host-os" not in {lay.key for lay in bare.layers}
    assert bare.layer("hypervisor").row == 1, "bare metal: hypervisor on hardware"


def test_type_1_surface_is_management_from_network_and_emulation_from_guests():
    arch = hv.architecture("type1")
    assert "network" in arch.layer("management").reachable_from
    assert "guests" in arch.layer("device-emulation").reachable_from
    assert arch.largest_surface == "management"


@pytest.mark.parametrize("key", hv.architectures())
def test_every_stack_is_well_formed(key):
    arch = hv.architecture(key)
    assert arch.layers[0].key == "hardware" and arch.layers[0].row == 0
    assert arch.layers[-1].key == "guests"
    assert not arch.layers[0].is_attack_surface
    assert not arch.layers[-1].is_attack_surface
    assert arch.layer(arch.largest_surface).is_attack_surface
    assert arch.largest_reason
    for lay in arch.layers:
        assert set(lay.reachable_from) <= set(hv.REACHES)
        assert bool(lay.reachable_from) == lay.is_attack_surface, lay.key
        assert 0 <= lay.span[0] < lay.span[1] <= 1
    rows = {}
    for lay in arch.layers:
        for other in rows.get(lay.row, []):
            assert lay.span[0] >= other.span[1] or lay.span[1] <= other.span[0], (
                f"{lay.key} overlaps {other.key}")
        rows.setdefault(lay.row, []).append(lay)
    assert len(arch.layers) <= HypervisorStackFigure.slots


@pytest.mark.parametrize("name", ["VirtualBox", "VMware ESXi", "Parallels Desktop",
                                  "type 3", ""])
def test_products_are_not_looked_up_and_unknown_names_are_clear_errors(name):
    """The package must not classify products: the assignment asks for it."""
    with pytest.raises(ValueError, match="unknown architecture.*type1"):
        hv.architecture(name)


def test_unknown_layer_lists_the_valid_ones():
    with pytest.raises(ValueError, match="hardware"):
        hv.architecture("type1").layer("host-os")


def test_package_offers_no_helper_that_solves_the_assignment():
    """No product classifier, advisory matcher, host ranking or mixing finder."""
    banned = re.compile(r"classif(y|ier)|type_of|match|rank|mixed|affected|version",
                        re.I)
    public = [name for name in hv.__all__ if callable(getattr(hv, name))]
    assert not [name for name in public if banned.search(name)]
    assert list(inspect.signature(hv.blast_radius).parameters) == ["target"]


# --------------------------------------------------------------------------
# VM escapes (facts.md section 3)
# --------------------------------------------------------------------------

ESCAPE_FACTS = [
    # cve, year, a product named in facts.md, a word of its mechanism
    ("CVE-2009-1244", 2009, "VMware Workstation", "display"),
    ("CVE-2015-3456", 2015, "QEMU", "floppy"),
    ("CVE-2015-7835", 2015, "Xen", "page-table"),
    ("CVE-2018-2698", 2018, "Oracle VirtualBox", "HGSMI"),
    ("CVE-2020-4004", 2020, "VMware ESXi", "XHCI"),
    ("CVE-2024-22252", 2024, "VMware ESXi", "XHCI"),
    ("CVE-2025-22224", 2025, "VMware ESXi", "TOCTOU"),
]


def test_the_timeline_holds_exactly_the_escapes_of_the_facts_oldest_first():
    assert [e.cve for e in hv.escapes()] == [row[0] for row in ESCAPE_FACTS]
    years = [e.year for e in hv.escapes()]
    assert years == sorted(years)


@pytest.mark.parametrize(("cve", "year", "product", "word"), ESCAPE_FACTS)
def test_each_escape_matches_the_facts(cve, year, product, word):
    item = hv.escape(cve)
    assert item.year == year
    assert product in item.products
    text = f"{item.flaw} {item.component} {item.mechanism}"
    assert word.lower() in text.lower()
    assert item.defence


def test_names_venom_xsa_148_and_cloudburst():
    assert hv.escape("CVE-2015-3456").name == "VENOM"
    assert hv.escape("venom").cve == "CVE-2015-3456"
    assert hv.escape("CVE-2015-7835").name == "XSA-148"
    old = hv.escape("CVE-2009-1244")
    assert old.name == "Cloudburst" and old.title == "CVE-2009-1244 (Cloudburst)"
    assert "SVGA II" in old.component
    assert "Black Hat USA 2009" in old.note and "VMSA-2009-0006" in old.note


def test_cloudburst_lists_every_product_of_vmsa_2009_0006():
    products = set(hv.escape("CVE-2009-1244").products)
    assert "ESX and ESXi, the 3.5 line" in hv.escape("CVE-2009-1244").note
    assert products == {"VMware ESX", "VMware ESXi", "VMware Workstation",
                        "VMware Player", "VMware Fusion", "VMware Server",
                        "VMware ACE"}


def test_venom_teaches_patch_and_confine_not_configuration():
    """The VENOM advisory: on Xen and QEMU the controller stayed active even
    when the drive was disabled, so configuration could not remove it."""
    venom = hv.escape("VENOM")
    assert "no floppy" in venom.mechanism
    assert "disabled" in venom.mechanism
    assert "patch the device model and confine it" in venom.defence
    assert "remove legacy emulated devices" not in venom.defence
    assert {"Xen", "KVM", "Oracle VirtualBox"} <= set(venom.products)


@pytest.mark.parametrize("cve", [row[0] for row in ESCAPE_FACTS])
def test_each_escape_names_its_own_advisory_page(cve):
    url = hv.escape(cve).advisory
    assert url.startswith("https://")
    # a site's front page or a vendor's root is not a reference
    assert url.rstrip("/").count("/") >= 3 or url.startswith("https://venom.")
    assert url.rstrip("/") not in ("https://www.broadcom.com",
                                   "https://support.broadcom.com")


def test_only_cve_2025_22224_is_exploited_in_the_wild_per_cisa_kev():
    wild = [e for e in hv.escapes() if e.exploited_in_wild]
    assert [e.cve for e in wild] == ["CVE-2025-22224"]
    assert "2025-03-04" in wild[0].defence and "KEV" in wild[0].defence
    assert "Fusion" not in " ".join(wild[0].products)


def test_cve_2024_22252_contained_in_the_vmx_sandbox_on_esxi_only():
    item = hv.escape("CVE-2024-22252")
    assert "on ESXi the code stays inside the VMX sandbox" in item.mechanism
    assert "Workstation and Fusion it can reach the host" in item.mechanism


def test_escapes_carry_no_version_ranges():
    """Version matching is an assignment skill; the package must not do it."""
    for item in hv.escapes():
        for product in item.products:
            assert not re.search(r"[<>]|before|through|\d+\.\d+", product), product


def test_unknown_escape_lists_the_valid_ids():
    with pytest.raises(ValueError, match="CVE-2015-3456"):
        hv.escape("CVE-2099-0001")


# --------------------------------------------------------------------------
# The sample datacenter and blast_radius
# --------------------------------------------------------------------------


def test_sample_datacenter_has_the_promised_shape():
    dc = hv.sample_datacenter()
    assert len(dc.clusters) == 2 and len(dc.hosts) == 6
    assert len(dc.consoles) == 2 and len(dc.vms) == 16
    assert {vm.classification for vm in dc.vms} == set(hv.CLASSIFICATIONS)
    assert all(h.console for h in dc.hosts), "every host has a console"
    managed = [h for c in dc.consoles for h in c.manages]
    assert sorted(managed) == sorted(hv.hosts())
    assert hv.targets() == hv.hosts() + hv.consoles()


def test_compromising_esx_02_exposes_four_vms_of_three_tenants():
    result = hv.blast_radius("esx-02")
    assert result.kind == "host" and result.hosts == ("esx-02",)
    assert len(result.vms) == 4 and len(result.tenants) == 3
    assert result.by_classification["restricted"] == 1
    assert result.highest == "restricted"


@pytest.mark.parametrize("host", hv.hosts())
def test_a_host_exposes_exactly_its_own_vms(host):
    result = hv.blast_radius(host)
    assert result.vms == hv.sample_datacenter().vms_on(host)
    assert sum(result.counts) == len(result.vms)
    assert list(result.by_classification) == list(hv.CLASSIFICATIONS)


@pytest.mark.parametrize("console", hv.consoles())
def test_a_console_exposes_every_vm_of_every_host_it_manages(console):
    result = hv.blast_radius(console)
    dc = hv.sample_datacenter()
    (managed,) = [c.manages for c in dc.consoles if c.name == console]
    assert result.kind == "console" and result.hosts == managed
    union = {vm for host in managed for vm in hv.blast_radius(host).vms}
    assert set(result.vms) == union
    assert len(result.vms) > max(len(hv.blast_radius(h).vms) for h in managed)
    tenants = {t for host in managed for t in hv.blast_radius(host).tenants}
    assert set(result.tenants) == tenants


def test_the_production_console_exposes_far_more_than_one_host():
    console, host = hv.blast_radius("vc-prod"), hv.blast_radius("esx-02")
    assert (len(console.vms), len(console.tenants)) == (12, 5)
    assert console.by_classification["restricted"] == 3
    assert len(console.tenants) > len(host.tenants)


def test_target_names_are_case_and_space_insensitive():
    assert hv.blast_radius("  ESX-02 ").target == "esx-02"


@pytest.mark.parametrize("bad", ["esx-99", "vcenter", "", "pay-db-01"])
def test_unknown_target_is_a_clear_error_listing_valid_names(bad):
    with pytest.raises(ValueError, match=r"unknown target.*esx-01.*vc-prod"):
        hv.blast_radius(bad)


def test_target_must_be_a_string():
    with pytest.raises(TypeError, match="string"):
        hv.blast_radius(["esx-01"])


@pytest.mark.parametrize(("change", "message"), [
    (lambda raw: raw["vms"][0].update(classification="secret"), "classification"),
    (lambda raw: raw["vms"][0].update(host="esx-99"), "unknown host"),
    (lambda raw: raw["consoles"][0]["manages"].append("esx-77"), "unknown host"),
    (lambda raw: raw["consoles"][1]["manages"].append("esx-01"), "two consoles"),
])
def test_malformed_datacenter_data_is_rejected(change, message):
    raw = {
        "clusters": [{"name": "a", "hosts": ["esx-01"]},
                     {"name": "b", "hosts": ["esx-02"]}],
        "consoles": [{"name": "vc-a", "manages": ["esx-01"]},
                     {"name": "vc-b", "manages": ["esx-02"]}],
        "vms": [{"name": "vm", "host": "esx-01", "tenant": "t", "owner": "o",
                 "classification": "public"}],
    }
    hv._parse_datacenter(raw)  # the valid version parses
    change(raw)
    with pytest.raises(ValueError, match=message):
        hv._parse_datacenter(raw)


def test_datacenter_records_are_immutable():
    vm = hv.sample_datacenter().vms[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        vm.classification = "public"


# --------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def _differing_pixels(fast: bytes, full: bytes) -> int:
    a, b = _pixels(fast), _pixels(full)
    assert a.shape == b.shape
    return int((np.abs(a - b).max(axis=2) > 8).sum())


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts if t.get_visible()]


def test_palettes_are_okabe_ito():
    colours = {to_hex(c) for c in LAYER_COLOURS.values()}
    colours |= {to_hex(s["color"]) for s in CLASSIFICATION_STYLE.values()}
    assert colours <= OKABE_ITO
    hatches = [s["hatch"] for s in CLASSIFICATION_STYLE.values()]
    assert CLASSIFICATION_STYLE["restricted"]["hatch"] and len(set(hatches)) > 2


@pytest.mark.parametrize("key", hv.architectures())
def test_stack_figure_names_every_layer_and_marks_surface_in_pattern_and_text(key):
    arch = hv.architecture(key)
    fig = hypervisor_stack(key)
    assert isinstance(fig, Figure)
    assert arch.label in fig.axes[0].get_title()
    texts = " ".join(_texts(fig)).replace("\n", " ")
    for lay in arch.layers:
        assert lay.label.split()[0] in texts
    diagram = HypervisorStackFigure(key)
    for lay, box in zip(arch.layers, diagram.boxes, strict=False):
        assert bool(box.get_hatch()) == lay.is_attack_surface, lay.key
    surfaces = sum(t.startswith("ATTACK SURFACE, reachable from") for t in
                   _texts(fig))
    assert surfaces == len(arch.attack_surface())
    assert sum("LARGEST ATTACK SURFACE" in t for t in _texts(fig)) == 1
    widths = [b.get_linewidth() for b in diagram.boxes[:len(arch.layers)]]
    largest = [lay.key for lay in arch.layers].index(arch.largest_surface)
    assert widths[largest] == max(widths) > min(widths)


def test_stack_updates_the_same_figure_in_place():
    diagram = HypervisorStackFigure("type1")
    fig, boxes = diagram.fig, list(diagram.fig.axes[0].patches)
    before = figure_png(fig)
    diagram.update("hyper-v")
    assert diagram.fig is fig and list(fig.axes[0].patches) == boxes
    assert "Hyper-V" in diagram.ax.get_title()
    assert "Type 1" in diagram.subtitle.get_text()
    hidden = [b for b in diagram.boxes if not b.get_visible()]
    assert len(hidden) == (HypervisorStackFigure.slots
                           - len(hv.architecture("hyper-v").layers))
    assert figure_png(fig) != before


def test_stack_quick_redraw_shows_the_same_picture_as_a_full_render():
    diagram = HypervisorStackFigure("type1")
    for key in (*hv.architectures(), "type1"):
        diagram.update(key)
        assert _differing_pixels(diagram.png(), diagram.renderer.full_png()) == 0, key


def test_stack_rejects_an_unknown_architecture():
    with pytest.raises(ValueError, match="unknown architecture"):
        HypervisorStackFigure("mainframe")


def test_timeline_shows_every_escape_with_year_axis_and_mechanism():
    fig = escape_timeline()
    ax = fig.axes[0]
    assert "VM escapes" in ax.get_title() and "Year" in ax.get_xlabel()
    assert len(ax.lines) == len(hv.escapes())
    assert [line.get_xdata()[0] for line in ax.lines] == [
        e.year for e in hv.escapes()]
    texts = " ".join(_texts(fig))
    for item in hv.escapes():
        assert item.cve in texts and item.component in texts
    assert texts.count("exploited in the wild") == 1
    assert "VENOM" in texts and "XSA-148" in texts


def test_blast_radius_figure_shows_the_exposed_vms_in_place():
    figure = BlastRadiusFigure("esx-02")
    fig, patches = figure.fig, list(figure.map.patches)
    assert set(figure.exposed()) == {vm.name for vm in hv.blast_radius("esx-02").vms}
    assert "esx-02" in figure.title.get_text() and "4 VMs" in figure.title.get_text()
    assert [b.get_width() for b in figure.bars] == [1, 0, 2, 1]
    assert figure.host_tags["esx-02"].get_text() == "COMPROMISED"
    before = figure.png()
    figure.update("vc-prod")
    assert figure.fig is fig and list(figure.map.patches) == patches
    assert len(figure.exposed()) == 12
    assert [b.get_width() for b in figure.bars] == list(
        hv.blast_radius("vc-prod").counts)
    assert [t.get_text() for t in figure.bar_labels] == ["2", "1", "6", "3"]
    assert figure.console_tags["vc-prod"].get_text() == "COMPROMISED"
    assert figure.host_tags["esx-02"].get_text() == "via console"
    assert figure.host_tags["esx-05"].get_text() == ""
    assert "4 hosts" in figure.title.get_text()
    assert figure.png() != before


def test_blast_radius_quick_redraw_shows_the_same_picture_as_a_full_render():
    figure = BlastRadiusFigure("esx-01")
    for target in (*hv.targets(), "esx-01"):
        figure.update(target)
        assert _differing_pixels(figure.png(), figure.renderer.full_png()) == 0, target


def test_every_vm_shows_its_classification_in_text_not_only_colour():
    texts = _texts(blast_radius_figure("esx-01"))
    for vm in hv.sample_datacenter().vms:
        assert any(vm.name in t and vm.classification in t for t in texts), vm.name


def test_blast_radius_figure_rejects_unknown_targets():
    with pytest.raises(ValueError, match="unknown target"):
        BlastRadiusFigure("esx-42")


# --------------------------------------------------------------------------
# Widgets
# --------------------------------------------------------------------------


def test_stack_explorer_carries_stable_css_classes():
    box = hypervisor_stack_explorer()
    assert {"cloudsec-widget", "cloudsec-hypervisor-stack"} <= set(box._dom_classes)
    explorer = HypervisorStackExplorer()
    assert "cloudsec-arch" in explorer.control._dom_classes
    assert "cloudsec-figure" in explorer.image._dom_classes
    assert "cloudsec-readout" in explorer.readout._dom_classes
    assert [value for _, value in explorer.control.options] == list(
        hv.architectures())


def test_stack_explorer_redraws_and_rewrites_the_readout_on_change():
    explorer = HypervisorStackExplorer("type1")
    first_image, first_text = explorer.image.value, explorer.said
    assert "<b>Type 1 (bare metal)</b>" in first_text
    assert "Largest attack surface: <b>Management interfaces and agents</b>" in (
        first_text)
    explorer.control.value = "type2"
    assert explorer.image.value != first_image
    text = explorer.said
    assert "<b>Type 2 (hosted)</b>: Type 2." in text
    assert "Largest attack surface: <b>Host operating system</b>" in text
    assert explorer.figure.arch == "type2"
    explorer.control.value = "hyper-v"
    assert "not Type 2" in explorer.said
    explorer.control.value = "kvm"
    assert "classification debated" in explorer.said


def test_describe_architecture_lists_who_reaches_each_surface():
    text = describe_architecture("type1")
    assert "Management interfaces and agents (from network)" in text
    assert "(from guests)" in text


def test_blast_radius_explorer_carries_stable_css_classes():
    box = blast_radius_explorer()
    assert {"cloudsec-widget", "cloudsec-blast-radius"} <= set(box._dom_classes)
    explorer = BlastRadiusExplorer()
    assert "cloudsec-target" in explorer.control._dom_classes
    assert "cloudsec-figure" in explorer.image._dom_classes
    assert "cloudsec-readout" in explorer.readout._dom_classes
    assert [value for _, value in explorer.control.options] == list(hv.targets())


def test_blast_radius_explorer_says_what_the_figure_shows():
    explorer = BlastRadiusExplorer("esx-02")
    assert explorer.said.startswith(
        "Compromising <b>esx-02</b> exposes 4 VMs of 3 tenants, including 1 "
        "restricted.")
    first = explorer.image.value
    explorer.control.value = "vc-prod"
    assert explorer.image.value != first
    text = explorer.said
    assert ("Compromising <b>vc-prod</b> (management console) exposes 4 hosts "
            "(esx-01, esx-02, esx-03, esx-04) and 12 VMs of 5 tenants, including "
            "3 restricted.") in text
    assert "By classification: 3 restricted, 6 confidential, 1 internal, " \
           "2 public." in text
    assert explorer.figure.target == "vc-prod"
    explorer.control.value = "vc-corp"
    assert "none of them restricted" in explorer.said


def test_describe_blast_radius_uses_singular_for_one():
    text = describe_blast_radius("esx-05")
    assert "exposes 2 VMs of 1 tenant, none of them restricted." in text


def test_importing_the_hypervisor_modules_has_no_side_effects():
    code = (
        "import sys, matplotlib\n"
        "before = dict(dict.items(matplotlib.rcParams))\n"
        "import cloudsec.hypervisors, cloudsec.hypervisors_plots\n"
        "import cloudsec.hypervisors_widgets\n"
        "assert dict(dict.items(matplotlib.rcParams)) == before, 'rcParams'\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
        "assert cloudsec.hypervisors.sample_datacenter.cache_info().currsize == 0\n"
        "print('clean')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "clean" and out.stderr == ""


# --------------------------------------------------------------------------
# Facts of lesson 01 and ps01 that live outside the package (issue 13)
# --------------------------------------------------------------------------

def _lesson_text(name):
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"])


def test_lesson_01_maps_its_sections_to_the_five_baseline_functions():
    """SP 800-125A Rev. 1's HY-BF1..5, with its server-virtualization scope."""
    text = _lesson_text("01-hypervisors.ipynb")
    for name in ("HY-BF1** VM process isolation",
                 "HY-BF2** Devices emulation and access control",
                 "HY-BF3** Execution of privileged operations for guest VMs",
                 "HY-BF4** VM lifecycle management",
                 "HY-BF5** Management of the hypervisor"):
        assert name in text, name
    assert "SP 800-125A covers *server* virtualization" in text
    assert "Cloudburst" in text and "VMSA-2009-0006" in text


@pytest.mark.parametrize("lesson", sorted(p.name for p in
                                          (ROOT / "notebooks").glob("*.ipynb")))
def test_no_lesson_says_it_has_not_checked_a_fact(lesson):
    text = _lesson_text(lesson).lower()
    for phrase in ("have not checked", "not been able to confirm",
                   "has not confirmed", "linked from the nvd"):
        assert phrase not in text, (lesson, phrase)


def test_ps01_inventory_gets_xenserver_and_end_of_support_right():
    # the hand-written original (variant 1); the pool in data/ is generated
    inventory = yaml.safe_load((ROOT / "source" / "ps01-hypervisors" / ".variants"
                                / "original" / "inventory.yaml"
                                ).read_text(encoding="utf-8"))
    hosts = {h["name"]: h for h in inventory["hosts"]}
    xen = hosts["xen-e01"]
    assert "XenServer 6.5" in xen["notes"] and xen["version"].startswith("4.4.")
    assert xen["supported"] is False
    assert hosts["esx-b03"]["version"].startswith("6.7")
    assert hosts["esx-b03"]["supported"] is False
    nb = (ROOT / "source" / "ps01-hypervisors" /
          "ps01-hypervisors.ipynb").read_text(encoding="utf-8")
    assert "presumed affected" in nb and "unless the vendor" in nb
