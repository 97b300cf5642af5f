"""Multi-tenancy (lesson 06): facts, the noisy-neighbour simulation, the
co-residency model, figures and widgets.

The facts are those of /work/shared/reference/facts.md, section 6.
"""

import inspect
import io
import itertools
import math
import re
import subprocess
import sys
import time

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from PIL import Image

from cloudsec import multitenancy as mt
from cloudsec.kit.palette import OKABE_ITO_HEX as OKABE_ITO
from cloudsec.multitenancy_plots import (
    KIND_STYLE,
    PERCENTILE_STYLE,
    PLACEMENT_STYLE,
    CoresidencyFigure,
    LatencyFigure,
    coresidency_figure,
    format_ms,
    format_percent,
    hardware_timeline_figure,
    latency_figure,
)
from cloudsec.multitenancy_widgets import (
    CoresidencyExplorer,
    NoisyNeighbourSimulator,
    coresidency_explorer,
    describe_coresidency,
    describe_latency,
    noisy_neighbour_simulator,
)

# --------------------------------------------------------------------------
# What tenants share (facts.md section 6 and the seed article)
# --------------------------------------------------------------------------


def test_shared_resources_cover_hardware_up_to_the_control_plane():
    keys = [r.key for r in mt.shared_resources()]
    assert keys == ["hosts", "caches", "memory", "storage", "network",
                    "control-plane"]
    assert mt.shared_resource("Control plane").key == "control-plane"


def test_three_risk_families_each_exposed_by_some_resource():
    assert [f.key for f in mt.risk_families()] == list(mt.RISK_FAMILIES)
    assert mt.RISK_FAMILIES == ("data-leakage", "noisy-neighbour",
                                "side-channel")
    exposed = {risk for r in mt.shared_resources() for risk in r.risks}
    assert exposed == set(mt.RISK_FAMILIES)
    assert "availability" in mt.risk_families()[1].harms
    assert "confidentiality" in mt.risk_families()[0].harms


def test_caches_expose_only_side_channels_and_storage_can_leak_data():
    assert mt.shared_resource("caches").risks == ("side-channel",)
    assert "data-leakage" in mt.shared_resource("storage").risks


def test_data_leakage_examples_name_the_lesson_causes():
    text = " ".join(mt.risk_families()[0].examples)
    for cause in ("scoped", "key", "storage", "wiped", "scrubbed"):
        assert cause in text, cause


def test_unknown_resource_is_a_clear_error():
    with pytest.raises(ValueError, match="expected one of: hosts"):
        mt.shared_resource("gpu")


# --------------------------------------------------------------------------
# The shared-hardware timeline
# --------------------------------------------------------------------------

TIMELINE_FACTS = [
    # key, year made public, CVE ids, vendor word
    ("ristenpart-2009", 2009, (), ""),
    ("cross-vm-rsa-2015", 2015, (), "Intel"),
    ("flip-feng-shui", 2016, (), ""),
    ("spectre-meltdown", 2018,
     ("CVE-2017-5753", "CVE-2017-5715", "CVE-2017-5754"), "Intel"),
    ("l1tf-vmm", 2018, ("CVE-2018-3646",), "Intel"),
    ("zenbleed", 2023, ("CVE-2023-20593",), "AMD"),
    ("downfall", 2023, ("CVE-2022-40982",), "Intel"),
    ("inception", 2023, ("CVE-2023-20569",), "AMD"),
]


def test_timeline_holds_exactly_the_facts_oldest_first():
    events = mt.hardware_timeline()
    assert [e.key for e in events] == [key for key, *_ in TIMELINE_FACTS]
    whens = [e.when for e in events]
    assert whens == sorted(whens)


