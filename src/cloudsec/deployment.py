"""Cloud deployment models: NIST SP 800-145 as data, and a fit advisor.

Three kinds of content for lesson 04:

* **The NIST definition** (SP 800-145, final text, September 2011): the five
  essential characteristics, the three service models (a recap of lesson 03)
  and the four deployment models, in the final text's terms. Two points are
  easy to get wrong and are kept as data so the tests can hold them: a
  private cloud may be off premises and run by a third party, and a hybrid
  cloud is two or more *distinct* cloud infrastructures that *remain unique
  entities* but are bound together by technology that makes data and
  applications portable. Multi-tenancy is part of resource pooling, not a
  sixth characteristic.
* **Popular terms NIST does not define** (multi-cloud, "virtual private
  cloud", and others), with where each lands in NIST's terms.
* **A comparison table** of the four models (who owns and operates it, where
  it runs, tenancy, control, cost, compliance fit, typical users) and
  :func:`advise`, a transparent scoring function that shows how the classic
  trade-offs pull towards one model or another. It is a teaching aid: its
  weights are simple, documented and printed in the lesson, and it ignores
  much that a real decision weighs. It is not a graded answer.

The rows "owned and operated by" and "where it runs" follow NIST; the other
rows of the comparison and the weights of :func:`advise` are the course's
own general guidance.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from cloudsec.kit.lookup import unknown

__all__ = [
    "BASE_SCORE",
    "FACTORS",
    "LEVELS",
    "Characteristic",
    "DeploymentModel",
    "Factor",
    "Fit",
    "Reason",
    "ServiceModel",
    "Term",
    "advise",
    "characteristic",
    "characteristics",
    "comparison_markdown",
    "comparison_rows",
    "model",
    "model_label",
    "models",
    "normalize_level",
    "normalize_model",
    "service_models",
    "undefined_terms",
    "weights",
]

SOURCE = "NIST SP 800-145 (final, September 2011)"


# -- the five essential characteristics ------------------------------------

@dataclass(frozen=True)
class Characteristic:
    """One of NIST's five essential characteristics of cloud computing.

    Attributes
    ----------
    key : str
        Short identifier, e.g. ``"resource-pooling"``.
    name : str
        NIST's name for it.
    meaning : str
        What it means, in the course's words.
    includes : tuple of str
        Ideas NIST puts *inside* this characteristic (multi-tenancy and
        location independence are part of resource pooling).
    """

    key: str
    name: str
    meaning: str
    includes: tuple[str, ...] = ()


_CHARACTERISTICS = (
    Characteristic(
        "on-demand-self-service", "On-demand self-service",
        "The consumer provisions computing capabilities (server time, network "
        "storage) by itself, as needed, without a person at the provider "
        "having to act on each request."),
    Characteristic(
        "broad-network-access", "Broad network access",
        "Capabilities are reached over the network through standard "
        "mechanisms that work from many kinds of client (phones, tablets, "
        "laptops, workstations)."),
    Characteristic(
        "resource-pooling", "Resource pooling",
        "The provider pools its resources to serve many consumers with a "
        "multi-tenant model, assigning and reassigning physical and virtual "
        "resources as demand changes. Consumers generally neither control "
        "nor know the exact location of their resources, but may be able to "
        "choose it at a higher level (country, state, datacenter).",
        includes=("multi-tenancy", "location independence")),
    Characteristic(
        "rapid-elasticity", "Rapid elasticity",
        "Capabilities are provisioned and released quickly, sometimes "
        "automatically, to scale out and in with demand; to the consumer "
        "they often appear unlimited."),
    Characteristic(
        "measured-service", "Measured service",
        "Resource use is metered at a level that suits the service (storage, "
        "processing, bandwidth, active user accounts), and can be monitored, "
        "controlled and reported to both provider and consumer."),
)

MULTI_TENANCY_NOTE = (
    "Multi-tenancy is not a sixth essential characteristic: NIST names the "
    "multi-tenant model inside resource pooling.")


def characteristics() -> tuple[str, ...]:
    """The keys of the five essential characteristics, in NIST's order."""
    return tuple(c.key for c in _CHARACTERISTICS)


