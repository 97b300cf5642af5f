"""The widgets the browser tests operate, one :class:`WidgetSpec` each.

Adding a widget to a lesson? Add its spec to :data:`WIDGETS`: the notebook,
the CSS class of its container, and what to do to it and what its readout must
then say. The test fails for a lesson that shows a ``cloudsec-widget`` with no
spec here, so a new widget cannot go untested. For example::

    WidgetSpec(
        "notebooks/05-serverless.ipynb", "cloudsec-permissions",
        steps=[Step(choose("cloudsec-policy", "strict"),
                    expect=["2 of 5 permissions unused"])],
        benchmark="cloudsec-policy-slider",
    ),

Widgets of one notebook are listed in the order they appear in it. Every
step must change the figure (its PNG) and leave the readout containing each
``expect`` string; the readout texts come from the widget's ``describe``
function, so copy them from there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Action:
    """Something a person does to a widget.

    ``run`` gets the Playwright locator of the widget's container.
    """

    label: str
    run: Callable


def press(control: str, key: str) -> Action:
    """Press ``key`` (e.g. ``"ArrowRight"``) on a slider or text box with CSS
    class ``control``, as a keyboard user would."""

    def run(widget):
        target = widget.locator(
            f".{control} .noUi-handle, .{control} input, "
            f".{control} textarea").first
        target.focus()
        target.press(key)

    return Action(f"press {key} on .{control}", run)


def choose(control: str, label: str) -> Action:
    """Choose the option ``label`` of the toggle buttons ``control`` with the
    keyboard alone: focus the button with Tab semantics (``focus()``), then
    press Space, as a keyboard user would."""

    def run(widget):
        button = widget.locator(f".{control} button").filter(
            has_text=re.compile(f"^(\u2713\u00a0)?{re.escape(label)}$"))
        button.first.focus()
        button.first.press("Space")

    return Action(f"press Space on {label!r} in .{control}", run)


def key(control: str, key: str, label: str | None = None) -> Action:
    """Press ``key`` on the focused button ``control`` (or its ``label``
    option): Space or Enter, keyboard only."""

    def run(widget):
        buttons = widget.locator(f"button.{control}, .{control} button")
        if label is not None:
            buttons = buttons.filter(has_text=re.compile(
                f"^(\u2713\u00a0)?{re.escape(label)}$"))
        buttons.first.focus()
        buttons.first.press(key)

    return Action(f"press {key} on .{control}" + (f" {label!r}" if label else ""),
                  run)


def type_value(control: str, text: str) -> Action:
    """Type ``text`` into the number box ``control`` (select all first) and
    press Enter, keyboard only."""

    def run(widget):
        box = widget.locator(f".{control} input").first
        box.focus()
        box.press("Control+a")
        box.type(text)
        box.press("Enter")

    return Action(f"type {text!r} into .{control}", run)


def click(control: str, label: str | None = None) -> Action:
    """Click the button (or toggle) with CSS class ``control``; for a group
    of toggle buttons, the one showing ``label``."""

    def run(widget):
        buttons = widget.locator(f"button.{control}, .{control} button")
        if label is not None:
            buttons = buttons.filter(has_text=re.compile(f"^{re.escape(label)}$"))
        buttons.first.click()

    return Action(f"click .{control}" + (f" {label!r}" if label else ""), run)


@dataclass(frozen=True)
class Step:
    """One action and what the widget must show after it."""

    action: Action
    expect: list[str]
    figure_changes: bool = True


@dataclass(frozen=True)
class WidgetSpec:
    """A widget in a lesson notebook, and how to check that it works.

    Attributes
    ----------
    notebook : str
        Path of the lesson, relative to the repository.
    css : str
        A CSS class of the widget's container (besides ``cloudsec-widget``).
    steps : list of Step
        What to do to it, in order, and what the readout must then say.
    initial : list of str
        What the readout must say after Run All, before any step.
    benchmark : str, optional
        CSS class of the control that ``benchmarks/widgets.py`` operates
        to time redraws: a slider (arrow keys), a toggle button (Space) or a
        dropdown (the next option).
    figure, readout : str
        CSS classes of the figure (an ``Image`` widget) and the text readout.
    """

    notebook: str
    css: str
    steps: list[Step]
    initial: list[str] = field(default_factory=list)
    benchmark: str | None = None
    figure: str = "cloudsec-figure"
    readout: str = "cloudsec-readout"


_LESSON_01 = "notebooks/01-hypervisors.ipynb"
_LESSON_02 = "notebooks/02-containers-vs-vms.ipynb"
_LESSON_03 = "notebooks/03-shared-responsibility.ipynb"
_LESSON_04 = "notebooks/04-deployment-models.ipynb"
_LESSON_05 = "notebooks/05-serverless.ipynb"
_LESSON_06 = "notebooks/06-multi-tenancy.ipynb"
_LESSON_07 = "notebooks/07-case-study-and-exam.ipynb"
_LESSON_08 = "notebooks/08-trusting-what-you-cannot-touch.ipynb"
_MODEL = "cloudsec-model-slider"
_VIEW = "cloudsec-provider"

WIDGETS: list[WidgetSpec] = [
    # 01: the layer stack of each hypervisor architecture
    WidgetSpec(
        _LESSON_01, "cloudsec-hypervisor-stack",
        initial=["Type 2 (hosted): Type 2.",
                 "Largest attack surface: Host operating system"],
        steps=[
            Step(choose("cloudsec-arch", "Type 1 (bare metal)"), expect=[
                "Type 1 (bare metal): Type 1. The hypervisor runs directly on "
                "the hardware",
                "Largest attack surface: Management interfaces and agents"]),
        ],
        benchmark="cloudsec-arch",
    ),
    # 01: what compromising one host or console exposes
    WidgetSpec(
        _LESSON_01, "cloudsec-blast-radius",
        initial=["Compromising esx-02 exposes 4 VMs of 3 tenants, including "
                 "1 restricted."],
        steps=[
            Step(choose("cloudsec-target", "console vc-prod"), expect=[
                "Compromising vc-prod (management console) exposes 4 hosts "
                "(esx-01, esx-02, esx-03, esx-04) and 12 VMs of 5 tenants, "
                "including 3 restricted."]),
        ],
        benchmark="cloudsec-target",
    ),
    # 02: four questions about a workload re-rank the ladder
    WidgetSpec(
        _LESSON_02, "cloudsec-isolation-ladder",
        initial=["Top option: Process (score 100).",
                 "Needed isolation: level 1, OS user accounts only"],
        steps=[
            Step(choose("cloudsec-trust", "Untrusted (uploaded by users)"),
                 expect=["Top option: gVisor (user-space kernel) (score 97).",
                         "Needed isolation: level 4"]),
            Step(choose("cloudsec-tenancy", "External customers"),
                 expect=["Top option: Micro-VM (score 98).",
                         "Needed isolation: level 5, hardware virtualization"]),
        ],
        benchmark="cloudsec-trust",
    ),
    # 02: risky container settings and the boundaries they remove
    WidgetSpec(
        _LESSON_02, "cloudsec-container-config",
        initial=["No risky setting is chosen: all seven boundaries are intact"],
        steps=[
            Step(key("cloudsec-setting-privileged", "Space"), expect=[
                "4 removed, 1 weakened, 2 intact.",
                "Privileged mode removes: capability limits, seccomp, device "
                "isolation, LSM confinement"]),
            Step(key("cloudsec-setting-docker-socket", "Space"), expect=[
                "7 removed, 0 weakened, 0 intact.",
                "Mounting the Docker socket gives host control"]),
        ],
        benchmark="cloudsec-setting-privileged",
    ),
    # 03: the explorer starts on premises
    WidgetSpec(
        _LESSON_03, "cloudsec-responsibility",
        initial=["On-premises (Course view): Guest operating system is owned "
                 "by the customer.", "Customer owns 13 of 13 layers"],
        steps=[
            Step(choose(_MODEL, "IaaS"), expect=[
                "IaaS (Course view): Guest operating system is owned by the "
                "customer.",
                "From On-premises to IaaS the customer gave up: Virtualization, "
                "Host servers and storage, Physical network, Physical "
                "datacenter;"]),
            Step(choose(_MODEL, "PaaS"), expect=[
                "PaaS (Course view): Guest operating system is owned by the "
                "provider.",
                "From IaaS to PaaS the customer gave up:"]),
            Step(choose(_VIEW, "Microsoft Azure"), expect=[
                "PaaS (Microsoft Azure): Guest operating system is owned by "
                "the provider.",
                "Source: Microsoft Learn, Shared responsibility in the cloud, "
                "diagram shared-responsibility.svg"]),
        ],
        benchmark=_MODEL,
    ),
    # 03: the same explorer, starting at IaaS
    WidgetSpec(
        _LESSON_03, "cloudsec-responsibility",
        initial=["IaaS (Course view): Guest operating system is owned by the "
                 "customer."],
        steps=[
            Step(choose(_MODEL, "PaaS"), expect=[
                "PaaS (Course view): Guest operating system is owned by the "
                "provider.",
                "From IaaS to PaaS the customer gave up:"]),
            Step(choose(_VIEW, "Amazon Web Services"), expect=[
                "PaaS (Amazon Web Services): Guest operating system is owned "
                "by the provider."]),
            Step(choose(_MODEL, "IaaS"), expect=[
                "IaaS (Amazon Web Services): Guest operating system is owned "
                "by the customer.",
                "From PaaS to IaaS the customer gave up: nothing; took on: "
                "Identity and directory infrastructure, Runtime and "
                "middleware, Guest operating system."]),
        ],
        benchmark=_MODEL,
    ),
    # 04: five requirement sliders re-score the deployment models
    WidgetSpec(
        _LESSON_04, "cloudsec-deployment-advisor",
        initial=["Best fit: Public cloud (score 12; neutral is 10)."],
        steps=[
            Step(choose("cloudsec-sensitivity", "high"), expect=[
                "Best fit: Private cloud (score 13; neutral is 10).",
                "Biggest penalty: Public cloud, -2 sensitivity high"]),
            Step(choose("cloudsec-regulation", "high"), expect=[
                "Best fit: Private cloud (score 14; neutral is 10).",
                "Others: Community cloud 13, Hybrid cloud 12, Public cloud 7."]),
        ],
        benchmark="cloudsec-sensitivity",
    ),
    # 05: what each sample function is granted and uses
    WidgetSpec(
        _LESSON_05, "cloudsec-permission-explorer",
        initial=["resize-images is granted 3 actions on 3 resource patterns; "
                 "it used 2; excess: s3:* on arn:aws:s3:::*"],
        steps=[
            Step(choose("cloudsec-function", "nightly-report"), expect=[
                "nightly-report is granted 4 actions on 4 resource patterns; "
                "it used 3; excess: iam:* on *"]),
        ],
        benchmark="cloudsec-function",
    ),
    # 06: a noisy neighbour's load against the victim's latency
    WidgetSpec(
        _LESSON_06, "cloudsec-noisy-neighbour",
        initial=["Victim p99 latency: 6.0 ms (1.0x the quiet baseline); host "
                 "utilisation 20%."],
        steps=[
            Step(press("cloudsec-neighbour-load", "ArrowUp"), expect=[
                "Victim p99 latency: 6.1 ms (1.0x the quiet baseline); host "
                "utilisation 25%."]),
            Step(type_value("cloudsec-neighbour-load", "2000"), expect=[
                "host demand 220% of capacity: saturated.",
                "Requests arrive faster than the host can serve them"]),
        ],
        benchmark="cloudsec-neighbour-load",
    ),
    # 06: the chance of landing on the victim's host
    WidgetSpec(
        _LESSON_06, "cloudsec-coresidency",
        initial=["With 20 launches on a fleet of 1,000 hosts under random "
                 "placement, the chance of sharing a host with the victim is "
                 "2.0%."],
        steps=[
            Step(press("cloudsec-launches", "ArrowUp"), expect=[
                "With 21 launches on a fleet of 1,000 hosts under random "
                "placement, the chance of sharing a host with the victim is "
                "2.1%."]),
            Step(choose("cloudsec-placement", "Packed (fill hosts in order)"),
                 expect=["under packed placement, the chance of sharing a "
                         "host with the victim is 0.4%.",
                         "An even (50%) chance takes 3,993 launches"]),
            Step(choose("cloudsec-fleet", "2,000"), expect=[
                "With 21 launches on a fleet of 2,000 hosts under packed "
                "placement"]),
        ],
        benchmark="cloudsec-launches",
    ),
    # 07: the practice quiz (seed 7: the first question's answer is B, the
    # second's B, with module 08's questions in the bank); the chart only
    # changes when an answer is submitted
    WidgetSpec(
        _LESSON_07, "cloudsec-quiz",
        initial=["Pick the BEST option, then press Submit."],
        steps=[
            Step(choose("cloudsec-options", "B"),
                 expect=["Your answer: B."], figure_changes=False),
            Step(key("cloudsec-submit", "Enter"), expect=[
                "Correct. B is the best answer.", "Score: 1/1 correct."]),
            Step(key("cloudsec-next", "Enter"), expect=[
                "Pick the BEST option", "Score: 1/1 correct."],
                 figure_changes=False),
            Step(choose("cloudsec-options", "A"),
                 expect=["Your answer: A."], figure_changes=False),
            Step(key("cloudsec-submit", "Enter"), expect=[
                "Not quite. You chose A; the best answer is B.",
                "Score: 1/2 correct."]),
        ],
    ),
    # 08: who can read your data, from the protections in place
    WidgetSpec(
        _LESSON_08, "cloudsec-who-can-read",
        initial=["Protections: keys in the provider's KMS; ordinary VM; no "
                 "client-side encryption.",
                 "2 cells protected, 6 rely on the provider, 7 exposed."],
        steps=[
            Step(key("cloudsec-flag-confidential_vm", "Space"), expect=[
                "confidential VM, attestation NOT checked",
                "No cell changed with that move."], figure_changes=True),
            Step(key("cloudsec-flag-attestation_checked", "Space"), expect=[
                "9 cells protected, 1 relies on the provider, 5 exposed.",
                "Compromised hypervisor, in use: exposed -> protected."]),
            Step(choose("cloudsec-keys", "Keys in external store"), expect=[
                "Legal order to the provider, at rest: exposed -> relies on "
                "provider."]),
        ],
        benchmark="cloudsec-flag-attestation_checked",
    ),
]


def widgets_in(notebook: str) -> list[WidgetSpec]:
    """The specs of one notebook's widgets, in the order they appear."""
    return [spec for spec in WIDGETS if spec.notebook == notebook]
