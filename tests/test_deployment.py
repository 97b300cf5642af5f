"""Deployment models: NIST SP 800-145 data, the advisor, its chart and widget."""

import io
import itertools
import random
import subprocess
import sys

import nbformat
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from PIL import Image

from cloudsec import deployment as dep
from cloudsec.deployment_plots import MODEL_COLOURS, FitFigure, fit_chart
from cloudsec.deployment_widgets import (
    CONTROL_CLASSES,
    DeploymentAdvisor,
    deployment_advisor,
    describe_advice,
)
from cloudsec.kit.palette import OKABE_ITO_HEX as OKABE_ITO

from helpers import ROOT

ALL_LEVELS = list(itertools.product(dep.LEVELS, repeat=len(dep.FACTORS)))


def _scores(**levels):
    return {fit.model: fit.score for fit in dep.advise(**levels)}


# -- NIST SP 800-145 as data ---------------------------------------------------

def test_five_essential_characteristics_in_nist_order():
    assert dep.characteristics() == (
        "on-demand-self-service", "broad-network-access", "resource-pooling",
        "rapid-elasticity", "measured-service")
    names = [dep.characteristic(k).name for k in dep.characteristics()]
    assert names == ["On-demand self-service", "Broad network access",
                     "Resource pooling", "Rapid elasticity", "Measured service"]


def test_multi_tenancy_is_part_of_resource_pooling_not_a_sixth():
    assert "multi-tenancy" in dep.characteristic("resource-pooling").includes
    assert "multi-tenant" in dep.characteristic("Resource pooling").meaning
    with pytest.raises(ValueError, match="inside resource pooling"):
        dep.characteristic("multi-tenancy")


def test_service_model_recap_follows_nist_control_wording():
    saas, paas, iaas = dep.service_models()
    assert (saas.key, paas.key, iaas.key) == ("saas", "paas", "iaas")
    assert "limited user-specific" in saas.consumer_controls
    assert "operating systems" in paas.consumer_does_not_control
    assert "operating systems" in iaas.consumer_controls


def test_four_deployment_models_in_nist_order():
    assert dep.models() == ("private", "community", "public", "hybrid")
    assert [dep.model_label(m) for m in dep.models()] == [
        "Private cloud", "Community cloud", "Public cloud", "Hybrid cloud"]


def test_private_cloud_may_be_off_premises_and_third_party_run():
    private = dep.model("private")
    assert private.location == "on or off premises"
    assert "third party" in private.owned_operated_by
    assert "single organization" in private.provisioned_for
    assert "may be off premises" in private.nist_points


def test_community_cloud_serves_organisations_with_shared_concerns():
    community = dep.model("Community cloud")
    assert "shared concerns" in community.provisioned_for
    assert "compliance" in community.provisioned_for
    assert community.location == "on or off premises"


def test_public_cloud_exists_on_the_providers_premises():
    public = dep.model("PUBLIC")
    assert public.location == "on the premises of the cloud provider"
    assert "general public" in public.provisioned_for


def test_hybrid_is_distinct_infrastructures_bound_for_portability():
    hybrid = dep.model("hybrid cloud")
    text = " ".join((hybrid.provisioned_for, *hybrid.nist_points))
    assert "two or more distinct cloud infrastructures" in text
    assert "remain unique entities" in text
    assert "portability" in text


def test_popular_terms_are_not_nist_models():
    terms = {t.key: t for t in dep.undefined_terms()}
    assert {"multi-cloud", "virtual-private-cloud"} <= set(terms)
    assert "public cloud" in terms["virtual-private-cloud"].in_nist_terms.lower()
    assert "hybrid" in terms["multi-cloud"].in_nist_terms
    for key in terms:
        with pytest.raises(ValueError, match="does not define"):
            dep.normalize_model(key)


def test_unknown_model_and_wrong_type_are_clear_errors():
    with pytest.raises(ValueError, match="NIST defines four"):
        dep.model("edge cloud")
    with pytest.raises(TypeError, match="must be a string"):
        dep.model(3)


# -- the comparison table --------------------------------------------------------

def test_comparison_table_is_complete_and_cites_nist_rows():
    rows = dep.comparison_rows()
    labels = [label for label, _ in rows]
    assert labels[:2] == ["Owned and operated by (NIST)", "Where it runs (NIST)"]
    assert {"Tenancy", "Customer control", "Cost", "Compliance fit",
            "Typical users"} <= set(labels)
    for label, cells in rows:
        assert tuple(cells) == dep.models(), label
        assert all(text.strip() for text in cells.values()), label
    assert dict(rows)["Where it runs (NIST)"]["private"] == "on or off premises"


def test_comparison_markdown_is_a_table_with_one_column_per_model():
    lines = dep.comparison_markdown().splitlines()
    assert len(lines) == 2 + len(dep.comparison_rows())
    assert all(line.count("|") == 6 for line in lines)
    assert "Hybrid cloud" in lines[0]


