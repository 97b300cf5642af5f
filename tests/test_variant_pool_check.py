"""``nbgrader generate_assignment`` refuses a stale variant pool (issue 16).

The pool (``source/<ps>/data/variants``) must be exactly what the
assignment's generator writes, and ``keys.json`` must carry the digest of
that pool (``pool_digest``), or the release would hand out artefacts whose
keys the grader does not hold. cloudsec.grader.pool.CheckVariantPool, first
in GenerateAssignment's preprocessors (nbgrader_config.py), checks both
without running a notebook.
"""

import json
import shutil
import subprocess
import time

import pytest

from cloudsec import variants

from helpers import ROOT

VARIANT_IDS = sorted(p.parent.parent.name for p in (ROOT / "source").glob(
    "ps*/.variants/generator.py"))
PS03 = "ps03-shared-responsibility"
FIX = "run python -m cloudsec.variants generate ps03"


def _generate(course, env, aid=PS03):
    return subprocess.run(["nbgrader", "generate_assignment", aid, "--force"],
                          cwd=course, env=env, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.fixture
def ps03_copy(tmp_path):
    """A copy of ps03's source folder (pool, generator and keys)."""
    target = tmp_path / PS03
    shutil.copytree(ROOT / "source" / PS03, target)
    return target


@pytest.mark.parametrize("aid", VARIANT_IDS)
def test_committed_pools_and_keys_pass_the_check(aid):
    source = ROOT / "source" / aid
    variants.check_pool(source)
    keys = variants.read_keys(source)
    assert keys["pool_digest"] == variants.pool_digest(variants.pool_texts(source))


def test_the_check_is_cheap():
    start = time.perf_counter()
    for aid in VARIANT_IDS:
        variants.check_pool(ROOT / "source" / aid)
    assert time.perf_counter() - start < 5, "the check must not run notebooks"


def test_an_assignment_without_generator_is_not_checked(tmp_path):
    (tmp_path / "data").mkdir()
    variants.check_pool(tmp_path)  # nothing to compare: no error


def test_a_hand_edited_variant_file_is_stale(ps03_copy):
    target = sorted((ps03_copy / "data" / "variants" / "3").rglob("*.*"))[0]
    target.write_text(target.read_text() + "\n# edited\n")
    with pytest.raises(variants.StalePool, match="variants 3 differ") as err:
        variants.check_pool(ps03_copy)
    assert FIX in str(err.value)


def test_a_missing_or_extra_variant_is_stale(ps03_copy):
    shutil.rmtree(ps03_copy / "data" / "variants" / "8")
    with pytest.raises(variants.StalePool, match="8 differ"):
        variants.check_pool(ps03_copy)
    shutil.copytree(ROOT / "source" / PS03 / "data" / "variants" / "8",
                    ps03_copy / "data" / "variants" / "8")
    variants.check_pool(ps03_copy)
    (ps03_copy / "data" / "variants" / "9").mkdir()
    with pytest.raises(variants.StalePool, match="9 differ"):
        variants.check_pool(ps03_copy)


def test_keys_without_digest_or_for_another_pool_are_stale(ps03_copy):
    path = variants.keys_path(ps03_copy)
    keys = json.loads(path.read_text())
    keys["pool_digest"] = "0" * 64
    path.write_text(json.dumps(keys))
    with pytest.raises(variants.StalePool, match="computed for another pool"):
        variants.check_pool(ps03_copy)
    del keys["pool_digest"]  # a keys.json written before the check existed
    path.write_text(json.dumps(keys))
    with pytest.raises(variants.StalePool, match="regenerate") as err:
        variants.check_pool(ps03_copy)
    assert FIX in str(err.value)
    path.unlink()
    with pytest.raises(variants.StalePool, match="missing"):
        variants.check_pool(ps03_copy)


def test_the_digest_sees_every_byte_and_name():
    pool = {1: {"a.csv": "x,y\n"}, 2: {"a.csv": "x,z\n"}}
    digest = variants.pool_digest(pool)
    assert digest == variants.pool_digest({2: {"a.csv": "x,z\n"},
                                           1: {"a.csv": "x,y\n"}})
    for other in ({1: {"a.csv": "x,y\n"}, 2: {"a.csv": "x,y\n"}},
                  {1: {"b.csv": "x,y\n"}, 2: {"a.csv": "x,z\n"}},
                  {1: {"a.csv": "x,y\n"}, 3: {"a.csv": "x,z\n"}},
                  {1: {"a.csv": "x,y\n", "": ""}, 2: {"a.csv": "x,z\n"}}):
        assert variants.pool_digest(other) != digest, other


@pytest.mark.pipeline
def test_generate_assignment_refuses_a_stale_pool(course_copy, tool_env):
    """Through the real ``nbgrader generate_assignment``: the committed pool
    is released; a tampered pool, or keys.json without a digest, is not."""
    release = course_copy / "release" / PS03
    ok = _generate(course_copy, tool_env)
    assert ok.returncode == 0, ok.stderr[-3000:]
    # nbgrader only logs a config file that fails to load, then runs without it
    assert "Exception while loading config" not in ok.stderr, ok.stderr[-3000:]
    assert (release / f"{PS03}.ipynb").is_file()

    pool = course_copy / "source" / PS03 / "data" / "variants"
    victim = sorted((pool / "5").rglob("*.*"))[0]
    original = victim.read_text()
    victim.write_text(original.replace("\n", "\n\n", 1))
    bad = _generate(course_copy, tool_env)
    assert bad.returncode != 0, "a tampered pool was released"
    assert FIX in bad.stderr, bad.stderr[-3000:]
    assert "variants 5 differ" in bad.stderr
    assert not (release / f"{PS03}.ipynb").exists(), "nbgrader kept the release"

    victim.write_text(original)
    keys = variants.keys_path(course_copy / "source" / PS03)
    table = json.loads(keys.read_text())
    del table["pool_digest"]
    keys.write_text(json.dumps(table))
    old = _generate(course_copy, tool_env)
    assert old.returncode != 0, "keys.json without a digest was accepted"
    assert "regenerate" in old.stderr and FIX in old.stderr, old.stderr[-3000:]


def test_check_command_names_the_stale_assignment(tmp_path):
    """``python -m cloudsec.variants check all`` passes on the committed
    course and names the fix for a tampered pool."""
    import sys

    ok = subprocess.run([sys.executable, "-m", "cloudsec.variants", "check", "all",
                         "--root", str(ROOT)], capture_output=True, text=True,
                        timeout=120, check=False)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.count("pool and keys are current") == len(VARIANT_IDS)
    course = tmp_path / "course"
    shutil.copytree(ROOT / "source", course / "source")
    victim = sorted((course / "source" / PS03 / "data" / "variants" / "2")
                    .rglob("*.*"))[0]
    victim.write_text(victim.read_text() + "x")
    bad = subprocess.run([sys.executable, "-m", "cloudsec.variants", "check", "all",
                          "--root", str(course)], capture_output=True, text=True,
                         timeout=120, check=False)
    assert bad.returncode == 1
    assert FIX in bad.stderr and bad.stdout.count("current") == len(VARIANT_IDS) - 1
