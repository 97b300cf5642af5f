"""The course's grader: nbgrader, made safe for students' code.

Everything here runs on the instructor's side, never in a student's kernel:
``preprocessors`` and ``keys`` (the autograde pipeline), ``sandbox``,
``outcome`` (what grading recorded), ``parallel`` (``cloudsec-autograde``),
``exchange`` (TrustedSubmit/TrustedCollect for a shared machine or a hub) and
``report`` (``cloudsec-report``: the class report and the Canvas CSV).
``cloudsec.classroom`` and ``cloudsec.report`` remain as shims for deployed
configurations that name the old paths.

See ``docs/grading-design.md`` for the threat model and the design.
:func:`configure` installs the sandboxed, verify-outside-the-kernel pipeline
into an nbgrader configuration.
"""

__all__ = ["configure"]


def configure(c) -> None:
    """Install the safe autograde pipeline into nbgrader config ``c``."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        ClearOutput,
        DeduplicateIds,
        IgnorePattern,
        LimitOutput,
        OverwriteCells,
        OverwriteKernelspec,
        SaveAutoGrades,
    )

    from cloudsec.grader.preprocessors import (
        HideAnswerKey,
        RestoreCells,
        SandboxedExecute,
        VerifyAnswers,
    )

    c.Autograde.sanitize_preprocessors = [
        ClearOutput, DeduplicateIds, RestoreCells, OverwriteKernelspec,
        OverwriteCells, CheckCellMetadata,
    ]
    c.Autograde.autograde_preprocessors = [
        HideAnswerKey, SandboxedExecute, VerifyAnswers, IgnorePattern,
        ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
        AssignLatePenalties, CheckCellMetadata,
    ]
    # ClearMetadataPreprocessor must keep our flags and the nbgrader metadata
    c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {
        ("kernelspec",), ("language_info",), ("cloudsec",)}
