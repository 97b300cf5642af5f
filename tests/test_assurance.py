"""Lesson 08: the who-can-read-your-data rules, the matrix figure, the widget."""

import inspect
import itertools

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from cloudsec import assurance as asr
from cloudsec.assurance_plots import (
    VERDICT_STYLE,
    VERDICT_TEXT,
    ExposureMatrixFigure,
    exposure_matrix,
)
from cloudsec.assurance_widgets import (
    WhoCanReadExplorer,
    describe_changes,
    describe_exposure,
    who_can_read_explorer,
)

OKABE_ITO = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2",
             "#d55e00", "#cc79a7", "#000000"}
P, R, E = asr.PROTECTED, asr.RELIES, asr.EXPOSED
VERIFIED = {"confidential_vm": True, "attestation_checked": True}
ALL_PROTECTIONS = [
    asr.Protections(keys, cvm, att, client)
    for keys in asr.KEY_LOCATIONS
    for cvm, att, client in itertools.product([False, True], repeat=3)]


def _grid(protections):
    matrix = asr.exposure(protections)
    return {actor: tuple(cell.verdict for cell in row.values())
            for actor, row in matrix.items()}


# -- the rules, cell by cell -----------------------------------------------------

def test_defaults_encryption_at_rest_does_not_stop_the_provider():
    """Check the baseline: provider-held keys, an ordinary VM."""
    assert _grid(None) == {
        "external-attacker": (P, P, R),
        "provider-insider": (R, R, R),
        "compromised-hypervisor": (E, E, E),
        "legal-order": (E, R, R),
        "own-admin": (E, E, E),
    }
    cell = asr.exposure()["provider-insider"]["at-rest"]
    assert "does not stop the provider" in cell.reason


def test_unverified_confidential_vm_changes_nothing():
    """An attestation report nobody checks is worth nothing."""
    assert _grid({"confidential_vm": True}) == _grid(None)
    cell = asr.exposure({"confidential_vm": True})["compromised-hypervisor"][
        "in-use"]
    assert "only the provider's word" in cell.reason


def test_verified_confidential_vm_closes_use_and_transit_not_rest():
    assert _grid(VERIFIED) == {
        "external-attacker": (P, P, P),
        "provider-insider": (R, P, P),
        "compromised-hypervisor": (E, P, P),
        "legal-order": (E, P, P),
        "own-admin": (E, E, E),
    }
    rest = asr.exposure(VERIFIED)["compromised-hypervisor"]["at-rest"]
    assert "disk I/O" in rest.reason
    use = asr.exposure(VERIFIED)["provider-insider"]["in-use"]
    assert "Side channels and availability" in use.reason


def test_external_key_store_changes_only_the_legal_order_at_rest():
    moved = asr.changes(None, {"keys": "external"})
    assert [(o.actor, o.state, o.verdict, n.verdict) for o, n in moved] == [
        ("legal-order", "at-rest", E, R)]
    assert "disconnect" in moved[0][1].reason


def test_client_side_without_a_verified_cvm_leaves_keys_in_host_memory():
    grid = _grid({"client_side": True})
    assert grid["provider-insider"][0] == R
    assert grid["compromised-hypervisor"][0] == E
    assert grid["legal-order"][0] == R
    cell = asr.exposure({"client_side": True})["compromised-hypervisor"][
        "at-rest"]
    assert "keys sit in VM memory" in cell.reason


def test_client_side_in_a_verified_cvm_protects_everything_but_own_admins():
    grid = _grid({**VERIFIED, "client_side": True})
    for actor, row in grid.items():
        assert row == ((E, E, E) if actor == "own-admin" else (P, P, P)), actor


@pytest.mark.parametrize("protections", ALL_PROTECTIONS)
def test_invariants_hold_for_every_combination(protections):
    """Own admins are never stopped; an external attacker never sees at-rest
    or in-transit data; every cell has a reason and known sources."""
    matrix = asr.exposure(protections)
    assert list(matrix) == list(asr.ACTORS)
    assert all(v.verdict == E for v in matrix["own-admin"].values())
    assert matrix["external-attacker"]["at-rest"].verdict == P
    assert matrix["external-attacker"]["in-transit"].verdict == P
    for row in matrix.values():
        assert list(row) == list(asr.STATES)
        for cell in row.values():
            assert cell.verdict in asr.VERDICTS
            assert len(cell.reason) > 40
            assert cell.sources and set(cell.sources) <= set(asr.SOURCES)
    if not protections.verified_cvm:
        assert matrix["compromised-hypervisor"]["in-use"].verdict == E


def test_every_source_is_cited_with_its_reading_date():
    for sid, text in asr.SOURCES.items():
        assert "read 2026-12-04" in text, sid


