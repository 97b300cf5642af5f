"""The shared responsibility model: the course's single source of truth.

Five service models (on-premises, IaaS, PaaS, FaaS, SaaS) and thirteen layers,
from the data a customer stores down to the physical datacenter. For every
(model, layer) cell the module records who owns the security of that layer:
``"customer"``, ``"provider"`` or ``"shared"``, with a one-line reason and the
source it rests on.

Why these thirteen layers
-------------------------
They are the union of the rows of the published provider charts, split where
the charts disagree so that the disagreement can be shown rather than hidden:

* Microsoft's diagram (``shared-responsibility.svg`` on the Azure page
  "Shared responsibility in the cloud") has the rows information and data,
  devices (mobile and PCs), accounts and identities, identity and directory
  infrastructure, applications, network controls, operating system, physical
  hosts, physical network and physical datacenter. All ten are kept. The
  *identity and directory infrastructure* row (the directory, federation and
  domain services the accounts live in) is the ``identity-infrastructure``
  layer: the customer's in IaaS (for example its own domain controllers on
  VMs), shared in PaaS and SaaS. The accounts themselves are ``identities``.
* The same page also carries a text "responsibility matrix" (added January
  2026) that disagrees with its own diagram; :func:`azure_artefact_differences`
  lists where. The Azure *view* follows the diagram, the artefact most exam
  material reproduces.
* AWS's model ("security OF the cloud vs IN the cloud") names the guest
  operating system, platform and application management, firewall (security
  group) configuration and, for Lambda, the runtime; so we add
  ``configuration`` and ``runtime`` and call the operating system the *guest*
  operating system, because in every cloud model the provider also runs a host
  OS under the hypervisor.
* NIST SP 800-145 distinguishes the models by what the consumer controls
  (IaaS: operating systems, storage, deployed applications, limited
  networking; PaaS: deployed applications and possibly hosting settings; SaaS:
  at most limited user-specific settings), which fixes the course view below.

The *course view* is what learners are taught and graded against. Provider
views record, cell by cell, where AWS or Microsoft publish a different split,
with the reason; :func:`provider_differences` lists them, and
:func:`view_source` says which page each view was read from and when.
"""

from __future__ import annotations

from dataclasses import dataclass

from cloudsec.kit.lookup import unknown

__all__ = [
    "OWNERS",
    "Cell",
    "ViewSource",
    "azure_artefact_differences",
    "azure_text_matrix",
    "cell",
    "change",
    "layer_label",
    "layers",
    "model_label",
    "models",
    "normalize_layer",
    "normalize_model",
    "normalize_provider",
    "owner",
    "provider_differences",
    "provider_label",
    "providers",
    "stack",
    "view_note",
    "view_source",
]

OWNERS = ("customer", "shared", "provider")
"""The three possible owners, ordered from most to least customer effort."""

_MODELS = {
    "on-prem": "On-premises",
    "iaas": "IaaS",
    "paas": "PaaS",
    "faas": "FaaS",
    "saas": "SaaS",
}

_MODEL_ALIASES = {
    "onprem": "on-prem",
    "on-premises": "on-prem",
    "on premises": "on-prem",
    "on-premise": "on-prem",
    "infrastructure as a service": "iaas",
    "platform as a service": "paas",
    "function as a service": "faas",
    "functions as a service": "faas",
    "serverless": "faas",
    "software as a service": "saas",
}

# Top (closest to the customer's business) to bottom (bricks and power).
_LAYERS = {
    "data": "Data",
    "identities": "Identities and access",
    "identity-infrastructure": "Identity and directory infrastructure",
    "devices": "Client devices",
    "configuration": "Configuration and settings",
    "application": "Application code",
    "network-controls": "Network controls",
    "runtime": "Runtime and middleware",
    "guest-os": "Guest operating system",
    "virtualization": "Virtualization",
    "hosts": "Host servers and storage",
    "physical-network": "Physical network",
    "datacenter": "Physical datacenter",
}

_PROVIDERS = {
    "aws": "Amazon Web Services",
    "azure": "Microsoft Azure",
}