def characteristic(key: str) -> Characteristic:
    """One essential characteristic by key or name (case-insensitive).

    Raises
    ------
    ValueError
        For anything that is not one of the five, including
        ``"multi-tenancy"``, which NIST places inside resource pooling.
    """
    text = _text(key, "characteristic")
    for item in _CHARACTERISTICS:
        if text in (item.key, item.name.lower()):
            return item
    hint = ""
    if text.replace("-", " ") in ("multi tenancy", "multitenancy"):
        hint = f" {MULTI_TENANCY_NOTE}"
    raise unknown("essential characteristic", key, characteristics(),
                  f"NIST lists five.{hint}")


# -- the three service models (recap of lesson 03) --------------------------

@dataclass(frozen=True)
class ServiceModel:
    """A NIST service model, defined by what the consumer controls."""

    key: str
    name: str
    consumer_controls: str
    consumer_does_not_control: str


_SERVICE_MODELS = (
    ServiceModel(
        "saas", "Software as a Service (SaaS)",
        "at most limited user-specific settings of the provider's application",
        "the application and everything under it"),
    ServiceModel(
        "paas", "Platform as a Service (PaaS)",
        "the applications it deploys and possibly settings of the hosting "
        "environment",
        "network, servers, operating systems, storage"),
    ServiceModel(
        "iaas", "Infrastructure as a Service (IaaS)",
        "operating systems, storage, deployed applications, and possibly "
        "limited networking components such as host firewalls",
        "the underlying cloud infrastructure"),
)


def service_models() -> tuple[ServiceModel, ...]:
    """NIST's three service models (SaaS, PaaS, IaaS), in NIST's order."""
    return _SERVICE_MODELS


# -- the four deployment models --------------------------------------------

@dataclass(frozen=True)
class DeploymentModel:
    """A NIST deployment model and the course's comparison of it.

    Attributes
    ----------
    key, name : str
        ``"private"`` and ``"Private cloud"``, etc.
    provisioned_for : str
        Whose use the infrastructure is provisioned for (NIST).
    owned_operated_by : str
        Who may own, manage and operate it (NIST).
    location : str
        Where it may exist (NIST).
    nist_points : tuple of str
        Points of the final text that are often misquoted.
    tenancy, control, cost, compliance_fit, typical_users : str
        The course's comparison (general guidance, not NIST).
    note : str
        A caveat the advisor repeats whenever it scores this model.
    """

    key: str
    name: str
    provisioned_for: str
    owned_operated_by: str
    location: str
    nist_points: tuple[str, ...]
    tenancy: str
    control: str
    cost: str
    compliance_fit: str
    typical_users: str
    note: str


