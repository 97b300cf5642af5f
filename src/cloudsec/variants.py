"""Per-student variants of an assignment: which one a learner gets, and the pool.

A *variant* is one complete set of an assignment's artefacts (same structure
and difficulty, other entities and values). An assignment opts in by having a
generator, ``source/<assignment>/.variants/generator.py`` (instructor-side:
the ``.variants`` folder is never released, nbgrader ignores dotted names).
``python -m cloudsec.variants generate <assignment>`` writes the pool into
``source/<assignment>/data/variants/<k>/`` (released with the assignment) and
computes the answer key of every variant by running the reference solution
on that variant's artefacts, into ``source/<assignment>/.variants/keys.json``
(kept with the grader).

Which variant a learner gets is :func:`variant_of`: the SHA-256 of
``"<assignment>/<student id>"`` read as a big-endian integer, modulo the pool
size, plus one. It is deterministic and documented in
``docs/grading-design.md``. This module holds no answers: it only picks a
folder, and (in the instructor's source notebooks, where the key file exists)
lets :func:`cloudsec.grading.verify` judge against the key of the variant the
notebook loaded.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

__all__ = ["STUDENT_ENV", "VARIANT_ENV", "StalePool", "active_key", "check_pool",
           "generate", "keys_path", "load", "pool_digest", "pool_size",
           "read_keys", "student_id", "swap_specs", "variant_of"]

# Set by the grader in the sandboxed kernel: the trusted nbgrader student id
# (from the submission folder). Also set by ./course check for self-paced work.
STUDENT_ENV = "CLOUDSEC_STUDENT"
# Instructor-side only (key computation, tests): force a variant number.
VARIANT_ENV = "CLOUDSEC_VARIANT"
# Written by ./course start into the learner's working folder (self-paced).
STUDENT_FILE = ".cloudsec-student"
HIDDEN = ".variants"

_active: dict = {}


def variant_of(assignment: str, student: str, n: int) -> int:
    """The variant (1..n) of ``student`` for ``assignment``.

    >>> from cloudsec.variants import variant_of
    >>> variant_of("ps03-shared-responsibility", "alice", 8)
    4
    """
    if n < 1:
        raise ValueError("a pool needs at least one variant")
    digest = hashlib.sha256(f"{assignment}/{student}".encode()).digest()
    return int.from_bytes(digest, "big") % n + 1


def student_id(folder: Path | str = ".") -> str:
    """Who is working: the grader's trusted id, a self-paced id, the
    JupyterHub user, or the Unix account, in that order."""
    value = os.environ.get(STUDENT_ENV, "").strip()
    if value:
        return value
    marker = Path(folder) / STUDENT_FILE
    if marker.is_file():
        value = marker.read_text(encoding="utf-8").strip()
        if value:
            return value
    value = os.environ.get("JUPYTERHUB_USER", "").strip()
    if value:
        return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return str(os.getuid())


def pool_size(data: Path | str) -> int:
    """How many variants a data folder holds (``variants/1`` ... ``variants/n``)."""
    folder = Path(data) / "variants"
    if not folder.is_dir():
        return 0
    return len([p for p in folder.iterdir() if p.is_dir() and p.name.isdigit()])


def keys_path(source_dir: Path | str) -> Path:
    """Where an assignment's variant keys live (instructor-side only)."""
    return Path(source_dir) / HIDDEN / "keys.json"