#: Every source is named with its exact page; all were read on 2026-12-04.
CHECKED = "2026-12-04"
_NIST = ("NIST SP 800-145, The NIST Definition of Cloud Computing (2011), "
         "https://csrc.nist.gov/pubs/sp/800/145/final")
_MS_PAGE = ("https://learn.microsoft.com/en-us/azure/security/fundamentals/"
            "shared-responsibility")
_MS = ("Microsoft Learn, Shared responsibility in the cloud, diagram "
       "shared-responsibility.svg, " + _MS_PAGE)
_MS_TEXT = ("Microsoft Learn, Shared responsibility in the cloud, text "
            "'Responsibility matrix' (added January 2026), " + _MS_PAGE)
_AZ_LANG = ("Microsoft Learn, Azure Functions language stack support policy, "
            "https://learn.microsoft.com/en-us/azure/azure-functions/"
            "language-support-policy")
_AWS = ("AWS, Shared Responsibility Model, "
        "https://aws.amazon.com/compliance/shared-responsibility-model/")
_AWS_2016 = ("AWS, Security Best Practices whitepaper (August 2016), "
             "infrastructure / container / abstracted services, "
             "https://d1.awsstatic.com/whitepapers/Security/"
             "AWS_Security_Best_Practices.pdf")
_BEANSTALK = ("AWS Elastic Beanstalk Developer Guide, Shared responsibility "
              "model for Elastic Beanstalk platform maintenance, "
              "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/"
              "platforms-shared-responsibility.html")
_LAMBDA = ("AWS Lambda Developer Guide, Understanding the shared "
           "responsibility model for Lambda runtime management, "
           "https://docs.aws.amazon.com/lambda/latest/dg/"
           "runtime-management-shared.html")
_LAMBDA_SEC = ("AWS Lambda Developer Guide, Security in AWS Lambda, "
               "https://docs.aws.amazon.com/lambda/latest/dg/"
               "lambda-security.html")


@dataclass(frozen=True)
class Cell:
    """One cell of the responsibility matrix.

    Attributes
    ----------
    owner : str
        ``"customer"``, ``"provider"`` or ``"shared"``.
    reason : str
        One line saying why.
    source : str
        Where the split comes from.
    """

    owner: str
    reason: str
    source: str


def _c(owner: str, reason: str, source: str = _NIST) -> Cell:
    return Cell(owner, reason, source)


_C, _S, _P = "customer", "shared", "provider"
_ONPREM = "On premises the organisation owns every layer, down to the building."