@pytest.mark.parametrize("key, year, cves, vendor", TIMELINE_FACTS)
def test_each_event_matches_the_facts(key, year, cves, vendor):
    event = mt.hardware_event(key)
    assert event.year == year
    assert event.cves == cves
    assert vendor in event.vendor
    assert event.mitigations, "every event needs a mitigation"
    assert set(event.mitigations) <= set(mt.MITIGATIONS)
    assert set(event.shared) <= {r.key for r in mt.shared_resources()}
    assert event.kind in KIND_STYLE


def test_spectre_and_meltdown_were_january_2018_with_the_right_ids():
    event = mt.hardware_event("CVE-2017-5754")
    assert event.key == "spectre-meltdown" and event.month == 1
    assert "Meltdown" in event.what.split("CVE-2017-5754")[1]
    assert "Spectre" in event.what


def test_aws_2018_013_split_hypervisor_patched_customers_patch_guests():
    event = mt.hardware_event("spectre-meltdown")
    assert "AWS-2018-013" in event.source
    assert "hypervisor" in event.provider_action
    assert "instance-to-instance" in event.provider_action
    assert "patch their guest operating systems" in event.customer_action
    assert "process-to-process" in event.customer_action
    assert "process-to-kernel" in event.customer_action  # Meltdown
    assert "guest-patch" in event.mitigations
    assert mt.mitigation("guest-patch").who == "customer"
    assert mt.mitigation("hypervisor-patch").who == "provider"


def test_cve_year_is_not_the_disclosure_year_for_downfall():
    event = mt.hardware_event("downfall")
    assert event.cves[0].startswith("CVE-2022-") and event.year == 2023


def test_l1tf_is_answered_by_smt_off_and_flip_feng_shui_by_no_dedup():
    assert "smt-off" in mt.hardware_event("CVE-2018-3646").mitigations
    assert "no-dedup" in mt.hardware_event("flip-feng-shui").mitigations
    assert "USENIX Security 2016" in mt.hardware_event("flip-feng-shui").source
    assert "memory" in mt.hardware_event("flip-feng-shui").shared


def test_co_residency_study_is_ristenpart_et_al_on_ec2_in_2009():
    event = mt.hardware_event("ristenpart-2009")
    assert "Hey, You, Get Off of My Cloud" in event.source
    assert "EC2" in event.what and "Ristenpart" in event.what
    assert "dedicated-hosts" in event.mitigations


def test_cross_vm_key_recovery_used_prime_and_probe_on_the_llc():
    event = mt.hardware_event("cross-vm-rsa-2015")
    assert "Prime+Probe" in event.what and "RSA" in event.what
    assert "smt-off" not in event.mitigations, "the LLC spans all cores"


def test_every_mitigation_is_used_and_has_an_owner():
    used = {m for e in mt.hardware_timeline() for m in e.mitigations}
    assert used == set(mt.MITIGATIONS)
    assert {m.who for m in mt.MITIGATIONS.values()} == {"provider", "customer"}


def test_unknown_event_lists_the_valid_ids():
    with pytest.raises(ValueError, match="spectre-meltdown"):
        mt.hardware_event("CVE-2099-0001")


def test_package_offers_no_helper_that_solves_the_assignment():
    """No log parser, degradation detector, isolation chooser or placement-
    record analyser: the assignment asks learners to write those."""
    banned = re.compile(r"log|telemetry|degrad|detect|period|choose|isolat|"
                        r"record|exposure|directory|cross_tenant", re.I)
    public = [name for name in mt.__all__ if callable(getattr(mt, name))]
    assert not [name for name in public if banned.search(name)]
    params = list(inspect.signature(mt.coresidency_probability).parameters)
    assert params == ["fleet_hosts", "placement", "attacker_launches",
                      "victim_hosts", "slots_per_host"]


# --------------------------------------------------------------------------
# Noisy neighbours: the queueing simulation
# --------------------------------------------------------------------------


def test_simulation_is_deterministic_per_seed():
    first = mt.simulate_latency(1000, 200, [500], seed=3)
    again = mt.simulate_latency(1000, 200, [500], seed=3)
    other = mt.simulate_latency(1000, 200, [500], seed=4)
    assert first == again
    assert other.p99_ms != first.p99_ms