@pytest.mark.parametrize("bad, error, match", [
    ({"keys": "hsm"}, ValueError, "unknown key location"),
    ({"tee": True}, ValueError, "unknown protection"),
    ({"confidential_vm": "yes"}, TypeError, "True or False"),
    ("cvm", TypeError, "Protections, a dict or None"),
])
def test_bad_protections_are_refused_clearly(bad, error, match):
    with pytest.raises(error, match=match):
        asr.exposure(bad)


def test_reference_data_covers_the_lesson():
    assert list(asr.KEY_CUSTODY) == ["provider-managed", "customer-managed",
                                     "byok", "hyok", "dedicated-hsm"]
    assert sorted(asr.FIPS_140_3_LEVELS) == [1, 2, 3, 4]
    assert "Type I" in asr.ASSURANCE_REPORTS["soc2-type1"][0]
    assert "over a period" in asr.ASSURANCE_REPORTS["soc2-type2"][1]
    for label, _protects, not_ in asr.TEE_TECHNOLOGIES.values():
        assert not_.startswith("Not:"), label


def test_public_api_takes_no_reports_workloads_controls_or_logs():
    """The graded assignment checks attestation reports, matches workloads
    to key custody, reads SOC 2 excerpts and log inventories: no package
    function may take any of those."""
    allowed = {"protections", "before", "after"}
    for name in asr.__all__:
        obj = getattr(asr, name)
        if inspect.isfunction(obj):
            params = set(inspect.signature(obj).parameters)
            assert params <= allowed, (name, params)


# -- the figure --------------------------------------------------------------------

def test_figure_has_text_in_every_cell_and_a_title():
    fig = exposure_matrix()
    assert isinstance(fig, Figure)
    assert fig.get_suptitle().startswith("Who can read your data? 2 protected")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert len(texts) == len(asr.ACTORS) * len(asr.STATES)
    assert all(t in VERDICT_TEXT.values() for t in texts)


def test_verdicts_differ_in_pattern_and_colours_are_okabe_ito():
    hatches = {style["hatch"] for style in VERDICT_STYLE.values()}
    assert len(hatches) == 3
    for style in VERDICT_STYLE.values():
        assert to_hex(style["facecolor"]) in OKABE_ITO
    figure = ExposureMatrixFigure()
    exposed = figure.patches["own-admin", "in-use"]
    assert exposed.get_hatch() == VERDICT_STYLE[E]["hatch"]


def test_figure_updates_in_place():
    figure = ExposureMatrixFigure()
    fig, patch = figure.fig, figure.patches["compromised-hypervisor", "in-use"]
    before = figure.png()
    figure.update(VERIFIED)
    assert figure.fig is fig
    assert figure.patches["compromised-hypervisor", "in-use"] is patch
    assert patch.get_hatch() == VERDICT_STYLE[P]["hatch"]
    assert figure.texts["compromised-hypervisor", "in-use"].get_text() == (
        "PROTECTED")
    assert "attestation verified" in figure.subtitle.get_text()
    assert figure.png() != before


# -- the widget --------------------------------------------------------------------

def test_explorer_carries_stable_css_classes_and_keyboard_controls():
    box = who_can_read_explorer()
    assert {"cloudsec-widget", "cloudsec-who-can-read"} <= set(box._dom_classes)
    explorer = WhoCanReadExplorer()
    assert "cloudsec-keys" in explorer.keys._dom_classes
    for flag, toggle in explorer.flags.items():
        assert f"cloudsec-flag-{flag}" in toggle._dom_classes
    assert "cloudsec-figure" in explorer.image._dom_classes
    assert "cloudsec-readout" in explorer.readout._dom_classes


def test_readout_states_the_current_values():
    first = describe_exposure().split("<br>")[:2]
    assert first == [
        "Protections: keys in the provider&#x27;s KMS; ordinary VM; no "
        "client-side encryption.",
        "2 cells protected, 6 rely on the provider, 7 exposed."]


def test_explorer_names_each_change():
    explorer = WhoCanReadExplorer()
    image = explorer.image.value
    explorer.flags["confidential_vm"].value = True
    assert "No cell changed with that move." in explorer.readout.value
    assert "attestation NOT checked" in explorer.readout.value
    explorer.flags["attestation_checked"].value = True
    assert explorer.image.value != image
    text = explorer.readout.value
    assert "7 cells changed:" in text
    assert "Compromised hypervisor, in use: exposed -&gt; protected." in text
    explorer.keys.value = "external"
    assert ("1 cell changed:<br>Legal order to the provider, at rest: "
            "exposed -&gt; relies on provider.") in explorer.readout.value


def test_describe_changes_counts_moves():
    assert describe_changes(None, None).startswith("No cell changed")
    assert describe_changes(None, VERIFIED).startswith("7 cells changed:")