_MODELS = {
    "private": DeploymentModel(
        key="private", name="Private cloud",
        provisioned_for="exclusive use by a single organization, which may "
        "have many consumers (e.g. business units)",
        owned_operated_by="the organization, a third party, or a combination",
        location="on or off premises",
        nist_points=(
            "may be off premises",
            "may be owned, managed and operated by a third party",
            "exclusive use by one organization",
        ),
        tenancy="Single organisation (its business units share it)",
        control="Highest: the organisation sets hardware, network, "
        "location and operating rules, directly or by contract",
        cost="Highest fixed cost: capacity is bought or reserved for the "
        "peak, whether used or not",
        compliance_fit="Strong where rules demand dedicated infrastructure, "
        "a known location or full audit access",
        typical_users="Regulated enterprises and public bodies with steady "
        "workloads and the skills (or a contractor) to run it",
        note="Private says who uses it, not where it runs: it may be off "
        "premises and run by a third party."),
    "community": DeploymentModel(
        key="community", name="Community cloud",
        provisioned_for="exclusive use by a specific community of consumers "
        "from organizations with shared concerns (mission, security "
        "requirements, policy, compliance considerations)",
        owned_operated_by="one or more of the community's organizations, a "
        "third party, or a combination",
        location="on or off premises",
        nist_points=(
            "serves organizations that share concerns",
            "exclusive use by that community",
            "may be on or off premises",
        ),
        tenancy="Several organisations with shared concerns",
        control="Shared through the community's governance and contracts",
        cost="Shared by the members: less than each running its own, more "
        "than public pay-per-use",
        compliance_fit="Built around the common requirements of its members "
        "(one regulator, one mission)",
        typical_users="Government agencies, healthcare or research consortia, "
        "sector bodies with a common regulator",
        note="Needs organisations with the same concerns that agree to share "
        "a cloud and its governance."),
    "public": DeploymentModel(
        key="public", name="Public cloud",
        provisioned_for="open use by the general public",
        owned_operated_by="a business, academic or government organization, "
        "or a combination",
        location="on the premises of the cloud provider",
        nist_points=(
            "open use by the general public",
            "exists on the premises of the cloud provider",
        ),
        tenancy="Many unrelated tenants on pooled resources",
        control="Lowest: what the provider's services and settings expose",
        cost="No up-front cost; pay per use; steady heavy use and data "
        "transfer out can cost more than owning",
        compliance_fit="Good for many regimes through the provider's "
        "attestations and region choice; weaker where rules demand "
        "dedicated hardware or a location the provider does not offer",
        typical_users="Start-ups, web-facing and variable workloads, and most "
        "organisations for at least part of their IT",
        note="You still secure everything on your side of the line "
        "(lesson 03), and the provider's attestations cover only its side."),
    "hybrid": DeploymentModel(
        key="hybrid", name="Hybrid cloud",
        provisioned_for="the users of its constituent clouds: it is a "
        "composition of two or more distinct cloud infrastructures (private, "
        "community or public)",
        owned_operated_by="each constituent cloud keeps its own owner and "
        "operator",
        location="wherever its constituent clouds are",
        nist_points=(
            "two or more distinct cloud infrastructures",
            "the constituent clouds remain unique entities",
            "bound together by technology enabling data and application "
            "portability (e.g. cloud bursting)",
        ),
        tenancy="Mixed: single-tenant parts and multi-tenant parts",
        control="High on the private part, lower on the public part; the "
        "link between them must be controlled too",
        cost="Steady load on owned capacity, peaks on pay-per-use; adds "
        "integration and operations cost",
        compliance_fit="Sensitive data can stay in the private part, but "
        "controls must be consistent across both and on the data that moves",
        typical_users="Organisations with a steady, sensitive core and "
        "variable or experimental workloads",
        note="Needs identity, networking, monitoring and data protection "
        "that work across both clouds; the link is new attack surface."),
}

_MODEL_ALIASES = {
    "private cloud": "private",
    "community cloud": "community",
    "public cloud": "public",
    "hybrid cloud": "hybrid",
}


def models() -> tuple[str, ...]:
    """The four deployment models, in NIST's order."""
    return tuple(_MODELS)


def normalize_model(name: str) -> str:
    """The key of a deployment model from a key or name (case-insensitive).

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        For anything that is not one of NIST's four models. Popular terms
        NIST does not define (multi-cloud, virtual private cloud) are
        refused with a pointer to :func:`undefined_terms`.
    """
    text = _text(name, "deployment model")
    text = _MODEL_ALIASES.get(text, text)
    if text in _MODELS:
        return text
    hint = ""
    if any(text == t.key or text == t.term.lower() for t in _TERMS):
        hint = (" It is a popular term that NIST does not define; see "
                "undefined_terms().")
    raise unknown("deployment model", name, models(),
                  f"NIST defines four.{hint}")


def model(name: str) -> DeploymentModel:
    """The :class:`DeploymentModel` for a key or name."""
    return _MODELS[normalize_model(name)]


def model_label(name: str) -> str:
    """The display name of a deployment model, e.g. ``"Hybrid cloud"``."""
    return model(name).name


# -- popular terms NIST does not define --------------------------------------

@dataclass(frozen=True)
class Term:
    """A popular cloud term that NIST SP 800-145 does not define."""

    key: str
    term: str
    usual_meaning: str
    in_nist_terms: str


