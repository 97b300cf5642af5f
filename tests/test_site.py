"""``./course site``: the lessons as a static HTML site, readable without
installing anything.

The site is built once per test session (every lesson executed, as
``./course site`` does; executed lessons are cached in pytest's cache folder
by the hash of all their inputs) and then every page, image and internal link
is checked.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlparse

import ipywidgets as w
import pytest
from bs4 import BeautifulSoup
from IPython.core.formatters import DisplayFormatter

from cloudsec import site, sitebuild

from helpers import ROOT, lesson_notebooks

#: what nbconvert writes when an image has no text alternative
NBCONVERT_PLACEHOLDER = "No description has been provided for this image"


@pytest.fixture(scope="module")
def site_cache(request, tmp_path_factory) -> Path:
    """pytest's cache folder (kept between runs), or a fresh one without it."""
    cache = getattr(request.config, "cache", None)
    if cache is None:
        return tmp_path_factory.mktemp("site-cache")
    return Path(cache.mkdir("cloudsec-site"))


@pytest.fixture(scope="module")
def built(site_cache, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    cache = site_cache
    report = sitebuild.build(ROOT / "notebooks", out, cache=cache, log=lambda _: None)
    return report


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _lesson_pages(report) -> list[Path]:
    return [p for p in report.pages if p.name != "index.html"]


def test_one_page_per_lesson_and_an_index(built):
    names = {p.name for p in built.pages}
    assert names == {"index.html"} | {p.stem + ".html" for p in lesson_notebooks()}
    for page in built.pages:
        soup = _soup(page)
        assert soup.html.get("lang") == "en", page.name
        assert soup.title and soup.title.get_text(strip=True), page.name
        assert soup.find("main"), page.name


def test_every_lesson_page_says_the_widgets_need_the_lab(built):
    for page in built.pages:
        notes = _soup(page).select(".cloudsec-site-note")
        assert notes and "./course lab" in notes[0].get_text(), page.name


def test_every_image_is_embedded_and_has_a_text_alternative(built):
    seen, missing = 0, []
    for page in built.pages:
        for img in _soup(page).find_all("img"):
            seen += 1
            src = img.get("src", "")
            assert src.startswith("data:image/png;base64,"), (page.name, src[:60])
            assert base64.b64decode(src.split(",", 1)[1])[:4] == b"\x89PNG"
            alt = (img.get("alt") or "").strip()
            if not alt or alt == NBCONVERT_PLACEHOLDER:
                cell = img.find_parent(class_="jp-Cell")
                code = cell.select_one(".jp-InputArea") if cell else None
                near = code.get_text(" ", strip=True)[-70:] if code else "?"
                missing.append(f"{page.name}: {near}")
    assert not missing, (f"{len(missing)} of {seen} images have no text "
                         "alternative:\n" + "\n".join(missing))
    assert seen >= 20, seen


def test_every_widget_shows_its_figure_alternative_and_readout(built):
    total = 0
    for page in _lesson_pages(built):
        counts = built.widgets[page.name]
        statics = _soup(page).select(".cloudsec-static")
        # every widget a cell showed has a static form on the page
        assert counts["shown"] == counts["static"] == len(statics), (page.name,
                                                                     counts)
        for widget in statics:
            images = widget.find_all("img")
            assert images, page.name
            readout = widget.select_one(".cloudsec-readout")
            assert readout and readout.get_text(strip=True), page.name
            assert "./course lab" in widget.select_one(
                ".cloudsec-live-note").get_text()
        total += len(statics)
    # every lesson with widgets in the suite's browser test shows them here
    assert total >= 10, total


def test_no_live_widget_leftovers(built):
    for page in built.pages:
        text = page.read_text(encoding="utf-8")
        assert sitebuild.WIDGET_MIME not in text, page.name
        assert "VBox(children" not in text, page.name
        assert "require.js" not in text and "@jupyter-widgets/html-manager" not in text


def test_every_internal_link_resolves(built):
    out = built.out
    checked = 0
    for page in built.pages:
        for link in _soup(page).find_all("a", href=True):
            href = link["href"]
            url = urlparse(href)
            if url.scheme or href.startswith("//"):
                continue
            checked += 1
            assert not url.path.endswith(".ipynb"), (page.name, href)
            target = (page.parent / unquote(url.path)) if url.path else page
            assert target.resolve().is_relative_to(out.resolve()), (page.name, href)
            assert target.is_file(), f"{page.name}: broken link {href}"
            if url.fragment:
                ids = {tag.get("id") for tag in _soup(target).find_all(id=True)}
                # browsers try the fragment as written, then percent-decoded
                assert {url.fragment, unquote(url.fragment)} & ids, (
                    f"{page.name}: no #{url.fragment}")
    assert checked > 50, checked


def test_lessons_link_to_each_other(built):
    start = _soup(built.out / "00-start-here.html")
    hrefs = {a["href"] for a in start.find_all("a", href=True)}
    assert {p.stem + ".html" for p in lesson_notebooks()
            if not p.name.startswith("00")} <= hrefs


def test_every_lesson_page_links_to_the_index_and_its_neighbours(built):
    lessons = _lesson_pages(built)
    for i, page in enumerate(lessons):
        nav = _soup(page).select_one("nav.cloudsec-site-nav")
        hrefs = [a["href"] for a in nav.find_all("a", href=True)]
        want = ["index.html"] + ([lessons[i - 1].name] if i else []) + (
            [lessons[i + 1].name] if i + 1 < len(lessons) else [])
        assert hrefs == want, (page.name, hrefs)
    index = _soup(built.out / "index.html")
    assert [a["href"] for a in index.select("main li a")] == [p.name for p in lessons]


def test_markdown_has_no_unlabelled_inputs_or_empty_headers(built):
    """Task-list checkboxes render as unlabelled <input>s; an empty top-left
    table header leaves a nameless column (axe: label, empty-table-header)."""
    for page in built.pages:
        soup = _soup(page)
        assert not soup.find_all("input"), page.name
        for th in soup.select(".jp-RenderedMarkdown th"):
            assert th.get_text(strip=True), f"{page.name}: empty table header"


def test_a_second_build_takes_every_lesson_from_the_cache(built, site_cache, tmp_path):
    cache = site_cache
    again = sitebuild.build(ROOT / "notebooks", tmp_path / "site", cache=cache,
                            log=lambda _: None)
    assert again.executed == []
    assert sorted(again.cached) == sorted(p.name for p in lesson_notebooks())
    for page in built.pages:
        assert (tmp_path / "site" / page.name).read_text() == page.read_text()


def test_cache_key_follows_the_notebook(tmp_path):
    notebook = tmp_path / "x.ipynb"
    notebook.write_text('{"cells": []}')
    first = sitebuild.cache_key(notebook)
    assert sitebuild.cache_key(notebook) == first
    notebook.write_text('{"cells": [], "metadata": {}}')
    assert sitebuild.cache_key(notebook) != first


def test_links_to_course_files_go_to_the_source_url():
    page = ('<a href="02-x.ipynb#Top">next</a> '
            '<a href="../release/ps01/ps01.ipynb">the assignment</a> '
            '<a href="https://csrc.nist.gov/">NIST</a>')
    lessons = {"02-x.ipynb"}
    plain = sitebuild._rewrite_links(page, lessons, None)
    assert '<a href="02-x.html#Top">next</a>' in plain
    assert ("the assignment (<code>release/ps01/ps01.ipynb</code> in the course's "
            "files)") in plain
    assert '<a href="https://csrc.nist.gov/">NIST</a>' in plain
    linked = sitebuild._rewrite_links(page, lessons, "https://example.org/c/blob/main/")
    assert ('<a href="https://example.org/c/blob/main/release/ps01/ps01.ipynb">'
            "the assignment</a>") in linked


# -- the widget hook (cloudsec.site), without a kernel ------------------------

def test_static_html_of_a_course_widget():
    from cloudsec.responsibility_widgets import ResponsibilityExplorer

    explorer = ResponsibilityExplorer("iaas")
    soup = BeautifulSoup(site.static_html(explorer.widget), "html.parser")
    img = soup.find("img")
    assert base64.b64decode(img["src"].split(",", 1)[1]) == explorer.image.value
    readout = soup.select_one(".cloudsec-readout").get_text(" ", strip=True)
    assert img["alt"] == site.first_sentence(explorer.readout.value)
    assert img["alt"] and readout.startswith(img["alt"].split(":")[0])
    assert "Service model: IaaS" in soup.get_text(" ", strip=True)


def test_a_figure_that_carries_its_own_img_is_used_as_it_is():
    figure = w.HTML('<img alt="A stack of seven layers." src="data:image/png;base64,">')
    figure.add_class("cloudsec-figure")
    readout = w.HTML("Seven layers.")
    readout.add_class("cloudsec-readout")
    box = w.VBox([figure, readout])
    box.add_class("cloudsec-widget")
    assert 'alt="A stack of seven layers."' in site.static_html(box)


def test_install_gives_course_widgets_an_html_form_only():
    formatter = DisplayFormatter()
    site.install(SimpleNamespace(display_formatter=formatter))
    from cloudsec.responsibility_widgets import responsibility_explorer

    data, _ = formatter.format(responsibility_explorer())
    assert "cloudsec-static" in data["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in data
    data, _ = formatter.format(w.IntSlider())
    assert "text/html" not in data


def test_course_site_command(built, site_cache, tmp_path):
    """``./course site`` builds the same site (here into a temporary folder,
    with this session's cache)."""
    cache = site_cache
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}"
               f"{os.environ['PATH']}", CLOUDSEC_VENV=sys.prefix)
    out = tmp_path / "site"
    result = subprocess.run([str(ROOT / "course"), "site", "--out", str(out),
                             "--cache", str(cache)],
                            env=env, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert f"{len(built.pages)} pages in {out}" in result.stdout
    manifest = json.loads((out / "site-manifest.json").read_text())
    assert manifest["pages"] == [p.name for p in built.pages]
    assert (out / "index.html").read_text() == (built.out / "index.html").read_text()