def test_victim_p99_rises_with_neighbour_load_at_a_fixed_seed():
    p99 = [mt.simulate_latency(1000, 200, [load]).p99_ms
           for load in (0, 200, 400, 600, 700, 780)]
    assert all(b > a for a, b in itertools.pairwise(p99)), p99
    assert p99[-1] > 10 * p99[0]


def test_below_saturation_p99_never_falls_as_a_neighbour_gets_busier():
    """Each tenant has its own random streams, so extra neighbour requests
    only add work in front of the victim's requests."""
    for seed in (0, 1):
        p99 = [mt.simulate_latency(1000, 300, [load], seed=seed).p99_ms
               for load in range(0, 700, 25)]
        assert all(b >= a for a, b in itertools.pairwise(p99)), (seed, p99)


def test_several_neighbours_add_up():
    one = mt.simulate_latency(1000, 200, [600])
    two = mt.simulate_latency(1000, 200, [300, 300])
    assert one.utilisation == two.utilisation == pytest.approx(0.8)
    assert two.p99_ms == pytest.approx(one.p99_ms, rel=0.25)


def test_a_silent_neighbour_changes_nothing():
    assert mt.simulate_latency(1000, 200, []) == mt.simulate_latency(
        1000, 200, [0]) == mt.simulate_latency(1000, 200, 0)


def test_simulation_agrees_with_m_m_1_theory_below_saturation():
    # queue samples are correlated, so the tail converges slowly: a long run
    result = mt.simulate_latency(1000, 250, [250], n_requests=200_000)
    for q, value in result.percentiles.items():
        theory = mt.mm1_percentile_ms(1000, 500, q)
        assert value == pytest.approx(theory, rel=0.08), q


def test_utilisation_is_offered_load_over_capacity():
    result = mt.simulate_latency(1000, 200, [730])
    assert result.utilisation == pytest.approx(0.93)
    assert not result.saturated


def test_overload_is_reported_as_saturation_and_the_run_is_capped():
    calm = mt.simulate_latency(1000, 200, [700])
    full = mt.simulate_latency(1000, 200, [800])
    assert full.saturated and full.utilisation == pytest.approx(1.0)
    assert not calm.saturated
    # 100 times more demand than capacity: the window shrinks so that about
    # n_requests arrive (an uncapped window would simulate 100 times more)
    heavy = mt.simulate_latency(100, 100, [9_900], n_requests=20_000)
    assert heavy.saturated and heavy.utilisation == pytest.approx(100)
    assert heavy.horizon_s == pytest.approx(20_000 / 10_000)
    assert heavy.victim_requests == pytest.approx(0.9 * 200, abs=2)
    assert math.isfinite(heavy.p99_ms) and heavy.p99_ms > calm.p99_ms


def test_deeper_overload_is_worse():
    p99 = [mt.simulate_latency(1000, 200, [load]).p99_ms
           for load in (900, 1200, 1800)]
    assert p99[0] < p99[1] < p99[2]


def test_a_widget_sized_run_is_fast():
    """The widget simulates on every slider move (budget: 20 ms); the bound
    here is loose because the test machine is shared."""
    mt.simulate_latency(200, 1000, [2000])
    start = time.perf_counter()
    for _ in range(5):
        mt.simulate_latency(200, 1000, [2000])
    assert (time.perf_counter() - start) / 5 < 0.1