# The course view. Rows are layers, columns follow _MODELS order.
_COURSE: dict[str, dict[str, Cell]] = {
    "data": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "The customer decides what is stored, who may read it and "
                   "how it is classified, encrypted and backed up.", _MS),
        "paas": _c(_C, "Data in a managed platform is still the customer's to "
                   "classify, protect and back up.", _MS),
        "faas": _c(_C, "Functions process the customer's data; protecting it "
                   "stays with the customer.", _LAMBDA_SEC),
        "saas": _c(_C, "Even in SaaS the customer owns its data: what is uploaded, "
                   "who it is shared with, how long it is kept.", _MS),
    },
    "identities": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "The customer creates the accounts and roles and "
                   "enforces MFA and least privilege.", _AWS),
        "paas": _c(_C, "Who may deploy to and administer the platform is the "
                   "customer's decision.", _AWS),
        "faas": _c(_C, "The customer writes each function's execution role and "
                   "decides who may invoke and change it.", _LAMBDA_SEC),
        "saas": _c(_C, "The provider runs the identity system, but the customer "
                   "manages its users, their rights and MFA.", _MS),
    },
    "identity-infrastructure": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "Directory, federation and domain services the workload "
                   "relies on (for example domain controllers on VMs) are "
                   "built and hardened by the customer.", _MS),
        "paas": _c(_S, "The provider runs the managed directory and sign-in "
                   "service; the customer configures federation, tenant "
                   "sign-in policy and how its apps use them.", _MS),
        "faas": _c(_S, "The provider runs IAM and its sign-in service; the "
                   "customer configures federation and the trust policies "
                   "its functions rely on.", _MS),
        "saas": _c(_S, "The provider runs the SaaS directory; the customer "
                   "configures federation, conditional access and tenant "
                   "sign-in policy.", _MS),
    },
    "devices": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "Laptops and phones that reach the cloud are the "
                   "customer's endpoints to secure.", _MS),
        "paas": _c(_C, "Administrators' and users' endpoints belong to the "
                   "customer in every model.", _MS),
        "faas": _c(_C, "Developers' and users' endpoints belong to the customer.",
                   _MS),
        "saas": _c(_C, "Endpoints that sign in to the SaaS are the customer's; "
                   "the provider may only offer device controls.", _MS),
    },
    "configuration": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "Every setting of the rented resources (storage access, "
                   "encryption, logging) is chosen by the customer.", _AWS),
        "paas": _c(_C, "The customer sets the platform's options: public "
                   "access, TLS, logging, backups.", _NIST),
        "faas": _c(_C, "Function configuration (triggers, environment "
                   "variables, secrets, timeouts) is the customer's.", _LAMBDA_SEC),
        "saas": _c(_C, "NIST leaves the SaaS consumer user-specific settings; "
                   "sharing, retention and tenant options are the customer's "
                   "to get right.", _NIST),
    },
    "application": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "The customer installs and runs its own applications on "
                   "its VMs.", _NIST),
        "paas": _c(_C, "NIST: the PaaS consumer controls the deployed "
                   "applications, so their code and flaws are its own.", _NIST),
        "faas": _c(_C, "Function code and the libraries it bundles are written "
                   "and shipped by the customer.", _LAMBDA_SEC),
        "saas": _c(_P, "The provider writes, runs and fixes the application "
                   "itself; the customer only configures it.", _NIST),
    },
    "network-controls": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "Security groups, host firewalls and virtual network "
                   "rules are configured by the customer.", _AWS),
        "paas": _c(_S, "The provider secures the platform's network; the "
                   "customer chooses endpoints, IP rules and private links.", _MS),
        "faas": _c(_S, "The provider runs the function network; the customer "
                   "decides VPC attachment and who can reach function URLs.",
                   _LAMBDA_SEC),
        "saas": _c(_P, "The SaaS network is the provider's to design and "
                   "defend.", _MS),
    },
    "runtime": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "Middleware and language runtimes on a VM are installed "
                   "and patched by the customer.", _NIST),
        "paas": _c(_S, "The provider builds patched platform versions, but the "
                   "customer picks the branch, applies platform updates "
                   "(Elastic Beanstalk: unless managed updates are on) and "
                   "must move off retired branches.", _BEANSTALK),
        "faas": _c(_S, "The provider patches managed runtimes, but the customer "
                   "picks the runtime version and, in function-update or "
                   "manual mode, applies updates.", _LAMBDA),
        "saas": _c(_P, "Everything under the application is the provider's.",
                   _NIST),
    },
    "guest-os": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "The customer owns the guest OS, including its updates "
                   "and security patches.", _AWS),
        "paas": _c(_P, "The provider builds and patches the platform's OS; "
                   "where the customer must apply the platform update that "
                   "delivers it, that duty is in the runtime layer.",
                   _BEANSTALK),
        "faas": _c(_P, "Functions run on provider-managed micro-VMs whose OS "
                   "the provider patches.", _LAMBDA_SEC),
        "saas": _c(_P, "The provider operates every server behind the "
                   "service.", _MS),
    },
    "virtualization": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_P, "The hypervisor is part of security OF the cloud.", _AWS),
        "paas": _c(_P, "The hypervisor is part of security OF the cloud.", _AWS),
        "faas": _c(_P, "The provider isolates functions (for Lambda, "
                   "Firecracker micro-VMs per account).", _LAMBDA_SEC),
        "saas": _c(_P, "The hypervisor is part of security OF the cloud.", _AWS),
    },
    "hosts": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_P, "Physical servers and storage are the provider's.", _MS),
        "paas": _c(_P, "Physical servers and storage are the provider's.", _MS),
        "faas": _c(_P, "Physical servers and storage are the provider's.", _MS),
        "saas": _c(_P, "Physical servers and storage are the provider's.", _MS),
    },
    "physical-network": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_P, "Cabling, switches and the backbone are the provider's.",
                   _MS),
        "paas": _c(_P, "Cabling, switches and the backbone are the provider's.",
                   _MS),
        "faas": _c(_P, "Cabling, switches and the backbone are the provider's.",
                   _MS),
        "saas": _c(_P, "Cabling, switches and the backbone are the provider's.",
                   _MS),
    },
    "datacenter": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_P, "Buildings, power, cooling and guards are the provider's.",
                   _MS),
        "paas": _c(_P, "Buildings, power, cooling and guards are the provider's.",
                   _MS),
        "faas": _c(_P, "Buildings, power, cooling and guards are the provider's.",
                   _MS),
        "saas": _c(_P, "Buildings, power, cooling and guards are the provider's.",
                   _MS),
    },
}

