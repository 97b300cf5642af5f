"""The shared responsibility model: the course's single source of truth.

Five service models (on-premises, IaaS, PaaS, FaaS, SaaS) and twelve layers,
from the data a customer stores down to the physical datacenter. For every
(model, layer) cell the module records who owns the security of that layer:
``"customer"``, ``"provider"`` or ``"shared"``, with a one-line reason and the
source it rests on.

Why these twelve layers
-----------------------
They are the union of the rows of the published provider charts, split where
the charts disagree so that the disagreement can be shown rather than hidden:

* Microsoft's shared-responsibility chart (Azure docs) gives the rows data,
  client devices, accounts and identities, identity infrastructure,
  applications, network controls, operating system, physical hosts, physical
  network and physical datacenter. We keep all of them except identity
  infrastructure, which no customer secures in any cloud model; the customer's
  side of identity (accounts, roles, MFA) is the ``identities`` layer.
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
with the reason; :func:`provider_differences` lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "OWNERS",
    "Cell",
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

_NIST = "NIST SP 800-145"
_MS = "Microsoft Azure shared responsibility documentation"
_AWS = "AWS shared responsibility model"
_LAMBDA = "AWS Lambda shared responsibility documentation"


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
                   "stays with the customer.", _LAMBDA),
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
                   "decides who may invoke and change it.", _LAMBDA),
        "saas": _c(_C, "The provider runs the identity system, but the customer "
                   "manages its users, their rights and MFA.", _MS),
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
                   "variables, secrets, timeouts) is the customer's.", _LAMBDA),
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
                   "and shipped by the customer.", _LAMBDA),
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
                   _LAMBDA),
        "saas": _c(_P, "The SaaS network is the provider's to design and "
                   "defend.", _MS),
    },
    "runtime": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_C, "Middleware and language runtimes on a VM are installed "
                   "and patched by the customer.", _NIST),
        "paas": _c(_P, "The platform supplies and patches the runtime the "
                   "application runs on.", _NIST),
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
        "paas": _c(_P, "The platform's operating systems are managed and "
                   "patched by the provider.", _AWS),
        "faas": _c(_P, "Functions run on provider-managed micro-VMs whose OS "
                   "the provider patches.", _LAMBDA),
        "saas": _c(_P, "The provider operates every server behind the "
                   "service.", _MS),
    },
    "virtualization": {
        "on-prem": _c(_C, _ONPREM),
        "iaas": _c(_P, "The hypervisor is part of security OF the cloud.", _AWS),
        "paas": _c(_P, "The hypervisor is part of security OF the cloud.", _AWS),
        "faas": _c(_P, "The provider isolates functions (for Lambda, "
                   "Firecracker micro-VMs per account).", _LAMBDA),
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
# from the course view. Everything else agrees.
_PROVIDER_OVERRIDES: dict[str, dict[tuple[str, str], Cell]] = {
    "azure": {
        # Microsoft's chart has no FaaS column: Azure Functions is PaaS there,
        # so its FaaS view takes the PaaS column.
        ("devices", "saas"): _c(_S, "Microsoft marks client devices as shared "
                                "in SaaS: its SaaS offers device management.",
                                _MS),
        ("application", "paas"): _c(_S, "Microsoft marks applications as shared "
                                    "in PaaS: the platform supplies part of the "
                                    "application stack.", _MS),
        ("application", "saas"): _c(_S, "Microsoft marks applications as shared "
                                    "in SaaS: the customer still configures and "
                                    "extends them.", _MS),
        ("application", "faas"): _c(_S, "Microsoft counts Functions as PaaS, "
                                    "where applications are shared.", _MS),
        ("runtime", "faas"): _c(_P, "Microsoft counts Functions as PaaS, where "
                                "the provider owns what is under the "
                                "application.", _MS),
    },
    "aws": {
        ("network-controls", "paas"): _c(_C, "For container services such as "
                                         "RDS, AWS leaves firewall (security "
                                         "group) configuration to the customer.",
                                         _AWS),
    },
}


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
    raise ValueError(
        f"unknown {what} {value!r}; expected one of: {', '.join(known)}"
    )


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
    customer takes back part of the runtime (choosing and updating it).
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
