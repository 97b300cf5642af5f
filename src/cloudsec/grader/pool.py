"""A preprocessor of ``nbgrader generate_assignment`` that refuses a stale pool.

The variant pool (``source/<ps>/data/variants``) and its keys
(``source/<ps>/.variants/keys.json``) are written by
``python -m cloudsec.variants generate <ps>``. If the generator changed since,
or someone edited the pool by hand, releasing it would hand students
artefacts whose keys the grader does not hold. :class:`CheckVariantPool`,
first in ``GenerateAssignment.preprocessors`` (nbgrader_config.py), fails the
assignment with the command that fixes it. It only runs the generator (no
notebook), so it costs well under a second.
"""

from __future__ import annotations

from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor

from cloudsec import variants

__all__ = ["CheckVariantPool", "generate_assignment_preprocessors"]


class CheckVariantPool(NbGraderPreprocessor):
    """Fail generate_assignment when the variant pool or its keys are stale."""

    def preprocess(self, nb, resources):
        folder = resources.get("metadata", {}).get("path") or ""
        source_dir = Path(folder).resolve()
        try:
            variants.check_pool(source_dir)
        except variants.StalePool as exc:
            self.log.error("%s", exc)
            raise
        return nb, resources


def generate_assignment_preprocessors() -> list:
    """nbgrader's own GenerateAssignment preprocessors, after the pool check."""
    from nbgrader.converters import GenerateAssignment

    default = GenerateAssignment.class_traits()["preprocessors"].default()
    return [CheckVariantPool, *default]
