"""The base of every course widget, and the controls it is built from.

A widget is thin: the topic module computes, its ``_plots`` module draws,
and a :class:`CourseWidget` subclass only gives

* its controls (made with :func:`choice` or :func:`number`, which a keyboard
  alone can operate in JupyterLab and which are named for screen readers),
* :meth:`~CourseWidget.state` (what the controls say now),
* :meth:`~CourseWidget.draw` (update its ``figure`` in place and return the
  PNG), and
* :meth:`~CourseWidget.describe` (the readout, HTML).

The base lays them out and does the rest once for every widget: the CSS
classes the browser tests find (``cloudsec-widget`` and the subclass's
:attr:`~CourseWidget.css` on the container, ``cloudsec-figure`` and
``cloudsec-readout``), observing the controls, redrawing, the figure's text
alternative (an ``<img alt=...>`` that changes with the figure), a readout
that is a polite live region, and the stylesheet: visible focus rings, a
mark and text (not only a shade) on chosen options and "on" toggles, and
control rows that wrap in a narrow window.

Why not ``Dropdown``, ``SelectionSlider`` or ``IntSlider``? In JupyterLab a
``<select>`` passes arrow keys and letters to the notebook (typing ``m``
turns the cell into Markdown; ipywidgets#3912), and slider handles carry no
accessible name (axe ``aria-input-field-name``). Toggle buttons and number
boxes are plain ``<button>`` and labelled ``<input>`` elements.

A focused ``<button>`` still passes letters to the notebook, and ipywidgets
can set no ARIA attribute, so every widget also holds a hidden
:class:`KeyboardGuard` (an ``anywidget``, a few lines of JavaScript and no
front-end build): it marks every control ``data-lm-suppress-shortcuts``
(JupyterLab's way to keep its shortcuts off an element), gives toggle
buttons ``aria-pressed`` and makes the readout one persistent polite live
region. Where no JavaScript runs (a static page), the readout's own
``role="status"`` and the check marks still say the same.
"""

from __future__ import annotations

import html
import re
from collections.abc import Hashable, Iterable, Sequence

import anywidget
import ipywidgets as w

from cloudsec.kit import palette as pal
from cloudsec.kit.render import DISPLAY_WIDTH_PX, image_html

__all__ = [
    "STYLESHEET",
    "CourseWidget",
    "KeyboardGuard",
    "choice",
    "classed",
    "number",
    "plain_text",
    "row",
]

_FOCUS = pal.BLUE  # 5.2:1 on white, a 3 px ring offset onto the white page

#: the course widgets' stylesheet, put in every widget (a ``<style>``
#: repeated on a page is harmless; a widget shown alone still gets it)
STYLESHEET = f"""<style>
.cloudsec-widget .jupyter-button:focus-visible,
.cloudsec-widget input:focus-visible,
.cloudsec-widget select:focus-visible {{
  outline: 3px solid {_FOCUS} !important; outline-offset: 2px;
  box-shadow: none;
}}
.cloudsec-widget .jupyter-button.mod-active {{
  background: {pal.BLUE}; color: white; font-weight: bold;
  box-shadow: inset 0 0 0 2px black;
}}
.cloudsec-widget .widget-toggle-button.mod-active::before {{
  content: "\\2713\\00a0";
}}
.cloudsec-widget .cloudsec-toggle:not(.mod-active)::before {{
  content: "off:\\00a0";
}}
.cloudsec-widget .cloudsec-toggle.mod-active::before {{
  content: "\\2713\\00a0on:\\00a0";
}}
.cloudsec-widget .jupyter-button {{
  white-space: normal; height: auto; min-height: var(--jp-widgets-inline-height);
  line-height: 1.25; padding-top: 3px; padding-bottom: 3px;
}}
.cloudsec-widget .widget-toggle-buttons .btn-group {{ flex-wrap: wrap; }}
.cloudsec-widget .widget-toggle-buttons {{ flex-wrap: wrap; height: auto; }}
.cloudsec-widget .cloudsec-row {{ flex-wrap: wrap; gap: 4px 16px; }}
.cloudsec-widget .cloudsec-figure {{ max-width: 100%; }}
.cloudsec-widget .cloudsec-readout {{ overflow-wrap: anywhere; }}
.cloudsec-widget .cloudsec-figure img {{ max-width: 100%; height: auto; }}
</style>"""


class KeyboardGuard(anywidget.AnyWidget):
    """Invisible helper in every course widget (see the module docstring)."""

    _esm = """
function render({ el }) {
  el.style.display = 'none';
  const sync = box => {
    // JupyterLab skips its shortcuts for a key pressed on an element that
    // carries this attribute (or inside one, below the notebook's match)
    for (const c of box.querySelectorAll('button, input, select, textarea')) {
      if (!c.hasAttribute('data-lm-suppress-shortcuts')) {
        c.setAttribute('data-lm-suppress-shortcuts', 'true');
      }
    }
    for (const b of box.querySelectorAll('.widget-toggle-button')) {
      b.setAttribute('aria-pressed', String(b.classList.contains('mod-active')));
    }
    for (const r of box.querySelectorAll('.cloudsec-readout')) {
      r.setAttribute('role', 'status');
      r.setAttribute('aria-live', 'polite');
      r.querySelector('[data-cloudsec-live]')?.removeAttribute('role');
      r.querySelector('[data-cloudsec-live]')?.removeAttribute('aria-live');
    }
  };
  const attach = () => {
    const box = el.closest('.cloudsec-widget');
    if (!box) return requestAnimationFrame(attach);
    box.setAttribute('data-lm-suppress-shortcuts', 'true');
    sync(box);
    new MutationObserver(() => sync(box)).observe(box, {
      subtree: true, childList: true, attributes: true,
      attributeFilter: ['class']});
  };
  attach();
}
export default { render };
"""