def test_lesson_shows_the_packages_comparison_table():
    path = ROOT / "notebooks" / "04-deployment-models.ipynb"
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert dep.comparison_markdown() in text, (
        "the table in lesson 04 differs from cloudsec.deployment; "
        "regenerate it from comparison_markdown()")


# -- the advisor -----------------------------------------------------------------

def test_advise_returns_every_model_best_first():
    fits = dep.advise()
    assert sorted(f.model for f in fits) == sorted(dep.models())
    assert [f.score for f in fits] == sorted((f.score for f in fits),
                                             reverse=True)
    assert fits[0].model == "public"  # all medium


def test_every_score_is_base_plus_its_reasons_and_reasons_explain():
    for levels in ALL_LEVELS:
        for fit in dep.advise(*levels):
            assert fit.score == dep.BASE_SCORE + sum(r.points for r in fit.reasons)
            for reason in fit.reasons:
                assert reason.points != 0 and reason.text.strip()
                assert str(reason).startswith(f"{reason.points:+d} ")
            assert fit.note


def test_ties_keep_nist_order():
    for levels in ALL_LEVELS:
        fits = dep.advise(*levels)
        for a, b in itertools.pairwise(fits):
            if a.score == b.score:
                assert dep.models().index(a.model) < dep.models().index(b.model)


@pytest.mark.parametrize("factor, rising, falling", [
    ("regulation", ["private", "community"], ["public"]),
    ("sensitivity", ["private"], ["public"]),
    ("demand_variability", ["public", "hybrid"], ["private"]),
    ("budget", ["private"], []),
    ("skills", ["private", "hybrid"], []),
])
def test_documented_monotonic_properties(factor, rising, falling):
    others = [f for f in dep.FACTORS if f != factor]
    for rest in itertools.product(dep.LEVELS, repeat=len(others)):
        fixed = dict(zip(others, rest, strict=True))
        series = [_scores(**fixed, **{factor: level}) for level in dep.LEVELS]
        for a, b in itertools.pairwise(series):
            for key in rising:
                assert b[key] >= a[key], (factor, fixed, key)
            for key in falling:
                assert b[key] <= a[key], (factor, fixed, key)


def test_public_never_best_when_regulation_and_sensitivity_are_high():
    for rest in itertools.product(dep.LEVELS, repeat=3):
        scores = _scores(regulation="high", sensitivity="high",
                         **dict(zip(("demand_variability", "budget", "skills"),
                                    rest, strict=True)))
        assert max(v for k, v in scores.items() if k != "public") > scores["public"]


def test_hybrid_never_best_when_demand_is_steady():
    for rest in itertools.product(dep.LEVELS, repeat=4):
        scores = _scores(demand_variability="low",
                         **dict(zip(("sensitivity", "regulation", "budget",
                                     "skills"), rest, strict=True)))
        assert max(v for k, v in scores.items() if k != "hybrid") > scores["hybrid"]


def test_each_model_is_the_best_fit_for_some_requirements():
    winners = {dep.advise(*levels)[0].model for levels in ALL_LEVELS}
    assert winners == set(dep.models())


def test_weights_are_monotonic_rows_of_three():
    for factor, rows in dep.weights().items():
        for key, points in rows.items():
            assert len(points) == 3
            assert list(points) in (sorted(points), sorted(points, reverse=True)), (
                factor, key)


def test_levels_are_case_insensitive():
    assert dep.advise(" HIGH ", "High") == dep.advise("high", "high")


@pytest.mark.parametrize("kwargs, error, match", [
    ({"regulation": "extreme"}, ValueError, "regulation must be one of"),
    ({"budget": 2}, TypeError, "budget must be a string"),
    ({"skills": None}, TypeError, "skills must be a string"),
])
def test_bad_levels_are_clear_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        dep.advise(**kwargs)


def test_unknown_requirement_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown requirement"):
        dep.normalize_level("latency", "low")


# -- the chart -------------------------------------------------------------------

def _texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


def test_fit_chart_is_titled_labelled_and_marks_best_fit_in_text():
    fig = fit_chart(regulation="high", sensitivity="high")
    assert isinstance(fig, Figure)
    assert fig.get_suptitle()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Private cloud", "Community cloud", "Public cloud", "Hybrid cloud"]
    assert "Fit score" in ax.get_xlabel()
    best = dep.advise(regulation="high", sensitivity="high")[0]
    assert f"{best.score}  BEST FIT" in _texts(fig)
    # the points table's column heads say each requirement's level
    assert _texts(fig).count("high") == 2 and _texts(fig).count("medium") == 3


def test_best_fit_differs_by_pattern_and_text_not_only_colour():
    chart = FitFigure(dep.advise(regulation="high", sensitivity="high"))
    assert chart.bars["private"].get_hatch()
    assert not chart.bars["public"].get_hatch()
    assert chart.scores["public"].get_text().isdigit()