# Provider views: only the cells where a provider's published chart differs
# from the course view. Everything else agrees (or the provider's chart has no
# such row, in which case the course view stands; see _VIEW_SOURCES).
_PROVIDER_OVERRIDES: dict[str, dict[tuple[str, str], Cell]] = {
    "azure": {
        # Microsoft's diagram has no FaaS column: Azure Functions is PaaS
        # there, so its FaaS view takes the PaaS column.
        ("application", "paas"): _c(_S, "Microsoft's diagram marks "
                                    "applications as shared in PaaS: the "
                                    "platform supplies part of the "
                                    "application stack.", _MS),
        ("application", "faas"): _c(_S, "Microsoft counts Functions as PaaS, "
                                    "where its diagram marks applications as "
                                    "shared.", _MS),
    },
    "aws": {
        ("network-controls", "paas"): _c(_C, "For managed platforms such as "
                                         "RDS, AWS leaves firewall (security "
                                         "group) configuration to the "
                                         "customer.", _AWS_2016),
    },
}


@dataclass(frozen=True)
class ViewSource:
    """Where a view of the matrix was read, and when.

    Attributes
    ----------
    title : str
        The page's title, with the artefact on it the view follows.
    url : str
        The exact page.
    checked : str
        ISO date the page was last read against this data.
    note : str
        How the page's rows were mapped to the course's layers.
    """

    title: str
    url: str
    checked: str
    note: str


_VIEW_SOURCES: dict[str | None, ViewSource] = {
    None: ViewSource(
        "NIST SP 800-145 (what each model's consumer controls), with the "
        "provider pages below for the rows NIST does not name",
        "https://csrc.nist.gov/pubs/sp/800/145/final", CHECKED,
        "PaaS runtime is shared: AWS Elastic Beanstalk leaves platform "
        "updates to the customer unless managed updates are on."),
    "aws": ViewSource(
        "AWS, Shared Responsibility Model; the RDS split from AWS's Security "
        "Best Practices whitepaper (August 2016)",
        "https://aws.amazon.com/compliance/shared-responsibility-model/",
        CHECKED,
        "AWS publishes no per-layer chart and no SaaS column; cells it does "
        "not address follow the course view."),
    "azure": ViewSource(
        "Microsoft Learn, Shared responsibility in the cloud, diagram "
        "shared-responsibility.svg",
        _MS_PAGE, CHECKED,
        "The diagram has no FaaS column (Functions counts as PaaS) and no "
        "configuration or runtime row; those cells follow the course view. "
        "The page's text matrix (January 2026) differs: see "
        "azure_artefact_differences()."),
}

