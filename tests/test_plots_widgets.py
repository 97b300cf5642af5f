"""Figures and widgets: content, accessibility, and redraw in place."""

import subprocess
import sys

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from cloudsec import responsibility as rm
from cloudsec.responsibility_plots import OWNER_STYLE, StackFigure, responsibility_stack
from cloudsec.responsibility_widgets import (
    ResponsibilityExplorer,
    describe,
    responsibility_explorer,
)


def _bar_texts(fig):
    ax = fig.axes[0]
    return [t.get_text() for t in ax.texts]


def test_stack_figure_is_titled_labelled_and_shows_owner_in_text():
    fig = responsibility_stack("iaas")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert "IaaS" in ax.get_title() and "Course view" in ax.get_title()
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[0] == "Data" and ticks[-1] == "Physical datacenter"
    expected = [OWNER_STYLE[who]["label"] for _, who in rm.stack("iaas")]
    assert _bar_texts(fig) == expected


def test_shared_cells_differ_by_pattern_not_only_colour():
    fig = responsibility_stack("paas")
    bars = fig.axes[0].patches
    layers = list(rm.layers())
    shared = bars[layers.index("network-controls")]
    customer = bars[layers.index("data")]
    assert shared.get_hatch() and not customer.get_hatch()


def test_palette_is_okabe_ito_and_distinct():
    colours = {to_hex(s["color"]) for s in OWNER_STYLE.values()}
    okabe_ito = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2",
                 "#d55e00", "#cc79a7", "#000000"}
    assert len(colours) == 3 and colours <= okabe_ito


def test_update_changes_the_same_figure_in_place():
    stack = StackFigure("on-prem")
    fig_before, bars_before = stack.fig, list(stack.fig.axes[0].patches)
    before = stack.renderer.full_png()
    stack.update("saas", "azure")
    assert stack.fig is fig_before
    assert list(stack.fig.axes[0].patches) == bars_before
    assert len(stack.fig.axes[0].texts) == len(rm.layers())
    assert "SaaS" in stack.ax.get_title() and "Azure" in stack.ax.get_title()
    assert stack.renderer.full_png() != before


def test_explorer_redraws_on_slider_move_and_explains_the_change():
    explorer = ResponsibilityExplorer("iaas")
    first = explorer.image.value
    explorer.slider.value = "paas"
    assert explorer.image.value != first
    text = explorer.said
    assert "<b>PaaS</b>" in text and "owned by the <b>provider</b>" in text
    assert "From IaaS to PaaS the customer gave up" in text
    assert "Guest operating system" in text.split("gave up:")[1]


def test_explorer_provider_choice_changes_the_view():
    explorer = ResponsibilityExplorer("saas")
    explorer.provider.value = "azure"
    assert "Microsoft Azure" in explorer.said
    assert explorer.figure.provider == "azure"


def test_widget_carries_stable_css_classes():
    box = responsibility_explorer()
    assert {"cloudsec-widget", "cloudsec-responsibility"} <= set(box._dom_classes)
    explorer = ResponsibilityExplorer()
    assert "cloudsec-model-slider" in explorer.slider._dom_classes
    assert "cloudsec-readout" in explorer.readout._dom_classes
    assert "cloudsec-figure" in explorer.image._dom_classes


def test_describe_names_the_model_and_key_layer_owner():
    text = describe("iaas", None, None)
    assert "<b>IaaS</b>" in text and "<b>customer</b>" in text
    assert "Customer owns 9 of 13 layers" in text


@pytest.mark.parametrize("provider", [None, "aws", "azure"])
def test_describe_names_the_views_page_and_last_checked_date(provider):
    text = describe("paas", provider, None)
    src = rm.view_source(provider)
    assert src.url in text and f"last checked {src.checked}" in text


def test_bad_model_in_widget_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown service model"):
        StackFigure("mainframe")


def test_importing_the_package_has_no_side_effects():
    code = (
        "import sys, matplotlib\n"
        "before = dict(dict.items(matplotlib.rcParams))\n"
        "import cloudsec, cloudsec.responsibility, cloudsec.responsibility_plots\n"
        "import cloudsec.responsibility_widgets\n"
        "import cloudsec.checks, cloudsec.grading\n"
        "assert dict(dict.items(matplotlib.rcParams)) == before, 'rcParams changed'\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
        "print('clean')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "clean" and out.stderr == ""


def test_shared_label_sits_on_a_plain_box_over_the_hatching():
    fig = responsibility_stack("paas")
    layers = list(rm.layers())
    texts = fig.axes[0].texts
    assert texts[layers.index("network-controls")].get_bbox_patch() is not None
    assert texts[layers.index("data")].get_bbox_patch() is None
