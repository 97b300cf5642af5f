"""Build the lessons as a static HTML site: ``./course site``.

Every lesson in ``notebooks/`` is executed (as nbval does in the tests) and
exported with nbconvert's JupyterLab template, one page per lesson plus an
index, into ``build/site/``. Nothing is fetched while building: nbconvert and
its template come with nbgrader, a dependency of the course, and every figure
is embedded in its page.

* Widgets need a live kernel, so each lesson runs with
  :func:`cloudsec.site.install` first: every course widget is exported as its
  figure in its initial state, with its text alternative, its readout and its
  controls' settings, and a note that moving the controls needs
  ``./course lab``.
* Links between lessons (``02-containers-vs-vms.ipynb``) point to their pages
  (``02-containers-vs-vms.html``). Links to other files of the course (the
  assignments) go to ``--source-url`` when one is given (for example the
  repository's page on GitHub), and otherwise become the file's path in words.
* Executed lessons are cached by the hash of everything that can change their
  output (the notebook, the course package, the versions of the tools), so an
  unchanged lesson is not run again.

Run ``python -m cloudsec.sitebuild --help`` for the options.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import jinja2
import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

import cloudsec

__all__ = ["BuildReport", "build", "cache_key", "main"]

#: bump when the build changes what a cached execution holds
BUILD_VERSION = "1"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SETUP_SOURCE = "import cloudsec.site\ncloudsec.site.install()"
PAGE_NOTE = ("This is a static copy of the lesson, for reading without installing "
             "anything. Every widget is shown in its initial state, with its text "
             "readout. To move the widgets' controls and run the code, get the "
             "course and run <code>./course lab</code>.")

_TEMPLATE = r"""
{%- extends 'index.html.j2' -%}
{#- no JavaScript from the network: widgets are static here -#}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block extra_css %}
<style>
.cloudsec-site-nav, .cloudsec-site-note { max-width: 60rem; margin: 0.5rem auto;
  padding: 0.5rem 1rem; font-family: system-ui, sans-serif; font-size: 1rem; }
.cloudsec-site-note, .cloudsec-live-note { border-left: 4px solid #0072B2;
  background: #EEF5FA; color: #1A1A1A; }
.cloudsec-live-note { padding: 0.25rem 0.75rem; }
.cloudsec-site-nav a { margin-right: 1.5rem; color: #0057A0; }
.cloudsec-static img { max-width: 100%; height: auto; }
/* WCAG contrast (axe color-contrast, link-in-text-block): JupyterLab's light
   theme greys out the prompts and a few code colours below 4.5:1 and marks
   links by colour alone */
body.jp-Notebook {
  --jp-mirror-editor-operator-color: #7A14C8;
  --jp-mirror-editor-number-color: #006600;
  --jp-mirror-editor-comment-color: #2F6060;
}
body.jp-Notebook .jp-InputPrompt, body.jp-Notebook .jp-OutputPrompt {
  color: #595959 !important; opacity: 1 !important; }
body.jp-Notebook .jp-RenderedHTMLCommon a { text-decoration: underline; }
</style>
{% endblock extra_css %}
{%- block body_header -%}
{{ super() }}
<nav class="cloudsec-site-nav" aria-label="Lessons">{{ resources.cloudsec_nav }}</nav>
<p class="cloudsec-site-note" role="note">{{ resources.cloudsec_note }}</p>
{%- endblock body_header -%}
{% block body_footer %}
<nav class="cloudsec-site-nav" aria-label="Lessons, again">
{{ resources.cloudsec_nav }}</nav>
{{ super() }}
{% endblock body_footer %}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- set alt = output | get_metadata('alt', 'image/png') -%}
{%- if alt %} alt="{{ alt | escape_html }}"{% endif -%}
{%- set width = output | get_metadata('width', 'image/png') -%}
{%- if width is not none %} width="{{ width | escape_html }}"{% endif -%}
{%- set height = output | get_metadata('height', 'image/png') -%}
{%- if height is not none %} height="{{ height | escape_html }}"{% endif %}>
</div>
{% endblock data_png %}
"""

_INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.5; color: #1A1A1A; }}
a {{ color: #0057A0; }}
.cloudsec-site-note {{ border-left: 4px solid #0072B2; background: #EEF5FA;
  padding: 0.5rem 1rem; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p class="cloudsec-site-note" role="note">{note}</p>
<h2>Lessons</h2>
<ol start="0">
{items}
</ol>
</main>
</body>
</html>
"""


@dataclass
class BuildReport:
    """What a build did: pages written, lessons run or taken from the cache,
    and per page the widgets shown and how many of them got a static form."""

    out: Path
    pages: list[Path] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    widgets: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0


def _package_files() -> list[Path]:
    package = Path(cloudsec.__file__).resolve().parent
    return sorted(p for p in package.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def cache_key(notebook: Path) -> str:
    """A hash of everything an executed lesson depends on: the notebook, every
    file of the course package, and the versions of Python and the tools."""
    digest = hashlib.sha256(f"cloudsec-site {BUILD_VERSION}\n".encode())
    digest.update(sys.version.encode())
    for name in ("nbconvert", "nbclient", "ipykernel", "ipython", "ipywidgets",
                 "matplotlib", "numpy"):
        try:
            digest.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} none\n".encode())
    digest.update(notebook.read_bytes())
    package = Path(cloudsec.__file__).resolve().parent
    for path in _package_files():
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _execute(notebook: Path, timeout: int) -> nbformat.NotebookNode:
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(SETUP_SOURCE))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            store_widget_state=False,
                            # not ipykernel's warning about TCP on 127.0.0.1
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(notebook.parent)}})
    client.execute()
    nb.cells.pop(0)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count"):
            cell.execution_count -= 1
            for output in cell.outputs:
                if output.get("execution_count"):
                    output.execution_count -= 1
    return nb