# Microsoft's text "Responsibility matrix" on the same page, mapped to the
# course's layers; (on-prem, IaaS, PaaS, SaaS). It has no identity and
# directory infrastructure row (None).
_AZURE_TEXT_MATRIX: dict[str, tuple[str, str, str, str] | None] = {
    "data": (_C, _C, _C, _C),
    "identities": (_C, _C, _C, _C),
    "identity-infrastructure": None,
    "devices": (_C, _C, _C, _S),
    "configuration": (_C, _C, _C, _C),
    "application": (_C, _C, _S, _S),
    "network-controls": (_C, _C, _S, _P),
    "guest-os": (_C, _C, _P, _P),
    "hosts": (_C, _P, _P, _P),
    "physical-network": (_C, _P, _P, _P),
    "datacenter": (_C, _P, _P, _P),
}
# Rows of the diagram (True) and of the text matrix (True) per course layer.
_AZURE_DIAGRAM_ROWS = ("data", "devices", "identities",
                       "identity-infrastructure", "application",
                       "network-controls", "guest-os", "hosts",
                       "physical-network", "datacenter")
_AZURE_COLUMNS = ("on-prem", "iaas", "paas", "saas")


def _normalize(value: str, known: dict[str, str], aliases: dict[str, str],
               what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {type(value).__name__}")
    key = value.strip().lower().replace("_", "-")
    key = aliases.get(key, key)
    if key in known:
        return key
    for ident, label in known.items():
        if key == label.lower():
            return ident
    raise unknown(what, value, known)


def normalize_model(model: str) -> str:
    """Return the canonical id of a service model ("IaaS" -> "iaas").

    Raises
    ------
    ValueError
        If the model is not one of :func:`models`.
    """
    return _normalize(model, _MODELS, _MODEL_ALIASES, "service model")


def normalize_layer(layer: str) -> str:
    """Return the canonical id of a layer ("Guest operating system" -> "guest-os")."""
    return _normalize(layer, _LAYERS, {}, "layer")


def normalize_provider(provider: str | None) -> str | None:
    """Return the canonical provider id, or ``None`` for the course view."""
    if provider is None:
        return None
    course = ("", "course", "course view")
    if isinstance(provider, str) and provider.strip().lower() in course:
        return None
    return _normalize(provider, _PROVIDERS, {"microsoft": "azure",
                                             "amazon": "aws"}, "provider")


def models() -> tuple[str, ...]:
    """Service models, from most to least customer responsibility overall.

    The order is not strict layer by layer: moving from PaaS to FaaS the
    customer's share stays the same (the runtime is shared in both, because
    the customer chooses and, in some modes, applies runtime updates).
    """
    return tuple(_MODELS)


def layers() -> tuple[str, ...]:
    """Layers from the top of the stack (data) to the bottom (datacenter)."""
    return tuple(_LAYERS)


def providers() -> tuple[str, ...]:
    """Providers whose published charts are kept as views."""
    return tuple(_PROVIDERS)


def model_label(model: str) -> str:
    """Human-readable name of a service model."""
    return _MODELS[normalize_model(model)]


def layer_label(layer: str) -> str:
    """Human-readable name of a layer."""
    return _LAYERS[normalize_layer(layer)]


def provider_label(provider: str | None) -> str:
    """Human-readable name of a provider view (``None`` is the course view)."""
    key = normalize_provider(provider)
    return "Course view" if key is None else _PROVIDERS[key]


def cell(model: str, layer: str, provider: str | None = None) -> Cell:
    """Return the full cell (owner, reason, source) for one model and layer.

    Parameters
    ----------
    model : str
        A service model, e.g. ``"iaas"`` (case and common spellings accepted).
    layer : str
        A layer id from :func:`layers` or its label.
    provider : str, optional
        ``"aws"`` or ``"azure"`` for that provider's published view; ``None``
        (default) for the course view.
    """
    m, lay = normalize_model(model), normalize_layer(layer)
    p = normalize_provider(provider)
    if p is not None and (lay, m) in _PROVIDER_OVERRIDES[p]:
        return _PROVIDER_OVERRIDES[p][(lay, m)]
    return _COURSE[lay][m]


def owner(model: str, layer: str, provider: str | None = None) -> str:
    """Who owns the security of ``layer`` under ``model``.

    Returns
    -------
    str
        ``"customer"``, ``"provider"`` or ``"shared"``.

    Examples
    --------
    >>> from cloudsec.responsibility import owner
    >>> owner("iaas", "guest-os")
    'customer'
    >>> owner("saas", "data")
    'customer'
    """
    return cell(model, layer, provider).owner


def stack(model: str, provider: str | None = None) -> list[tuple[str, str]]:
    """``(layer, owner)`` pairs for one model, top to bottom."""
    return [(lay, owner(model, lay, provider)) for lay in layers()]


def change(from_model: str, to_model: str,
           provider: str | None = None) -> dict[str, list[str]]:
    """What the customer gains or gives up when moving between two models.

    Returns
    -------
    dict
        ``{"gave_up": [...], "gained": [...], "unchanged": [...]}``: layers
        whose customer share went down, went up, or stayed the same, in
        stack order. Shared counts as half-way between customer and provider.
    """
    rank = {o: i for i, o in enumerate(OWNERS)}
    result: dict[str, list[str]] = {"gave_up": [], "gained": [], "unchanged": []}
    for lay in layers():
        before = rank[owner(from_model, lay, provider)]
        after = rank[owner(to_model, lay, provider)]
        if after > before:
            result["gave_up"].append(lay)
        elif after < before:
            result["gained"].append(lay)
        else:
            result["unchanged"].append(lay)
    return result


def provider_differences(provider: str) -> list[dict[str, str]]:
    """Cells where a provider's published chart differs from the course view.

    Each item has the keys ``model``, ``layer``, ``course``, ``provider`` and
    ``reason``.
    """
    p = normalize_provider(provider)
    if p is None:
        raise ValueError("provider_differences needs a provider, e.g. 'aws'")
    out = []
    for m in models():
        for lay in layers():
            course = _COURSE[lay][m]
            theirs = cell(m, lay, p)
            if theirs.owner != course.owner:
                out.append({"model": m, "layer": lay, "course": course.owner,
                            "provider": theirs.owner, "reason": theirs.reason})
    return out


def view_source(provider: str | None = None) -> ViewSource:
    """The page a view was read from, when, and how its rows were mapped.

    Examples
    --------
    >>> from cloudsec.responsibility import view_source
    >>> view_source("azure").checked
    '2026-12-04'
    """
    return _VIEW_SOURCES[normalize_provider(provider)]


def view_note(provider: str | None = None) -> str:
    """One plain-text line naming a view's source page and last-checked date."""
    src = view_source(provider)
    return f"Source: {src.title}, {src.url} (last checked {src.checked})."


def azure_text_matrix(model: str, layer: str) -> str | None:
    """Owner in the text "Responsibility matrix" on Microsoft's page.

    The text matrix (added January 2026) sits on the same page as the
    diagram the Azure view follows, and disagrees with it in places.

    Returns
    -------
    str or None
        ``"customer"``, ``"shared"`` or ``"provider"``; ``None`` if the text
        matrix has no row for the layer or no column for the model (FaaS).
    """
    m, lay = normalize_model(model), normalize_layer(layer)
    row = _AZURE_TEXT_MATRIX.get(lay)
    if row is None or m not in _AZURE_COLUMNS:
        return None
    return row[_AZURE_COLUMNS.index(m)]


def azure_artefact_differences() -> list[dict[str, str | None]]:
    """Where Microsoft's text matrix differs from its own diagram.

    Each item has the keys ``model``, ``layer``, ``diagram`` and ``text``
    (the owner in each artefact; ``None`` where that artefact has no such
    row). Only the four columns both artefacts have are compared.
    """
    out: list[dict[str, str | None]] = []
    for lay in layers():
        for m in _AZURE_COLUMNS:
            diagram = (owner(m, lay, "azure") if lay in _AZURE_DIAGRAM_ROWS
                       else None)
            text = azure_text_matrix(m, lay)
            if diagram != text:
                out.append({"model": m, "layer": lay, "diagram": diagram,
                            "text": text})
    return out