_TERMS = (
    Term(
        "multi-cloud", "Multi-cloud",
        "Using cloud services from more than one provider, often different "
        "providers for different workloads.",
        "Not a NIST model. Clouds used side by side for separate workloads "
        "are separate deployments; only if they are bound together by "
        "technology that lets data and applications move between them do "
        "they form a hybrid cloud in NIST's sense."),
    Term(
        "virtual-private-cloud", "Virtual private cloud (VPC)",
        "A logically isolated virtual network that a customer defines inside "
        "a provider's cloud (AWS and Google Cloud call it VPC; Azure calls it "
        "a virtual network).",
        "Still a public cloud: the infrastructure is open to the general "
        "public and on the provider's premises. 'Private' describes network "
        "isolation, not exclusive use of the infrastructure."),
    Term(
        "hosted-private-cloud", "Hosted or managed private cloud",
        "Dedicated cloud infrastructure for one customer, run by a hosting "
        "company in its own datacenter.",
        "A private cloud in NIST's sense (off premises, third-party run), "
        "provided the infrastructure really is for that one organization's "
        "exclusive use."),
    Term(
        "sovereign-cloud", "Sovereign cloud",
        "Offerings marketed as keeping data, operations or staff under the "
        "control of one jurisdiction.",
        "No NIST meaning, and vendors mean different things by it. Map the "
        "offering to who may use the infrastructure and where it runs, then "
        "check the residency and access claims in the contract."),
)


def undefined_terms() -> tuple[Term, ...]:
    """Popular terms NIST does not define, with where they land in its terms."""
    return _TERMS


# -- the comparison table ------------------------------------------------------

_ROWS = (
    ("Owned and operated by (NIST)", "owned_operated_by"),
    ("Where it runs (NIST)", "location"),
    ("Tenancy", "tenancy"),
    ("Customer control", "control"),
    ("Cost", "cost"),
    ("Compliance fit", "compliance_fit"),
    ("Typical users", "typical_users"),
)


def comparison_rows() -> tuple[tuple[str, dict[str, str]], ...]:
    """The comparison table: ``(aspect, {model key: text})`` per row."""
    return tuple(
        (label, {key: getattr(spec, field) for key, spec in _MODELS.items()})
        for label, field in _ROWS)


def comparison_markdown() -> str:
    """The comparison table as a Markdown table (models as columns)."""
    head = "| Characteristic | " + " | ".join(m.name for m in _MODELS.values()) + " |"
    rule = "|---" * (len(_MODELS) + 1) + "|"
    body = [f"| **{label}** | "
            + " | ".join(text[0].upper() + text[1:] for text in cells.values())
            + " |"
            for label, cells in comparison_rows()]
    return "\n".join([head, rule, *body])


# -- the advisor -------------------------------------------------------------------

LEVELS = ("low", "medium", "high")
"""The ordinal levels every requirement takes, from least to most."""

BASE_SCORE = 10
"""Every model starts here; each requirement adds or subtracts a few points."""


@dataclass(frozen=True)
class Factor:
    """A requirement the advisor weighs, and what its levels mean."""

    key: str
    label: str
    question: str
    low: str
    high: str


FACTORS = MappingProxyType({f.key: f for f in (
    Factor("sensitivity", "sensitivity",
           "How much harm would disclosure or tampering of the data cause?",
           "public or low-value data",
           "regulated personal data, secrets, critical operations"),
    Factor("regulation", "regulation",
           "How strict are the legal, regulatory and contractual obligations, "
           "including data residency and audit rights?",
           "no specific obligations",
           "a regulator or contract demands a location, dedicated "
           "infrastructure or deep audit access"),
    Factor("demand_variability", "demand variability",
           "How much does the load vary over time?",
           "steady, predictable load",
           "large peaks, seasonal or unpredictable load"),
    Factor("budget", "budget",
           "How much can the organisation invest up front and spend on "
           "dedicated capacity?",
           "must pay as it goes",
           "can fund dedicated infrastructure"),
    Factor("skills", "skills",
           "How strong are the in-house skills to run infrastructure and to "
           "integrate and secure several clouds?",
           "few operations or cloud engineers",
           "an experienced platform and security team"),
)})
"""The five requirements :func:`advise` weighs, in its argument order."""