def _static_widgets(nb: nbformat.NotebookNode) -> dict[str, int]:
    """Drop the live widget views (a static page cannot show them) and count
    them, and how many come with a static form."""
    nb.metadata.pop("widgets", None)
    shown = static = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                shown += 1
                static += "text/html" in data
                del data[WIDGET_MIME]
    return {"shown": shown, "static": static}


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return re.sub(r"[*_`]", "", match.group(1)).strip()
    return fallback


_LINK = re.compile(r'<a\s+href="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def _rewrite_links(page: str, lessons: set[str], source_url: str | None) -> str:
    """Lesson links to pages; links to other course files to ``source_url``
    or, without one, to the file's path in words."""

    pages = {"index.html"} | {name[:-len(".ipynb")] + ".html" for name in lessons}

    def fix(match: re.Match) -> str:
        href, rest, text = match.groups()
        target = html.unescape(href)
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I):
            return match.group(0)
        path, _, fragment = target.partition("#")
        if path in pages:  # the site's own navigation
            return match.group(0)
        if path in lessons:
            new = path[:-len(".ipynb")] + ".html" + (f"#{fragment}" if fragment else "")
            return f'<a href="{html.escape(new)}"{rest}>{text}</a>'
        # relative to notebooks/: the path in the repository
        parts = []
        for part in ("notebooks/" + path).split("/"):
            if part == "..":
                if parts:
                    parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        repo_path = "/".join(parts)
        if source_url:
            url = source_url.rstrip("/") + "/" + repo_path
            return f'<a href="{html.escape(url)}"{rest}>{text}</a>'
        return (f"{text} (<code>{html.escape(repo_path)}</code> in the course's "
                "files)")

    return _LINK.sub(fix, page)


def _nav(pages: list[tuple[str, str]], index: int) -> str:
    links = ['<a href="index.html">All lessons</a>']
    if index > 0:
        name, title = pages[index - 1]
        links.append(f'<a href="{name}" rel="prev">Previous: '
                     f"{html.escape(title)}</a>")
    if index + 1 < len(pages):
        name, title = pages[index + 1]
        links.append(f'<a href="{name}" rel="next">Next: {html.escape(title)}</a>')
    return " ".join(links)