def read_keys(source_dir: Path | str) -> dict | None:
    """The key file of an assignment's source folder, or None."""
    try:
        return json.loads(keys_path(source_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load(assignment: str, data: Path | str = "data", quiet: bool = False) -> Path:
    """The data folder of this learner's variant; prints "Your variant: k of n".

    Called by the read-only setup cell of a variant assignment.
    """
    data = Path(data)
    n = pool_size(data)
    if n == 0:
        raise FileNotFoundError(f"no variants in {data}/variants: this "
                                "assignment's data folder is incomplete")
    forced = os.environ.get(VARIANT_ENV, "").strip()
    k = int(forced) if forced.isdigit() and 1 <= int(forced) <= n else (
        variant_of(assignment, student_id(), n))
    _active.clear()
    _active.update(assignment=assignment, variant=k, n=n)
    keys = read_keys(Path.cwd())  # exists only in the instructor's source
    if keys is not None:
        _active["keys"] = keys
    if not quiet:
        print(f"Your variant: {k} of {n}")
    return data / "variants" / str(k)


def active_key(name: str) -> dict | None:
    """Instructor-side: the key entry of check ``name`` for the loaded variant."""
    keys = _active.get("keys")
    if not keys:
        return None
    return keys.get("variants", {}).get(str(_active["variant"]), {}).get(name)


def swap_specs(specs: list, entry: dict | None) -> list:
    """Specs with ``expected`` / ``select`` replaced from a variant's key."""
    from dataclasses import replace

    if not entry:
        return list(specs)
    out = []
    for spec in specs:
        item = entry.get(spec.name)
        if item is None:
            out.append(spec)
            continue
        changes = {"expected": item["expected"]}
        if "select" in item:
            changes["select"] = tuple(item["select"])
        out.append(replace(spec, **changes))
    return out


# --- instructor side: the pool and its keys ---------------------------------


def _generator(source_dir: Path):
    path = source_dir / HIDDEN / "generator.py"
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist: this assignment has no "
                                "variants")
    spec = importlib.util.spec_from_file_location(
        f"cloudsec_variant_generator_{source_dir.name.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_pool(source_dir: Path) -> list[Path]:
    """Write every variant's artefacts; return the files written."""
    gen = _generator(source_dir)
    root = source_dir / "data" / "variants"
    written = []
    for k in range(1, gen.N + 1):
        folder = root / str(k)
        if folder.exists():
            for old in sorted(folder.rglob("*"), reverse=True):
                old.unlink() if old.is_file() else old.rmdir()
        for rel, text in sorted(gen.artefacts(k).items()):
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def pool_texts(source_dir: Path) -> dict[int, dict[str, str]]:
    """What the generator writes, without writing it (for the suite)."""
    gen = _generator(source_dir)
    return {k: gen.artefacts(k) for k in range(1, gen.N + 1)}


def pool_digest(pool: dict[int, dict[str, str]]) -> str:
    """SHA-256 of a pool (``{variant: {relative path: text}}``), stored in
    keys.json so a key file computed for another pool is noticed."""
    digest = hashlib.sha256()
    for k in sorted(pool):
        for rel in sorted(pool[k]):
            for part in (str(k), rel, pool[k][rel]):
                data = part.encode("utf-8")
                digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _pool_on_disk(source_dir: Path) -> dict[int, dict[str, str]]:
    root = Path(source_dir) / "data" / "variants"
    if not root.is_dir():
        return {}
    pool = {}
    for folder in sorted(root.iterdir()):
        if not folder.is_dir():
            continue
        key = int(folder.name) if folder.name.isdigit() else folder.name
        pool[key] = {f.relative_to(folder).as_posix(): f.read_text(encoding="utf-8")
                     for f in folder.rglob("*") if f.is_file()}
    return pool


class StalePool(RuntimeError):
    """The pool on disk, or its keys, are not what the generator writes."""


def check_pool(source_dir: Path | str) -> None:
    """Raise :class:`StalePool` unless the pool on disk is exactly what the
    generator writes and keys.json was computed for that pool.

    Cheap (it runs the generator, never a notebook); a no-op for an
    assignment without a generator. ``nbgrader generate_assignment`` calls it
    (cloudsec.grader.pool.CheckVariantPool) so a stale pool is never released.
    """
    source_dir = Path(source_dir)
    if not (source_dir / HIDDEN / "generator.py").is_file():
        return
    fix = (f"run python -m cloudsec.variants generate "
           f"{source_dir.name.split('-')[0]}")
    expected = pool_texts(source_dir)
    on_disk = _pool_on_disk(source_dir)
    if on_disk != expected:
        differ = sorted({str(k) for k in set(expected) | set(on_disk)
                         if expected.get(k) != on_disk.get(k)})
        raise StalePool(f"{source_dir.name}: the variant pool in data/variants "
                        f"is not what the generator writes (variants "
                        f"{', '.join(differ)} differ): {fix}")
    keys = read_keys(source_dir)
    if keys is None:
        raise StalePool(f"{source_dir.name}: {keys_path(source_dir)} is missing or "
                        f"unreadable: {fix}")
    stored = keys.get("pool_digest")
    if stored is None:
        raise StalePool(f"{source_dir.name}: keys.json has no pool digest (it "
                        f"predates the check; regenerate it): {fix}")
    if stored != pool_digest(expected):
        raise StalePool(f"{source_dir.name}: keys.json was computed for another "
                        f"pool than the one in data/variants: {fix}")


def run_reference(source_dir: Path, k: int, timeout: int = 120) -> dict:
    """Run the reference solution on variant ``k``; return what each check
    reports (``{check name: answer, or the list of call results}``).

    The source notebook's hidden tests are rewritten exactly as the grader
    rewrites them (report calls, no key), so the key of a variant is what the
    reference solution answers on that variant's artefacts.
    """
    import nbformat
    from nbclient import NotebookClient

    from cloudsec.grader import keys
    from cloudsec.grading import REPORT_PREFIX

    nb = nbformat.read(source_dir / f"{source_dir.name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and keys.BEGIN in cell.source:
            cell.source, _ = keys.split_hidden_tests(cell.source)
    env = dict(os.environ, **{VARIANT_ENV: str(k)})
    env.pop(STUDENT_ENV, None)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(source_dir)}})
    client.execute(env=env, cwd=str(source_dir))
    answers: dict = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") != "stream":
                continue
            for line in out.get("text", "").splitlines():
                if line.startswith(REPORT_PREFIX):
                    data = json.loads(line[len(REPORT_PREFIX):])
                    if "results" in data:
                        answers[data["check"]] = [r.get("value") for r in
                                                  (data["results"] or [])]
                    else:
                        answers[data["check"]] = data["answer"]
    return answers