# points[factor][model] = (low, medium, high), with why each sign applies.
# Read a row as: "at this level, this requirement pulls the model up or down
# by so many points". Every row is monotonic (never up then down), which is
# what the documented properties of advise() rest on.
_W = {
    "sensitivity": {
        "private": ((-1, 0, 2),
                    "dedicated infrastructure keeps the data off shared "
                    "hardware and under your rules",
                    "dedicated infrastructure costs more than this data "
                    "needs"),
        "community": ((0, 0, 1),
                      "only organisations with the same concerns share it", ""),
        "public": ((1, 0, -2),
                   "shared infrastructure is acceptable for this data",
                   "the data would sit on infrastructure shared with "
                   "unrelated tenants"),
        "hybrid": ((0, 1, 1),
                   "sensitive data can stay in the private part", ""),
    },
    "regulation": {
        "private": ((-1, 1, 2),
                    "location, isolation and audit access are yours to set "
                    "and to evidence",
                    "pays for control that no rule asks for"),
        "community": ((-1, 1, 2),
                      "built around the obligations its members share",
                      "community governance is overhead that no rule asks "
                      "for"),
        "public": ((1, 0, -3),
                   "the provider's attestations and region choice cover the "
                   "few obligations",
                   "strict rules on location, dedicated hardware or audit "
                   "access are hardest to meet and evidence on shared "
                   "infrastructure"),
        "hybrid": ((0, 0, 1),
                   "regulated data can stay in the private part", ""),
    },
    "demand_variability": {
        "private": ((1, 0, -2),
                    "steady load uses owned capacity fully",
                    "capacity must be bought for the peak and sits idle "
                    "between peaks"),
        "community": ((1, 0, -1),
                      "steady load suits a shared, planned capacity",
                      "a community's capacity is planned, not elastic without "
                      "limit"),
        "public": ((0, 1, 2),
                   "rapid elasticity absorbs peaks and you pay only for use",
                   ""),
        "hybrid": ((-2, 1, 2),
                   "bursts can move to public capacity (cloud bursting)",
                   "with steady load, a second cloud adds complexity and no "
                   "benefit"),
    },
    "budget": {
        "private": ((-2, 0, 1),
                    "the budget can fund dedicated capacity",
                    "dedicated capacity is paid for up front, used or not"),
        "community": ((-1, 0, 0), "",
                      "even shared, dedicated infrastructure needs every "
                      "member to contribute up front"),
        "public": ((2, 1, 0),
                   "no up-front investment; pay per use", ""),
        "hybrid": ((-1, 0, 1),
                   "the budget can fund a private core and its integration",
                   "needs a private part and the integration work on top"),
    },
    "skills": {
        "private": ((-1, 0, 1),
                    "the team can run (or closely oversee) a cloud platform",
                    "running a cloud platform needs skills the team lacks, "
                    "unless a third party runs it"),
        "community": ((0, 0, 0), "", ""),
        "public": ((1, 0, 0),
                   "the provider runs the infrastructure (you still configure "
                   "it)", ""),
        "hybrid": ((-2, -1, 1),
                   "the team can secure identity, networks and data flows "
                   "across clouds",
                   "securing two clouds and the link between them is the "
                   "hardest option to run"),
    },
}


@dataclass(frozen=True)
class Reason:
    """One requirement's pull on one model's score."""

    factor: str
    level: str
    points: int
    text: str

    def __str__(self) -> str:
        label = FACTORS[self.factor].label
        return f"{self.points:+d} {label} {self.level}: {self.text}"