def build(notebooks: Path, out: Path, cache: Path | None = None,
          source_url: str | None = None, timeout: int = 300,
          log=print) -> BuildReport:
    """Execute every lesson in ``notebooks`` and write the site to ``out``.

    Parameters
    ----------
    notebooks : Path
        The folder of lessons (``*.ipynb``).
    out : Path
        Where the site goes (created; its old pages are replaced).
    cache : Path, optional
        Folder of executed lessons, keyed by :func:`cache_key`.
    source_url : str, optional
        Base URL of the course's files (the folder holding ``notebooks/``),
        for links from a lesson to files that are not lessons.
    timeout : int
        Seconds a cell may run.
    """
    started = time.monotonic()
    report = BuildReport(out=out)
    sources = sorted(p for p in notebooks.glob("*.ipynb"))
    lessons = {p.name for p in sources}
    executed: list[tuple[Path, nbformat.NotebookNode]] = []
    for notebook in sources:
        key = cache_key(notebook)
        cached = cache / f"{notebook.stem}-{key[:20]}.ipynb" if cache else None
        if cached is not None and cached.exists():
            nb = nbformat.read(cached, as_version=4)
            report.cached.append(notebook.name)
        else:
            log(f"site: running {notebook.name}")
            nb = _execute(notebook, timeout)
            report.executed.append(notebook.name)
            if cached is not None:
                cache.mkdir(parents=True, exist_ok=True)
                for old in cache.glob(f"{notebook.stem}-*.ipynb"):
                    old.unlink()
                tmp = cached.with_suffix(".tmp")
                nbformat.write(nb, tmp)
                tmp.replace(cached)
        executed.append((notebook, nb))

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.html"):
        old.unlink()
    pages = [(p.stem + ".html", _title(nb, p.stem)) for p, nb in executed]
    exporter = HTMLExporter(template_name="lab",
                            extra_loaders=[jinja2.DictLoader(
                                {"cloudsec-site.html.j2": _TEMPLATE})],
                            template_file="cloudsec-site.html.j2")
    for index, (_, nb) in enumerate(executed):
        counts = _static_widgets(nb)
        report.widgets[pages[index][0]] = counts
        nb.metadata["title"] = pages[index][1]
        body, _ = exporter.from_notebook_node(nb, resources={
            "cloudsec_nav": _nav(pages, index), "cloudsec_note": PAGE_NOTE})
        page = out / pages[index][0]
        page.write_text(_rewrite_links(body, lessons, source_url), encoding="utf-8")
        report.pages.append(page)
    items = "\n".join(f'<li><a href="{name}">{html.escape(title)}</a></li>'
                      for name, title in pages)
    index_page = out / "index.html"
    index_page.write_text(_INDEX.format(
        title="Securing What You Cannot Touch: the lessons", note=PAGE_NOTE,
        items=items), encoding="utf-8")
    report.pages.insert(0, index_page)
    (out / "site-manifest.json").write_text(json.dumps(
        {"pages": [p.name for p in report.pages], "widgets": report.widgets},
        indent=1) + "\n")
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./course site", description="Build the lessons as a static HTML site.")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the course folder (holding notebooks/)")
    parser.add_argument("--out", type=Path, help="default: ROOT/build/site")
    parser.add_argument("--cache", type=Path,
                        help="executed lessons; default: ROOT/build/site-cache")
    parser.add_argument("--no-cache", action="store_true",
                        help="run every lesson again")
    parser.add_argument("--source-url",
                        help="base URL of the course's files, e.g. "
                             "https://github.com/OWNER/REPO/blob/main")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = args.out or root / "build" / "site"
    cache = None if args.no_cache else (args.cache or root / "build" / "site-cache")
    report = build(root / "notebooks", out, cache=cache, source_url=args.source_url)
    missing = {page: c for page, c in report.widgets.items()
               if c["static"] != c["shown"]}
    print(f"site: {len(report.pages)} pages in {out} ({len(report.executed)} "
          f"lessons run, {len(report.cached)} from the cache, "
          f"{report.seconds:.1f} s). Open {out / 'index.html'}")
    if missing:
        print(f"site: widgets without a static form: {missing}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
