"""Every committed notebook is valid, clean and runs on the python3 kernel."""

import json

import nbformat
import pytest

from helpers import ROOT, all_notebooks

NOTEBOOKS = all_notebooks()


def test_there_are_notebooks():
    assert any("notebooks" in p.parts for p in NOTEBOOKS)
    assert any("source" in p.parts for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    raw = json.loads(path.read_text())
    assert raw["nbformat"] == 4 and raw["nbformat_minor"] >= 5
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in nb.metadata, "widget state is committed"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {cell.get('id')} has outputs"
            assert cell.execution_count is None, f"cell {cell.get('id')} has a count"
        assert "execution" not in cell.metadata