@dataclass(frozen=True)
class Fit:
    """How well one deployment model fits the requirements.

    Attributes
    ----------
    model, label : str
        The model's key and display name.
    score : int
        ``BASE_SCORE`` plus the points of every reason.
    reasons : tuple of Reason
        Every requirement that moved the score, strongest first.
    note : str
        The caveat that always applies to this model.
    """

    model: str
    label: str
    score: int
    reasons: tuple[Reason, ...]
    note: str


def weights() -> dict[str, dict[str, tuple[int, int, int]]]:
    """The advisor's points: ``weights()[factor][model] = (low, medium, high)``."""
    return {factor: {m: rows[m][0] for m in models()} for factor, rows in _W.items()}


def normalize_level(factor: str, value: str) -> str:
    """Check one requirement's level and return it in lower case.

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If ``factor`` is unknown or ``value`` is not one of :data:`LEVELS`.
    """
    if factor not in FACTORS:
        raise unknown("requirement", factor, FACTORS)
    text = _text(value, factor)
    if text not in LEVELS:
        raise ValueError(f"{factor} must be one of {', '.join(map(repr, LEVELS))}"
                         f", got {value!r}")
    return text


def advise(sensitivity: str = "medium", regulation: str = "medium",
           demand_variability: str = "medium", budget: str = "medium",
           skills: str = "medium") -> tuple[Fit, ...]:
    """Score the four deployment models against five requirements.

    A teaching aid, not a verdict: it shows how the textbook trade-offs pull
    towards one model or another, with every point explained. Each model
    starts at :data:`BASE_SCORE`; each requirement adds the points of
    :func:`weights` for its level. Real decisions weigh more than five
    levels (the exact residency rule, existing contracts, exit costs).

    Parameters
    ----------
    sensitivity, regulation, demand_variability, budget, skills : str
        Each ``"low"``, ``"medium"`` or ``"high"`` (case-insensitive); see
        :data:`FACTORS` for what the levels mean. ``budget`` is the money
        available for up-front, dedicated capacity; ``skills`` the in-house
        skills to run and integrate clouds.

    Returns
    -------
    tuple of Fit
        All four models, best fit first; equal scores keep NIST's order
        (private, community, public, hybrid).

    Notes
    -----
    Properties the weights guarantee (and the tests check), other
    requirements held fixed:

    * raising ``regulation`` or ``sensitivity`` never raises the public
      cloud's score and never lowers the private cloud's;
    * raising ``regulation`` never lowers the community cloud's score;
    * raising ``demand_variability`` never lowers the public or hybrid
      cloud's score and never raises the private cloud's;
    * raising ``budget`` never lowers the private cloud's score, and
      raising ``skills`` never lowers the private or hybrid cloud's;
    * when both ``regulation`` and ``sensitivity`` are high, the public
      cloud is never the best fit (another model scores strictly higher);
    * when ``demand_variability`` is low, the hybrid cloud is never the
      best fit;
    * every score is ``BASE_SCORE`` plus the points of its reasons.

    Examples
    --------
    >>> from cloudsec.deployment import advise
    >>> best = advise(regulation="high", sensitivity="high")[0]
    >>> best.label
    'Private cloud'
    """
    levels = {
        "sensitivity": normalize_level("sensitivity", sensitivity),
        "regulation": normalize_level("regulation", regulation),
        "demand_variability": normalize_level("demand_variability",
                                              demand_variability),
        "budget": normalize_level("budget", budget),
        "skills": normalize_level("skills", skills),
    }
    fits = []
    for key in models():
        reasons = []
        for factor, level in levels.items():
            points_by_level, good, bad = _W[factor][key]
            points = points_by_level[LEVELS.index(level)]
            if points:
                reasons.append(Reason(factor, level, points,
                                      good if points > 0 else bad))
        reasons.sort(key=lambda r: -abs(r.points))  # stable: factor order
        score = BASE_SCORE + sum(r.points for r in reasons)
        spec = _MODELS[key]
        fits.append(Fit(key, spec.name, score, tuple(reasons), spec.note))
    fits.sort(key=lambda fit: -fit.score)  # stable: NIST order on ties
    return tuple(fits)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {type(value).__name__}")
    return value.strip().lower().replace("_", "-")