@pytest.mark.parametrize("args, error, message", [
    ((0, 200, [100]), ValueError, "capacity must be greater than 0"),
    ((-5, 200, [100]), ValueError, "capacity must be greater than 0"),
    ((1000, 0, [100]), ValueError, "victim_load must be greater than 0"),
    ((1000, 200, [-1]), ValueError, r"neighbour_loads\[0\] cannot be negative"),
    ((1000, 200, [100, -50]), ValueError, r"neighbour_loads\[1\]"),
    ((float("nan"), 200, []), ValueError, "finite"),
    ((1000, float("inf"), []), ValueError, "finite"),
    (("1000", 200, []), TypeError, "capacity must be a number"),
    ((1000, 200, "busy"), TypeError, "neighbour_loads"),
])
def test_bad_simulation_input_is_a_clear_error(args, error, message):
    with pytest.raises(error, match=message):
        mt.simulate_latency(*args)


def test_bad_run_settings_are_clear_errors():
    with pytest.raises(ValueError, match="n_requests"):
        mt.simulate_latency(1000, 200, n_requests=10)
    with pytest.raises(ValueError, match="n_requests must be at most"):
        mt.simulate_latency(1000, 200, n_requests=10**9)
    with pytest.raises(TypeError, match="seed"):
        mt.simulate_latency(1000, 200, seed=1.5)
    with pytest.raises(ValueError, match="seed"):
        mt.simulate_latency(1000, 200, seed=-1)
    with pytest.raises(ValueError, match="warmup"):
        mt.simulate_latency(1000, 200, warmup=0.95)


def test_m_m_1_percentiles_from_theory():
    # sojourn time is exponential with rate capacity - load
    assert mt.mm1_percentile_ms(1000, 800, 50) == pytest.approx(
        1000 * math.log(2) / 200)
    assert mt.mm1_percentile_ms(1000, 0, 99) == pytest.approx(
        1000 * math.log(100) / 1000)
    assert mt.mm1_percentile_ms(1000, 1000, 99) == math.inf
    curve = mt.mm1_percentile_ms(1000, np.array([0, 500, 1200]), 95)
    assert np.isfinite(curve[:2]).all() and curve[2] == np.inf
    with pytest.raises(ValueError, match="percentile"):
        mt.mm1_percentile_ms(1000, 100, 100)
    with pytest.raises(ValueError, match="total_load"):
        mt.mm1_percentile_ms(1000, -1, 50)


# --------------------------------------------------------------------------
# Co-residency
# --------------------------------------------------------------------------


def test_dedicated_hosts_are_never_shared():
    for launches in (0, 1, 50, 10_000):
        assert mt.coresidency_probability(10, "dedicated", launches) == 0.0
    assert mt.coresidency_monte_carlo(10, "dedicated", 50) == 0.0
    assert mt.launches_for(0.5, 10, "dedicated") is None


def test_no_launch_means_no_co_residency():
    for policy in mt.PLACEMENTS:
        assert mt.coresidency_probability(100, policy, 0) == 0.0


def test_random_placement_closed_form_on_small_cases():
    assert mt.coresidency_probability(2, "random", 1) == pytest.approx(0.5)
    assert mt.coresidency_probability(2, "random", 2) == pytest.approx(0.75)
    assert mt.coresidency_probability(4, "random", 2) == pytest.approx(
        1 - (3 / 4) ** 2)
    assert mt.coresidency_probability(10, "random", 3, victim_hosts=2) == (
        pytest.approx(1 - 0.8 ** 3))
    assert mt.coresidency_probability(1000, "random", 20) == pytest.approx(
        0.0198, abs=5e-5)


def _enumerate_random(fleet, launches, victims):
    hits = total = 0
    for victim in itertools.combinations(range(fleet), victims):
        for hosts in itertools.product(range(fleet), repeat=launches):
            total += 1
            hits += bool(set(hosts) & set(victim))
    return hits / total


def _enumerate_packed(fleet, launches, victims, slots):
    """Fill slots one launch at a time from every start host and fill level."""
    hits = total = 0
    for victim in itertools.combinations(range(fleet), victims):
        for first in range(fleet):
            for filled in range(slots):
                used, host, touched = filled, first, {first}
                for _ in range(launches):
                    if used == slots:
                        host, used = (host + 1) % fleet, 0
                        touched.add(host)
                    used += 1
                total += 1
                hits += bool(touched & set(victim))
    return hits / total


