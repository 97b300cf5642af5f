"""Course widgets as static HTML, for the lessons' static site.

A widget shows nothing in a static HTML page: its view needs a live kernel.
For ``./course site`` (:mod:`cloudsec.sitebuild`) each lesson runs with
:func:`install` called first, so every course widget a cell shows also gets a
``text/html`` form: its figure in its initial state, with its text
alternative, its readout, and the settings of its controls.

It reads only what every course widget shows, through public ipywidgets
attributes and the course's stable CSS classes:

* the displayed container carries the class ``cloudsec-widget``;
* its figure is a descendant with the class ``cloudsec-figure``: either an
  ``ipywidgets.Image`` (PNG bytes in ``value``; its text alternative is its
  ``alt`` attribute when it has one, otherwise the first sentence of the
  readout) or an ``ipywidgets.HTML`` whose ``value`` already holds an
  ``<img alt="...">``, used as it is;
* its readout is an ``ipywidgets.HTML`` with the class ``cloudsec-readout``;
* its controls are the other value widgets with a ``description``.

An object may instead define ``static_html()`` returning the HTML itself.
Nothing here changes a widget.
"""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as w

__all__ = ["install", "static_html", "LIVE_NOTE"]

#: said under every widget on the static site
LIVE_NOTE = ("Static copy of a live widget, in its initial state. To move its "
             "controls, run this lesson in JupyterLab: <code>./course lab</code>.")

_SENTENCE = re.compile(r"(.+?[.!?])(\s|$)")


def _classes(widget: w.Widget) -> tuple[str, ...]:
    return tuple(getattr(widget, "_dom_classes", ()))


def _descendants(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)


def _text(fragment: str) -> str:
    """Plain text of an HTML fragment (tags out, entities decoded)."""
    spaced = re.sub(r"<br\s*/?>|</p>|</li>", " ", fragment, flags=re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", spaced)).split())


def first_sentence(fragment: str, min_words: int = 8) -> str:
    """The first sentence of an HTML fragment as plain text, with the next
    ones while it has fewer than ``min_words`` words ("Type 2 (hosted):
    Type 2." alone says little).

    Examples
    --------
    >>> from cloudsec.site import first_sentence
    >>> first_sentence("<b>IaaS</b> (AWS): the guest OS is yours.<br>More.", 4)
    'IaaS (AWS): the guest OS is yours.'
    >>> first_sentence("Best fit: <b>Public</b>. Score 12 of 20 points here.", 4)
    'Best fit: Public. Score 12 of 20 points here.'
    """
    text = _text(fragment)
    sentence, rest = "", text
    while rest and len(sentence.split()) < min_words:
        match = _SENTENCE.match(rest)
        piece = match.group(1) if match else rest
        sentence = f"{sentence} {piece}".strip()
        rest = rest[match.end():].lstrip() if match else ""
    return sentence


def _control_value(control: w.Widget) -> str:
    if isinstance(control, w.ToggleButton):
        return "on" if control.value else "off"
    if hasattr(control, "options") and hasattr(control, "index"):  # selections
        if control.index is None:
            return "none chosen"
        # the label of the chosen option (``label`` itself can lag behind)
        option = control.options[control.index]
        return str(option[0] if isinstance(option, tuple) else option)
    if isinstance(control, (w.IntSlider, w.FloatSlider, w.BoundedIntText,
                            w.BoundedFloatText, w.IntText, w.FloatText)):
        return f"{control.value:,}"
    return str(control.value)


def _figure_html(figure: w.Widget, readout: str) -> str:
    if isinstance(figure, w.HTML):
        return figure.value
    if isinstance(figure, w.Image):
        alt = getattr(figure, "alt", None)
        if not isinstance(alt, str) or not alt.strip():
            alt = first_sentence(readout) or "Figure of the widget."
        data = base64.b64encode(bytes(figure.value)).decode("ascii")
        fmt = html.escape(figure.format or "png")
        return (f'<img class="cloudsec-figure" alt="{html.escape(alt.strip())}" '
                f'src="data:image/{fmt};base64,{data}" '
                'style="max-width: 100%; height: auto">')
    return ""


def static_html(widget: object) -> str | None:
    """HTML of a course widget as it is now, or None for anything else.

    Parameters
    ----------
    widget : object
        What a cell displays: a course widget's container (an ipywidgets
        box with the class ``cloudsec-widget``), or any object with a
        ``static_html()`` method.

    Examples
    --------
    >>> import ipywidgets as w
    >>> from cloudsec.site import static_html
    >>> box = w.VBox([w.HTML("All <b>clear</b>. Nothing shared.")])
    >>> _ = box.children[0].add_class("cloudsec-readout")
    >>> static_html(box) is None
    True
    >>> _ = box.add_class("cloudsec-widget")
    >>> "All <b>clear</b>" in static_html(box)
    True
    """
    own = getattr(widget, "static_html", None)
    if callable(own):
        return own()
    if not isinstance(widget, w.Widget) or "cloudsec-widget" not in _classes(widget):
        return None
    nodes = list(_descendants(widget))
    readouts = [n for n in nodes if "cloudsec-readout" in _classes(n)]
    readout = readouts[0].value if readouts else ""
    settings = []
    body = []
    for node in nodes[1:]:
        classes = _classes(node)
        if "cloudsec-figure" in classes:
            body.append(f'<div class="cloudsec-static-figure">'
                        f"{_figure_html(node, readout)}</div>")
        elif "cloudsec-readout" in classes:
            body.append(f'<div class="cloudsec-readout">{node.value}</div>')
        elif isinstance(node, w.HTML):
            body.append(f'<div class="{" ".join(map(html.escape, classes))}">'
                        f"{node.value}</div>")
        elif (isinstance(node, w.ValueWidget) and not isinstance(node, w.Button)
              and getattr(node, "description", "")):
            settings.append(f"<li>{html.escape(node.description)}: "
                            f"<b>{html.escape(_control_value(node))}</b></li>")
    css = " ".join(html.escape(c) for c in _classes(widget))
    controls = (f'<p>Controls as the lesson starts:</p><ul>{"".join(settings)}</ul>'
                if settings else "")
    return (f'<div class="{css} cloudsec-static">'
            f'<p class="cloudsec-live-note" role="note">{LIVE_NOTE}</p>'
            f"{controls}{''.join(body)}</div>")


def _html_or_none(obj: object) -> str | None:
    return static_html(obj)


def install(shell=None) -> None:
    """Give every widget a cell displays a ``text/html`` form as well
    (:func:`static_html`; other widgets get none). For the static site's
    kernels only: a live lab needs nothing of it."""
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type(w.Widget, _html_or_none)
