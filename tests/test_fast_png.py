"""FastPNG: the quick redraw that widgets use shows the same figure as a full one."""

import io

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from cloudsec import responsibility as rm
from cloudsec.kit.render import FastPNG, figure_png
from cloudsec.responsibility_plots import StackFigure


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def _assert_same_picture(fast: bytes, full: bytes, what: str) -> None:
    a, b = _pixels(fast), _pixels(full)
    assert a.shape == b.shape, f"{what}: size {a.shape} != full render {b.shape}"
    # Anti-aliased edges where a bar meets a tick mark may differ by a shade.
    differ = np.abs(a - b).max(axis=2) > 8
    assert differ.sum() == 0, (
        f"{what}: {differ.sum()} pixels differ from a full render")


def test_fast_redraw_matches_a_full_render_for_every_view():
    stack = StackFigure("on-prem")
    for provider in (None, *rm.providers()):
        for model in rm.models():
            stack.update(model, provider)
            _assert_same_picture(stack.png(), stack.renderer.full_png(),
                                 f"{model}/{provider}")


def test_first_frame_has_its_title_and_bars():
    stack = StackFigure("paas", "azure")
    _assert_same_picture(stack.png(), stack.renderer.full_png(), "first frame")


def test_savefig_at_another_dpi_does_not_corrupt_the_next_frame():
    stack = StackFigure("iaas")
    stack.png()
    big = figure_png(stack.fig, dpi=100)
    assert _pixels(big).shape[:2] == (480, 720)
    stack.update("saas")
    _assert_same_picture(stack.png(), stack.renderer.full_png(), "after dpi=100")


def test_invalidate_picks_up_a_changed_static_artist():
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1])
    render = FastPNG(fig, dynamic=[line])
    render.png()
    ax.set_xlabel("changed")
    render.invalidate()
    line.set_ydata([1, 0])
    _assert_same_picture(render.png(), figure_png(fig, dpi=render.dpi),
                         "after invalidate")