def classed(widget: w.DOMWidget, *classes: str) -> w.DOMWidget:
    """Add CSS ``classes`` to ``widget`` and return it."""
    for css in classes:
        widget.add_class(css)
    return widget


def choice(description: str, options: Sequence[tuple[str, Hashable]],
           value: Hashable, css: str, tooltips: Sequence[str] | None = None
           ) -> w.ToggleButtons:
    """One of a few options as toggle buttons (order kept, so ordinal
    choices read left to right); the chosen one shows a check mark.

    Parameters
    ----------
    description : str
        The question the buttons answer, shown before them.
    options : sequence of (label, value)
    value : the chosen option's value
    css : str
        The control's CSS class (``cloudsec-...``).
    """
    return classed(
        w.ToggleButtons(options=list(options), value=value,
                        description=description, tooltips=list(tooltips or []),
                        style={"description_width": "initial",
                               "button_width": "auto"},
                        layout=w.Layout(width="auto", max_width="100%")),
        css)


def number(description: str, value: int, low: int, high: int, step: int,
           css: str) -> w.BoundedIntText:
    """A whole number in ``[low, high]``: a labelled number box that the
    arrow keys step by ``step`` (typing a value works too)."""
    return classed(
        w.BoundedIntText(value=value, min=low, max=high, step=step,
                         description=description, continuous_update=True,
                         style={"description_width": "initial"},
                         layout=w.Layout(width="auto")),
        css)


def row(*controls: w.Widget) -> w.HBox:
    """Controls side by side, wrapping onto more lines in a narrow window."""
    return classed(w.HBox(list(controls), layout=w.Layout(max_width="100%")),
                   "cloudsec-row")


_TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    """The text of a readout's HTML, as a screen reader would say it.

    Examples
    --------
    >>> from cloudsec.kit.widget import plain_text
    >>> plain_text("<b>IaaS</b>: 4 &amp; 5.<br>Next")
    'IaaS: 4 & 5. Next'
    """
    text = _TAG.sub(" ", markup.replace("<br>", " "))
    return re.sub(r"\s+([.,;:)])", r"\1",
                  " ".join(html.unescape(text).split()))


class CourseWidget:
    """Controls, a figure redrawn in place, and a readout saying the same.

    Subclasses set :attr:`css`, build their controls and ``figure``, call
    :meth:`build` and implement :meth:`state`, :meth:`draw` and
    :meth:`describe`; :meth:`alt` may be overridden.

    Attributes
    ----------
    figure : the topic's figure object, updated in place by :meth:`draw`
    image : ipywidgets.HTML holding the figure's ``<img alt=...>``
        (``cloudsec-figure``)
    readout : ipywidgets.HTML, a polite live region (``cloudsec-readout``)
    said : str, the readout's HTML as :meth:`describe` wrote it
    widget : ipywidgets.VBox, the container to display (``cloudsec-widget``
        and :attr:`css`)
    """

    #: CSS class of the container, besides ``cloudsec-widget``
    css = ""

    def build(self, controls: Iterable[w.Widget], *,
              observe: Iterable[w.Widget] | None = None,
              below: Iterable[w.Widget] = ()) -> None:
        """Lay out ``controls`` (rows or single controls) above the figure
        and the readout, observe the ``value`` of ``observe`` (by default
        every control) and draw the first frame."""
        controls = list(controls)
        self.image = classed(w.HTML(layout=w.Layout(
            width=f"{DISPLAY_WIDTH_PX}px", max_width="100%")),
            "cloudsec-figure")
        self.readout = classed(w.HTML(layout=w.Layout(max_width="760px")),
                               "cloudsec-readout")
        for control in (controls if observe is None else observe):
            control.observe(self._on_change, names="value")
        self.widget = classed(
            w.VBox([w.HTML(STYLESHEET, layout=w.Layout(display="none")),
                    KeyboardGuard(), *controls, *below, self.image,
                    self.readout]),
            "cloudsec-widget", *([self.css] if self.css else []))
        self.redraw()

    # -- what a subclass gives -------------------------------------------
    def state(self) -> Hashable:
        """What the controls say now (passed to draw and describe)."""
        raise NotImplementedError

    def draw(self, state) -> bytes:
        """Update ``self.figure`` for ``state`` in place; return its PNG.

        By default ``figure.update(*state)`` (a tuple) or
        ``figure.update(state)``, then ``figure.png()``.
        """
        self.figure.update(*(state if isinstance(state, tuple) else (state,)))
        return self.figure.png()

    def describe(self, state) -> str:
        """HTML readout: what the figure shows, in words."""
        raise NotImplementedError

    def alt(self, state, readout: str) -> str:
        """The figure's text alternative: the readout's first part, which
        says what the figure shows."""
        return plain_text(readout.split("<br>")[0])

    # -- what the base does ----------------------------------------------
    def _on_change(self, change: dict) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Redraw the figure in place and rewrite its alt text and readout."""
        state = self.state()
        png = self.draw(state)
        text = self.describe(state)
        self.show(png, self.alt(state, text), text)

    def show(self, png: bytes | None, alt: str, readout: str) -> None:
        """Show ``png`` (None: keep the figure) with ``alt`` and the
        ``readout`` HTML in a polite live region."""
        if png is not None:
            self._png = png
        self.said = readout
        self.image.value = image_html(self._png, alt)
        self.readout.value = ('<div data-cloudsec-live role="status" '
                              f'aria-live="polite">{readout}</div>')