@pytest.mark.parametrize("fleet, launches, victims", [
    (3, 1, 1), (3, 2, 1), (4, 3, 2), (5, 2, 2),
])
def test_random_placement_matches_exhaustive_enumeration(fleet, launches,
                                                         victims):
    assert mt.coresidency_probability(
        fleet, "random", launches, victims) == pytest.approx(
        _enumerate_random(fleet, launches, victims))


@pytest.mark.parametrize("fleet, launches, victims, slots", [
    (4, 1, 1, 2), (4, 2, 1, 2), (5, 3, 2, 2), (6, 7, 2, 3), (5, 12, 1, 2),
    (3, 9, 1, 4),
])
def test_packed_placement_matches_exhaustive_enumeration(fleet, launches,
                                                         victims, slots):
    assert mt.coresidency_probability(
        fleet, "packed", launches, victims, slots) == pytest.approx(
        _enumerate_packed(fleet, launches, victims, slots))


def test_chance_increases_with_launches():
    for policy in ("random", "packed"):
        chances = [mt.coresidency_probability(200, policy, k)
                   for k in range(0, 400, 10)]
        assert all(b >= a for a, b in itertools.pairwise(chances)), policy
        assert chances[-1] > chances[1] > 0
    random = [mt.coresidency_probability(200, "random", k) for k in (1, 2, 3)]
    assert random[0] < random[1] < random[2]


def test_packing_spreads_blind_launches_over_fewer_hosts():
    for launches in (10, 50, 200):
        assert (mt.coresidency_probability(1000, "packed", launches)
                < mt.coresidency_probability(1000, "random", launches))
    # with one instance per host, packing touches as many hosts as launches
    assert mt.coresidency_probability(50, "packed", 5, slots_per_host=1) == (
        pytest.approx(5 / 50))


def test_more_victim_hosts_are_easier_to_hit():
    one = mt.coresidency_probability(500, "random", 30, victim_hosts=1)
    ten = mt.coresidency_probability(500, "random", 30, victim_hosts=10)
    assert ten > one
    assert mt.coresidency_probability(5, "random", 1, victim_hosts=5) == 1.0


@pytest.mark.parametrize("fleet, policy, launches, victims, slots", [
    (100, "random", 20, 1, 8),
    (50, "random", 10, 3, 8),
    (100, "packed", 60, 1, 8),
    (40, "packed", 25, 4, 4),
    (1000, "random", 200, 1, 8),
])
def test_closed_form_matches_monte_carlo(fleet, policy, launches, victims,
                                         slots):
    exact = mt.coresidency_probability(fleet, policy, launches, victims,
                                       slots)
    trials = 20_000
    estimate = mt.coresidency_monte_carlo(fleet, policy, launches, victims,
                                          slots, trials=trials, seed=7)
    error = math.sqrt(exact * (1 - exact) / trials)
    assert abs(estimate - exact) < 4 * error + 1e-9, (estimate, exact)


def test_monte_carlo_is_deterministic_per_seed():
    one = mt.coresidency_monte_carlo(100, "random", 20, trials=20_000, seed=1)
    assert one == mt.coresidency_monte_carlo(100, "random", 20, trials=20_000,
                                             seed=1)
    assert one != mt.coresidency_monte_carlo(100, "random", 20, trials=20_000,
                                             seed=2)


def test_launches_for_an_even_chance():
    assert mt.launches_for(0.5, 1000, "random") == 693
    for policy in ("random", "packed"):
        k = mt.launches_for(0.5, 300, policy)
        assert mt.coresidency_probability(300, policy, k) >= 0.5
        assert mt.coresidency_probability(300, policy, k - 1) < 0.5
    with pytest.raises(ValueError, match="probability"):
        mt.launches_for(1.0, 100, "random")