def compute_keys(source_dir: Path) -> dict:
    """The key of every variant (reference solution + generator's selects)."""
    import nbformat

    from cloudsec.grader import keys

    gen = _generator(source_dir)
    nb = nbformat.read(source_dir / f"{source_dir.name}.ipynb", as_version=4)
    fields = {spec.name: spec.field for cell in nb.cells
              if cell.cell_type == "code" and keys.BEGIN in cell.source
              for spec in keys.split_hidden_tests(cell.source)[1]}
    variants = {}
    for k in range(1, gen.N + 1):
        answers = run_reference(source_dir, k)
        options = gen.key_options(k) if hasattr(gen, "key_options") else {}
        entry = {}
        for name, answer in sorted(answers.items()):
            if isinstance(answer, dict) and "__cloudsec_refused__" in answer:
                raise RuntimeError(f"variant {k}: the reference solution's "
                                   f"answer to {name!r} was refused: {answer}")
            item = {"expected": answer, **options.get(name, {})}
            if "select" in item and isinstance(answer, dict):
                item["expected"] = {s: answer[s] for s in item["select"]}
            if fields.get(name) is not None and isinstance(answer, dict):
                # a check of one field grades answer[item][field]
                item["expected"] = {i: v[fields[name]] for i, v in
                                    item["expected"].items()}
            entry[name] = item
        variants[str(k)] = entry
    return {"assignment": source_dir.name, "n": gen.N,
            "pool_digest": pool_digest(pool_texts(source_dir)),
            "rule": "variant = sha256('<assignment>/<student>') mod n + 1",
            "variants": variants}


def generate(source_dir: Path, keys_too: bool = True) -> None:
    """Write the pool and (unless told not to) the keys of an assignment."""
    write_pool(source_dir)
    if keys_too:
        data = compute_keys(source_dir)
        keys_path(source_dir).write_text(json.dumps(data, indent=1, sort_keys=True)
                                         + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cloudsec.variants")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("generate", help="write the variant pool and its keys "
                         "(run before nbgrader generate_assignment; 'all': "
                         "every assignment with a generator)")
    cmd.add_argument("assignment")
    cmd.add_argument("--root", default=".")
    cmd.add_argument("--no-keys", action="store_true")
    check = sub.add_parser("check", help="is the pool and its keys.json what the "
                           "generator writes? ('all': every assignment)")
    check.add_argument("assignment")
    check.add_argument("--root", default=".")
    which = sub.add_parser("which", help="the variant of a student")
    which.add_argument("assignment")
    which.add_argument("student")
    which.add_argument("--root", default=".")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if args.command != "which" and args.assignment == "all":
        matches = sorted(p.parent.parent for p in
                         (root / "source").glob(f"*/{HIDDEN}/generator.py"))
    else:
        matches = [p for p in (root / "source").iterdir() if p.is_dir() and (
            p.name == args.assignment or p.name.split("-")[0] == args.assignment)]
        if len(matches) != 1:
            print(f"unknown assignment {args.assignment!r}", file=sys.stderr)
            return 2
    if args.command == "which":
        source_dir = matches[0]
        n = pool_size(source_dir / "data")
        print(f"{args.student}: variant {variant_of(source_dir.name, args.student, n)}"
              f" of {n}")
        return 0
    if args.command == "check":
        stale = 0
        for source_dir in matches:
            try:
                check_pool(source_dir)
            except StalePool as exc:
                print(exc, file=sys.stderr)
                stale += 1
            else:
                print(f"{source_dir.name}: pool and keys are current")
        return 1 if stale else 0
    for source_dir in matches:
        generate(source_dir, keys_too=not args.no_keys)
        print(f"{source_dir.name}: pool written to data/variants/"
              + ("" if args.no_keys else
                 f", keys to {keys_path(source_dir).relative_to(root)}"))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