def test_chart_palette_is_okabe_ito_and_distinct():
    colours = {to_hex(c) for c in MODEL_COLOURS.values()}
    assert len(colours) == 4 and colours <= OKABE_ITO


def test_points_table_shows_each_requirements_pull():
    chart = FitFigure(dep.advise(regulation="high"), {"regulation": "high"})
    assert chart.points["public"]["regulation"].get_text() == "-3"
    assert chart.points["private"]["regulation"].get_text() == "+2"
    assert chart.points["private"]["budget"].get_text() == "0"
    assert chart.levels["regulation"].get_text() == "high"


def test_update_changes_the_same_chart_in_place():
    chart = FitFigure()
    fig, bars = chart.fig, dict(chart.bars)
    before = chart.png()
    levels = {"regulation": "high", "sensitivity": "high"}
    chart.update(dep.advise(**levels), levels)
    assert chart.fig is fig and chart.bars == bars
    assert chart.bars["public"].get_width() == _scores(**levels)["public"]
    assert chart.png() != before
    assert chart.renderer.full_png()[:4] == b"\x89PNG"


def _pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def test_partial_redraw_shows_the_same_picture_as_a_full_render():
    """Check that redrawing only the changed regions (bars, one column of
    the points table) gives the pixels of a full render, move after move,
    including the widest BEST FIT label."""
    chart = FitFigure()
    chart.cache_size = 0
    rng = random.Random(7)
    levels = dict.fromkeys(dep.FACTORS, "medium")
    moves = [dict(levels, **{f: rng.choice(dep.LEVELS)}) for f in
             rng.choices(list(dep.FACTORS), k=25)]
    moves.append(dict(zip(dep.FACTORS, ("low", "low", "high", "low", "low"),
                          strict=True)))
    for levels in moves:
        chart.update(dep.advise(**levels), levels)
        fast, full = _pixels(chart.png()), _pixels(chart.renderer.full_png())
        assert fast.shape == full.shape
        differ = (np.abs(fast - full).max(axis=2) > 8).sum()
        assert differ == 0, f"{levels}: {differ} pixels differ from a full render"


def test_chart_refuses_incomplete_fits():
    with pytest.raises(ValueError, match="one Fit per deployment model"):
        FitFigure(dep.advise()[:3])


# -- the widget ------------------------------------------------------------------

def test_advisor_carries_stable_css_classes():
    box = deployment_advisor()
    assert {"cloudsec-widget", "cloudsec-deployment-advisor"} <= set(
        box._dom_classes)
    advisor = DeploymentAdvisor()
    for key, css in CONTROL_CLASSES.items():
        assert css in advisor.controls[key]._dom_classes
    assert set(CONTROL_CLASSES.values()) == {
        "cloudsec-sensitivity", "cloudsec-regulation", "cloudsec-demand",
        "cloudsec-budget", "cloudsec-skills"}
    assert "cloudsec-figure" in advisor.image._dom_classes
    assert "cloudsec-readout" in advisor.readout._dom_classes


def test_advisor_redraws_and_names_the_new_best_fit():
    advisor = DeploymentAdvisor()
    first_image, first_text = advisor.image.value, advisor.said
    assert "Best fit: <b>Public cloud</b>" in first_text
    advisor.controls["regulation"].value = "high"
    advisor.controls["sensitivity"].value = "high"
    assert advisor.image.value != first_image
    text = advisor.said
    assert "Best fit: <b>Private cloud</b>" in text
    assert "+2 regulation high" in text
    assert "Biggest penalty: Public cloud, -3 regulation high" in text


def test_readout_reports_ties():
    tied = [fits for levels in ALL_LEVELS
            if (fits := dep.advise(*levels))[0].score == fits[1].score]
    assert tied, "expected some requirements to tie at the top"
    text = describe_advice(tied[0])
    assert text.startswith("Tied best fit:")
    assert f"<b>{tied[0][0].label}</b> and <b>{tied[0][1].label}</b>" in text
    untied = dep.advise(regulation="high", sensitivity="high")
    assert describe_advice(untied).startswith("Best fit:")


def test_advisor_start_levels_and_bad_requirements():
    advisor = DeploymentAdvisor(regulation="HIGH")
    assert advisor.levels()["regulation"] == "high"
    with pytest.raises(ValueError, match="unknown requirement"):
        DeploymentAdvisor(latency="low")
    with pytest.raises(ValueError, match="must be one of"):
        DeploymentAdvisor(budget="huge")


def test_importing_the_new_modules_has_no_side_effects():
    code = (
        "import sys, matplotlib\n"
        "before = dict(dict.items(matplotlib.rcParams))\n"
        "import cloudsec.deployment, cloudsec.deployment_plots\n"
        "import cloudsec.deployment_widgets, cloudsec.serverless\n"
        "import cloudsec.serverless_plots, cloudsec.serverless_widgets\n"
        "assert dict(dict.items(matplotlib.rcParams)) == before\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "print('clean')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "clean"