def test_placement_policies_explain_their_model():
    assert set(mt.PLACEMENTS) == {"random", "packed", "dedicated"}
    assert "fill" in mt.placement("packed").rule
    assert "hypergeometric" in mt.placement("packed").model
    assert "binomial" in mt.placement("random").model
    assert mt.placement(" Packed ").key == "packed"


@pytest.mark.parametrize("args, kwargs, error, message", [
    ((1000, "round-robin", 5), {}, ValueError, "unknown placement policy"),
    ((0, "random", 5), {}, ValueError, "fleet_hosts must be at least 1"),
    ((10, "random", -1), {}, ValueError, "attacker_launches must be at least"),
    ((10, "random", 2.5), {}, TypeError, "attacker_launches must be a whole"),
    ((10, "random", True), {}, TypeError, "attacker_launches"),
    ((10, "random", 2), {"victim_hosts": 11}, ValueError, "cannot exceed"),
    ((10, "random", 2), {"victim_hosts": 0}, ValueError, "victim_hosts"),
    ((10, "packed", 2), {"slots_per_host": 0}, ValueError, "slots_per_host"),
])
def test_bad_coresidency_input_is_a_clear_error(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        mt.coresidency_probability(*args, **kwargs)
    with pytest.raises(error, match=message):
        mt.coresidency_monte_carlo(*args, **kwargs, trials=10)


# --------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def _assert_same_picture(fast: bytes, full: bytes, what: str) -> None:
    a, b = _pixels(fast), _pixels(full)
    assert a.shape == b.shape, what
    differ = np.abs(a - b).max(axis=2) > 8
    assert differ.sum() == 0, f"{what}: {differ.sum()} pixels differ"


def test_palettes_are_okabe_ito_and_styles_differ_beyond_colour():
    for table in (PERCENTILE_STYLE, PLACEMENT_STYLE, KIND_STYLE):
        colours = [to_hex(s["color"]) for s in table.values()]
        assert set(colours) <= OKABE_ITO and len(set(colours)) == len(colours)
    for table, key in ((PERCENTILE_STYLE, "linestyle"),
                       (PERCENTILE_STYLE, "marker"),
                       (PLACEMENT_STYLE, "linestyle"), (KIND_STYLE, "marker")):
        values = [s[key] for s in table.values()]
        assert len(set(values)) == len(values), key


def test_latency_figure_is_titled_labelled_and_labels_each_point():
    fig = latency_figure(1000, 200, 600)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() == "Victim latency on a shared host"
    assert "capacity 1,000 req/s" in ax.texts[-1].get_text()
    assert "victim load 200 req/s" in ax.texts[-1].get_text()
    assert "requests per second" in ax.get_xlabel()
    assert "ms" in ax.get_ylabel()
    texts = [t.get_text() for t in ax.texts]
    result = mt.simulate_latency(1000, 200, [600])
    assert f"p99 {format_ms(result.p99_ms)}" in texts
    assert f"p50 {format_ms(result.p50_ms)}" in texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("saturated" in t for t in legend)


def test_latency_figure_updates_in_place_and_marks_saturation():
    figure = LatencyFigure()
    quiet = mt.simulate_latency(1000, 200, [0])
    figure.update(1000, 200, 0, quiet)
    fig, lines, first = figure.fig, list(figure.ax.lines), figure.png()
    assert figure.span.get_x() == pytest.approx(800)
    busy = mt.simulate_latency(500, 200, [1500])
    figure.update(500, 200, 1500, busy)
    assert figure.fig is fig and list(figure.ax.lines) == lines
    assert figure.span.get_visible() and figure.span.get_x() == pytest.approx(300)
    assert figure.span_text.get_text() == "saturated"
    assert figure.png() != first
    # theory curves stop where demand reaches capacity
    x, y = figure.curves[99].get_data()
    assert np.isnan(np.asarray(y)[np.asarray(x) >= 300]).all()
    assert "capacity 500 req/s" in figure.subtitle.get_text()


def test_span_hidden_when_the_host_never_saturates_on_the_axis():
    figure = LatencyFigure(max_neighbour_load=500)
    figure.update(2000, 100, 200, mt.simulate_latency(2000, 100, [200]))
    assert not figure.span.get_visible()
    assert not figure.span_text.get_visible()


def test_latency_quick_redraw_matches_a_full_render():
    figure = LatencyFigure()
    for setting in ((1000, 200, 0), (1000, 200, 750), (300, 250, 1800),
                    (2000, 50, 100)):
        figure.update(*setting, mt.simulate_latency(*setting[:2],
                                                    [setting[2]]))
        _assert_same_picture(figure.png(), figure.renderer.full_png(),
                             str(setting))


def test_coresidency_figure_titled_labelled_and_marks_the_current_point():
    fig = coresidency_figure(1000, "random", 20)
    ax = fig.axes[0]
    assert "1,000 hosts" in ax.get_title() and "random" in ax.get_title()
    assert "launches" in ax.get_xlabel().lower()
    assert "%" in ax.get_ylabel()
    assert [t.get_text() for t in ax.texts] == ["20 launches: 2.0%"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:3] == [p.label for p in mt.PLACEMENTS.values()]


def test_coresidency_figure_updates_in_place_and_thickens_the_policy():
    figure = CoresidencyFigure()
    figure.update(1000, "random", 20)
    fig, first = figure.fig, figure.png()
    figure.update(50, "packed", 120)
    assert figure.fig is fig
    assert figure.png() != first
    assert figure.curves["packed"].get_linewidth() > figure.curves[
        "random"].get_linewidth()
    chance = mt.coresidency_probability(50, "packed", 120)
    assert figure.marker.get_ydata()[0] == pytest.approx(chance)
    assert figure.note.get_text() == f"120 launches: {format_percent(chance)}"
    assert "50 hosts" in figure.ax.get_title()
    _, y = figure.curves["dedicated"].get_data()
    assert not np.any(y)


def test_coresidency_quick_redraw_matches_a_full_render():
    figure = CoresidencyFigure()
    for setting in ((1000, "random", 20), (10, "packed", 190),
                    (200, "dedicated", 0), (5000, "random", 200)):
        figure.update(*setting)
        _assert_same_picture(figure.png(), figure.renderer.full_png(),
                             str(setting))


def test_timeline_figure_names_every_event_on_a_year_axis():
    fig = hardware_timeline_figure()
    ax = fig.axes[0]
    assert ax.get_title() and "Year" in ax.get_xlabel()
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == [e.title for e in mt.hardware_timeline()]
    rows = [tick for tick in ax.get_yticks()]
    assert rows == sorted(rows, reverse=True), "oldest event at the top"
    tags = " ".join(t.get_text() for t in ax.texts)
    assert "CVE-2018-3646" in tags and "CVE-2022-40982" in tags
    assert len(ax.lines) == len(mt.hardware_timeline())


def test_number_formats_never_round_a_risk_away():
    assert format_percent(0) == "0%"
    assert format_percent(0.0004) == "<0.1%"
    assert format_percent(0.9996) == ">99.9%"
    assert format_percent(1.0) == "100.0%"
    assert format_percent(0.0198) == "2.0%"
    assert format_ms(5.76) == "5.8 ms" and format_ms(12345.6) == "12,346 ms"


# --------------------------------------------------------------------------
# Widgets
# --------------------------------------------------------------------------


def test_noisy_neighbour_widget_carries_stable_css_classes():
    box = noisy_neighbour_simulator()
    assert {"cloudsec-widget", "cloudsec-noisy-neighbour"} <= set(
        box._dom_classes)
    sim = NoisyNeighbourSimulator()
    assert "cloudsec-capacity" in sim.capacity._dom_classes
    assert "cloudsec-victim-load" in sim.victim_load._dom_classes
    assert "cloudsec-neighbour-load" in sim.neighbour_load._dom_classes
    assert "cloudsec-figure" in sim.image._dom_classes
    assert "cloudsec-readout" in sim.readout._dom_classes


def test_noisy_neighbour_readout_and_figure_follow_the_sliders():
    sim = NoisyNeighbourSimulator(1000, 200, 0)
    quiet_text, quiet_png = sim.said, sim.image.value
    assert quiet_text.startswith("Victim p99 latency: ")
    assert "(1.0x the quiet baseline); host utilisation 20%." in quiet_text
    sim.neighbour_load.value = 600
    assert sim.image.value != quiet_png
    assert "host utilisation 80%." in sim.said
    ratio = float(re.search(r"\(([\d.]+)x the quiet", sim.said)[1])
    assert ratio > 3
    sim.capacity.value = 2000
    assert "host utilisation 40%." in sim.said
    sim.victim_load.value = 400
    assert "host utilisation 50%." in sim.said


def test_noisy_neighbour_readout_reports_saturation():
    sim = NoisyNeighbourSimulator(1000, 200, 900)
    text = sim.said
    assert "host demand 110% of capacity: <b>saturated</b>." in text
    assert "no steady value" in text
    assert sim.figure.span.get_visible()


def test_describe_latency_matches_the_widget():
    sim = NoisyNeighbourSimulator(1000, 200, 700)
    assert sim.said.startswith(describe_latency(1000, 200, 700) + "<br>Setting:")
    assert "host utilisation 90%." in sim.said


def test_coresidency_widget_carries_stable_css_classes():
    box = coresidency_explorer()
    assert {"cloudsec-widget", "cloudsec-coresidency"} <= set(box._dom_classes)
    explorer = CoresidencyExplorer()
    assert "cloudsec-fleet" in explorer.fleet._dom_classes
    assert "cloudsec-placement" in explorer.placement._dom_classes
    assert "cloudsec-launches" in explorer.launches._dom_classes
    assert "cloudsec-figure" in explorer.image._dom_classes
    assert "cloudsec-readout" in explorer.readout._dom_classes


def test_coresidency_readout_follows_the_controls():
    explorer = CoresidencyExplorer(1000, "random", 20)
    assert explorer.said.startswith(
        "With 20 launches on a fleet of 1,000 hosts under random placement, "
        "the chance of sharing a host with the victim is <b>2.0%</b>.")
    assert "693 launches" in explorer.said
    first = explorer.image.value
    explorer.launches.value = 100
    assert "With 100 launches" in explorer.said
    assert explorer.image.value != first
    explorer.fleet.value = 100
    assert "fleet of 100 hosts" in explorer.said
    assert "<b>63.4%</b>" in explorer.said
    explorer.placement.value = "packed"
    assert "under packed placement" in explorer.said
    assert "only about 13 hosts" in explorer.said
    explorer.placement.value = "dedicated"
    assert "<b>0%</b>" in explorer.said
    assert "no number of launches" in explorer.said


def test_describe_coresidency_uses_singular_for_one_launch():
    assert "With 1 launch on" in describe_coresidency(10, "random", 1)


def test_coresidency_explorer_rejects_an_unoffered_fleet():
    with pytest.raises(ValueError, match="fleet_hosts must be one of"):
        CoresidencyExplorer(fleet_hosts=7)


def test_importing_the_multitenancy_modules_has_no_side_effects():
    code = (
        "import sys, matplotlib\n"
        "before = dict(dict.items(matplotlib.rcParams))\n"
        "import cloudsec.multitenancy, cloudsec.multitenancy_plots\n"
        "import cloudsec.multitenancy_widgets\n"
        "assert dict(dict.items(matplotlib.rcParams)) == before, 'rcParams'\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
        "print('clean')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "clean" and out.stderr == ""
