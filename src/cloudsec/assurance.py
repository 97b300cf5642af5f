"""Who can read your data? Confidential computing, key custody, assurance.

Content for lesson 08 ("Trusting what you cannot touch"):

* **The exposure matrix.** Five actors (an external attacker, a provider
  insider, a compromised hypervisor, a legal order served on the provider,
  your own cloud administrator) against three states of data (at rest, in
  transit, in use). :func:`exposure` decides each cell from the protections
  in place: where the keys live, whether the workload runs in a confidential
  VM, whether anyone verifies that VM's attestation report, and whether your
  own software encrypts data with keys the provider never holds. Each cell
  carries a verdict, the reason in words and the ids of its sources.
* **Reference data** the lesson teaches from: the key-custody options
  (:data:`KEY_CUSTODY`), the FIPS 140-3 security levels
  (:data:`FIPS_140_3_LEVELS`), the assurance reports a customer can read
  (:data:`ASSURANCE_REPORTS`), and the confidential-computing technologies
  with what each does and does not protect (:data:`TEE_TECHNOLOGIES`).

The three verdicts:

``protected``
    every path to the plaintext needs something this actor cannot obtain,
    and you can check that (cryptography whose keys the actor cannot reach,
    hardware isolation whose attestation you verified);
``relies on provider``
    the only thing standing between this actor and the plaintext is the
    provider's own design and procedures, which you cannot inspect yourself
    (an audit report is your evidence);
``exposed``
    the actor has a path to the plaintext that none of the chosen controls
    closes.

The model is deliberately coarse: it assumes server-side encryption at rest
(the default of the major providers' storage services) and TLS between your
users and your workload, and treats "client-side encryption" as your own
software encrypting data, disks included, with keys from a key manager the
provider does not run. It says nothing about side channels or availability,
which no control in it addresses (the lesson says so).

What the package deliberately does not offer: checking an attestation
report against a policy, choosing a key-custody option for a workload,
reading a SOC 2 report or a log inventory. Those are the skills the graded
assignment asks for, so nothing here takes a report, a workload, a control
list or a log.

Sources (all read 2026-12-04) are listed in :data:`SOURCES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from cloudsec.kit.lookup import unknown

__all__ = [
    "ACTORS",
    "ASSURANCE_REPORTS",
    "Cell",
    "FIPS_140_3_LEVELS",
    "KEY_CUSTODY",
    "KEY_LOCATIONS",
    "PROTECTED",
    "Protections",
    "RELIES",
    "EXPOSED",
    "SOURCES",
    "STATES",
    "TEE_TECHNOLOGIES",
    "VERDICTS",
    "changes",
    "exposure",
    "normalize_protections",
]

PROTECTED = "protected"
RELIES = "relies on provider"
EXPOSED = "exposed"
VERDICTS = (PROTECTED, RELIES, EXPOSED)
"""The three verdicts of a cell, from best to worst."""

ACTORS = MappingProxyType({
    "external-attacker": "External attacker",
    "provider-insider": "Provider insider",
    "compromised-hypervisor": "Compromised hypervisor",
    "legal-order": "Legal order to the provider",
    "own-admin": "Your own cloud admin",
})
"""Actor id -> label, in the order of the matrix's rows."""

STATES = MappingProxyType({
    "at-rest": "At rest",
    "in-transit": "In transit",
    "in-use": "In use",
})
"""Data state id -> label, in the order of the matrix's columns."""

KEY_LOCATIONS = MappingProxyType({
    "provider-kms": "Provider's KMS (provider- or customer-managed, or BYOK)",
    "external": "External key store you run (HYOK / XKS)",
})
"""Where the keys of server-side encryption live, for :class:`Protections`."""

SOURCES = MappingProxyType({
    "snp-whitepaper": (
        "AMD, 'AMD SEV-SNP: Strengthening VM Isolation with Integrity "
        "Protection and More', white paper, January 2020, threat model "
        "section (read 2026-12-04)"),
    "snp-abi": (
        "AMD, SEV Secure Nested Paging Firmware ABI Specification "
        "(publication 56860), section 7.3 Attestation, ATTESTATION_REPORT "
        "structure (read 2026-12-04)"),
    "ec2-snp": (
        "AWS, Amazon EC2 User Guide, 'Attest an Amazon EC2 instance with AMD "
        "SEV-SNP', https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/"
        "snp-attestation.html (read 2026-12-04)"),
    "tdx-kernel": (
        "Linux kernel documentation, 'Intel Trust Domain Extensions (TDX)', "
        "https://docs.kernel.org/arch/x86/tdx.html (read 2026-12-04)"),
    "nitro-enclaves-root": (
        "AWS, Nitro Enclaves User Guide, 'Verifying the root of trust', "
        "https://docs.aws.amazon.com/enclaves/latest/user/verify-root.html "
        "(read 2026-12-04)"),
    "nitro-design": (
        "AWS, 'The Security Design of the AWS Nitro System', whitepaper, "
        "section 'No AWS operator access', https://docs.aws.amazon.com/"
        "whitepapers/latest/security-design-of-aws-nitro-system/"
        "no-aws-operator-access.html (read 2026-12-04)"),
    "kms-xks": (
        "AWS, AWS KMS Developer Guide, 'External key stores' and 'KMS keys "
        "in external key stores', https://docs.aws.amazon.com/kms/latest/"
        "developerguide/use-xks-key.html (read 2026-12-04)"),
    "kms-envelope": (
        "AWS, AWS KMS Developer Guide, 'AWS KMS concepts: envelope "
        "encryption', https://docs.aws.amazon.com/kms/latest/developerguide/"
        "kms-cryptography.html#enveloping (read 2026-12-04)"),
    "cloudhsm-modes": (
        "AWS, AWS CloudHSM User Guide, 'AWS CloudHSM cluster modes', "
        "https://docs.aws.amazon.com/cloudhsm/latest/userguide/"
        "cluster-hsm-types.html (read 2026-12-04)"),
    "fips-140-3": (
        "NIST, FIPS 140-3 'Security Requirements for Cryptographic Modules' "
        "(2019), with ISO/IEC 19790:2012 section 7 security levels "
        "(read 2026-12-04)"),
    "cloudtrail-events": (
        "AWS, AWS CloudTrail User Guide, 'Understanding CloudTrail events' "
        "(by default trails log management events, not data events) and "
        "'Working with CloudTrail event history' (90 days of management "
        "events), https://docs.aws.amazon.com/awscloudtrail/latest/"
        "userguide/cloudtrail-events.html (read 2026-12-04)"),
    "soc2-description": (
        "AICPA, 'DC 200: 2018 Description Criteria for a Description of a "
        "Service Organization's System in a SOC 2 Report' (complementary "
        "user entity controls; carve-out and inclusive methods) "
        "(read 2026-12-04)"),
    "tls-termination": (
        "IETF, RFC 8446 'The Transport Layer Security (TLS) Protocol "
        "Version 1.3', section 1 (TLS protects the channel between its two "
        "endpoints) (read 2026-12-04)"),
    "shared-responsibility": (
        "AWS, 'Shared Responsibility Model', https://aws.amazon.com/"
        "compliance/shared-responsibility-model/ (read 2026-12-04)"),
    "law-enforcement": (
        "AWS, 'Amazon Information Request Report' and 'Data Privacy FAQ' "
        "(AWS notifies customers of law-enforcement requests unless "
        "prohibited) (read 2026-12-04)"),
})
"""Source id -> citation, for the reasons of :func:`exposure`."""


@dataclass(frozen=True)
class Protections:
    """The protections in place for one workload.

    Attributes
    ----------
    keys : str
        Where the keys of server-side encryption live: ``"provider-kms"``
        (provider-managed, customer-managed or imported keys, all used
        inside the provider's KMS) or ``"external"`` (an external key store
        you run, reached through the provider's KMS).
    confidential_vm : bool
        The workload runs in a confidential VM (AMD SEV-SNP, Intel TDX).
    attestation_checked : bool
        Someone verifies the confidential VM's attestation report (signature
        chain, measurement, policy, TCB, nonce) before trusting it with
        secrets.
    client_side : bool
        Your own software encrypts data, disks included, with keys from a
        key manager the provider does not run.
    """

    keys: str = "provider-kms"
    confidential_vm: bool = False
    attestation_checked: bool = False
    client_side: bool = False

    @property
    def verified_cvm(self) -> bool:
        """A confidential VM whose attestation was verified."""
        return self.confidential_vm and self.attestation_checked


@dataclass(frozen=True)
class Cell:
    """One cell of the matrix: a verdict, why, and where that comes from."""

    actor: str
    state: str
    verdict: str
    reason: str
    sources: tuple[str, ...]


def normalize_protections(protections: Protections | dict | None = None,
                          ) -> Protections:
    """Return ``protections`` as a :class:`Protections`, checked.

    Accepts a :class:`Protections`, a dict of its fields (missing fields
    take their defaults) or ``None`` (the defaults).

    Raises
    ------
    TypeError
        For anything else, or a flag that is not a bool.
    ValueError
        For an unknown field or key location; the message lists valid ones.
    """
    if protections is None:
        return Protections()
    if isinstance(protections, Protections):
        chosen = protections
    elif isinstance(protections, dict):
        fields = set(Protections.__dataclass_fields__)
        extra = sorted(set(protections) - fields)
        if extra:
            raise unknown("protection", ", ".join(extra), sorted(fields))
        chosen = Protections(**protections)
    else:
        raise TypeError("protections must be a Protections, a dict or None, "
                        f"not {type(protections).__name__}")
    if chosen.keys not in KEY_LOCATIONS:
        raise unknown("key location", chosen.keys, KEY_LOCATIONS)
    for flag in ("confidential_vm", "attestation_checked", "client_side"):
        if type(getattr(chosen, flag)) is not bool:
            raise TypeError(f"{flag} must be True or False")
    return chosen


_UNVERIFIED = ("A confidential VM whose attestation nobody checks is only the "
               "provider's word: a malicious host could have launched it "
               "without memory encryption, with debugging allowed or with "
               "another image. ")


def _in_use(actor: str, p: Protections) -> Cell:
    unverified = _UNVERIFIED if p.confidential_vm and not p.attestation_checked \
        else ""
    if actor == "own-admin":
        return Cell(actor, "in-use", EXPOSED,
                    "Your admins can log in to the guest or change what runs "
                    "in it; a confidential VM keeps the host out, not the "
                    "people who control the guest. Separation of duties and "
                    "logging are the controls here.",
                    ("snp-whitepaper", "shared-responsibility"))
    if p.verified_cvm:
        return Cell(actor, "in-use", PROTECTED,
                    "Memory is encrypted with keys the host cannot read and "
                    "integrity-protected against the hypervisor, and you "
                    "verified the report. Side channels and availability stay "
                    "outside this protection.",
                    ("snp-whitepaper", "tdx-kernel", "snp-abi"))
    if actor == "compromised-hypervisor":
        return Cell(actor, "in-use", EXPOSED,
                    unverified + "An ordinary VM's memory is readable and "
                    "writable by the hypervisor that runs it.",
                    ("snp-whitepaper",))
    if actor == "external-attacker":
        return Cell(actor, "in-use", RELIES,
                    unverified + "Only the provider's tenant isolation keeps "
                    "an attacker who escapes a neighbouring VM out of your "
                    "memory (lesson 01).",
                    ("snp-whitepaper", "shared-responsibility"))
    if actor == "legal-order":
        return Cell(actor, "in-use", RELIES,
                    unverified + "Whether the provider could be made to read "
                    "a running VM's memory depends on its own design (AWS "
                    "states Nitro has no operator access to instance "
                    "memory); you cannot check that yourself.",
                    ("nitro-design", "law-enforcement"))
    return Cell(actor, "in-use", RELIES,
                unverified + "An insider is kept out of VM memory only by "
                "the provider's design and procedures (such as Nitro's "
                "no-operator-access design), evidenced by audit reports.",
                ("nitro-design",))


def _in_transit(actor: str, p: Protections) -> Cell:
    if actor == "external-attacker":
        return Cell(actor, "in-transit", PROTECTED,
                    "TLS between your users and your workload: an attacker "
                    "on the path sees ciphertext.",
                    ("tls-termination",))
    if actor == "own-admin":
        return Cell(actor, "in-transit", EXPOSED,
                    "Your admins control where TLS ends (load balancers, "
                    "certificates, traffic mirroring) and can read traffic "
                    "there.",
                    ("tls-termination", "shared-responsibility"))
    if p.verified_cvm:
        return Cell(actor, "in-transit", PROTECTED,
                    "TLS ends inside the verified confidential VM, so its "
                    "session keys and the plaintext never sit in memory the "
                    "host can read.",
                    ("tls-termination", "snp-whitepaper"))
    if actor == "compromised-hypervisor":
        return Cell(actor, "in-transit", EXPOSED,
                    "TLS ends in the VM, whose memory (session keys "
                    "included) the hypervisor can read.",
                    ("tls-termination", "snp-whitepaper"))
    return Cell(actor, "in-transit", RELIES,
                "TLS ends in a VM or at a provider endpoint; only the "
                "provider's design keeps its staff, or a court order, away "
                "from the plaintext there.",
                ("tls-termination", "nitro-design"))


def _at_rest(actor: str, p: Protections) -> Cell:
    if actor == "external-attacker":
        return Cell(actor, "at-rest", PROTECTED,
                    "Encryption at rest: a stolen disk, snapshot copy or "
                    "backup is ciphertext to someone without access to the "
                    "keys. This is the actor it is for.",
                    ("kms-envelope",))
    if actor == "own-admin":
        return Cell(actor, "at-rest", EXPOSED,
                    "Admins with enough rights can grant themselves use of "
                    "the keys or read the data through the workload, "
                    "whichever key option you chose; key policies, "
                    "separation of duties and CloudTrail records of each key "
                    "use are the controls.",
                    ("kms-envelope", "cloudtrail-events"))
    if p.client_side and p.verified_cvm:
        return Cell(actor, "at-rest", PROTECTED,
                    "Your software encrypts with keys the provider never "
                    "holds, and uses them only inside a verified "
                    "confidential VM: neither storage nor host ever sees a "
                    "key.",
                    ("kms-envelope", "snp-whitepaper"))
    client_note = ("Client-side encryption alone does not close this: the "
                   "keys sit in VM memory the host can read. "
                   if p.client_side else
                   "The confidential VM does not close this: server-side "
                   "encryption is undone by the platform outside the VM, and "
                   "disk I/O reaches the guest through memory shared with the "
                   "host; encrypt inside the guest as well. "
                   if p.verified_cvm else "")
    if actor == "compromised-hypervisor":
        return Cell(actor, "at-rest", EXPOSED,
                    client_note + "The platform hands decrypted data to the "
                    "VM, and whatever the VM decrypts lies in memory the "
                    "hypervisor can read.",
                    ("snp-whitepaper", "kms-envelope"))
    if actor == "legal-order":
        if p.keys == "external" or p.client_side:
            keys = ("every decryption needs your external key manager, which "
                    "logs it and which you can disconnect"
                    if p.keys == "external" else
                    "the stored copy needs keys the provider does not hold")
            return Cell(actor, "at-rest", RELIES,
                        client_note + f"The provider cannot decrypt on its "
                        f"own: {keys}. While your workload uses the data, "
                        "plaintext and data keys still pass through the "
                        "provider's machines, which only its design guards.",
                        ("kms-xks", "law-enforcement"))
        return Cell(actor, "at-rest", EXPOSED,
                    "The provider holds and uses the key, so it can decrypt, "
                    "and a lawful order to the provider can compel that; "
                    "customer-managed and imported keys still live in the "
                    "provider's KMS. Notifying you is the provider's policy, "
                    "not cryptography.",
                    ("kms-envelope", "law-enforcement"))
    keys = ("Even with an external key store, the provider's services hold "
            "plaintext data keys while you allow use; you gain a log of every "
            "use and the power to cut access off. "
            if p.keys == "external" else
            "Server-side encryption at rest does not stop the provider: its "
            "services hold and use the key. ")
    return Cell(actor, "at-rest", RELIES,
                client_note + keys + "What stops an insider is the "
                "provider's access control on its KMS and hosts, evidenced by "
                "audit reports.",
                ("kms-envelope", "kms-xks", "nitro-design"))


_DECIDE = {"at-rest": _at_rest, "in-transit": _in_transit, "in-use": _in_use}


def exposure(protections: Protections | dict | None = None,
             ) -> dict[str, dict[str, Cell]]:
    """Who can read the data, actor by data state, given the protections.

    Parameters
    ----------
    protections : Protections, dict or None
        See :func:`normalize_protections`.

    Returns
    -------
    dict
        actor id -> state id -> :class:`Cell`, in the order of
        :data:`ACTORS` and :data:`STATES`.

    Examples
    --------
    >>> from cloudsec.assurance import exposure
    >>> exposure()["provider-insider"]["at-rest"].verdict
    'relies on provider'
    >>> exposure({"confidential_vm": True, "attestation_checked": True}
    ...          )["compromised-hypervisor"]["in-use"].verdict
    'protected'
    """
    chosen = normalize_protections(protections)
    return {actor: {state: decide(actor, chosen)
                    for state, decide in _DECIDE.items()}
            for actor in ACTORS}


def changes(before: Protections | dict | None,
            after: Protections | dict | None) -> list[tuple[Cell, Cell]]:
    """The cells whose verdict differs between two sets of protections.

    Returns a list of ``(old cell, new cell)`` pairs in matrix order.
    """
    old, new = exposure(before), exposure(after)
    return [(old[a][s], new[a][s]) for a in ACTORS for s in STATES
            if old[a][s].verdict != new[a][s].verdict]


# -- reference data the lesson teaches from -----------------------------------

KEY_CUSTODY = MappingProxyType({
    "provider-managed": (
        "Provider-managed key",
        "The provider creates, stores, rotates and uses the key; you cannot "
        "see or set its policy. Protects against stolen media only."),
    "customer-managed": (
        "Customer-managed key in the provider's KMS",
        "You create the key in the provider's KMS and control its key "
        "policy, rotation, disabling and deletion; every use is logged "
        "(CloudTrail). The key material stays in the provider's HSMs."),
    "byok": (
        "Bring your own key (imported key material)",
        "You generate the key material and import it into the provider's "
        "KMS; you can delete it or let it expire and keep the original. "
        "While imported it is used inside the provider's KMS like any "
        "other key."),
    "hyok": (
        "Hold your own key (external key store, XKS)",
        "The key stays in a key manager you run outside the provider; the "
        "provider's KMS asks it to encrypt and decrypt through a proxy. You "
        "can refuse or disconnect, at the cost of latency and availability "
        "that now depend on you."),
    "dedicated-hsm": (
        "Dedicated HSM (e.g. AWS CloudHSM)",
        "Single-tenant HSMs in the provider's datacenter that you initialise "
        "and whose crypto users you manage; the provider runs the hardware "
        "but does not hold your HSM credentials. Validated to a FIPS "
        "140-2/140-3 level (hsm2m.medium: FIPS 140-3 Level 3)."),
})
"""Key-custody option id -> (label, what it changes). Weakest first."""

FIPS_140_3_LEVELS = MappingProxyType({
    1: "Production-grade equipment and an approved algorithm; no physical "
       "security mechanisms required.",
    2: "Adds tamper evidence (seals, coatings) and role-based "
       "authentication of operators.",
    3: "Adds tamper resistance that detects and responds to physical access "
       "(zeroising keys) and identity-based authentication.",
    4: "Adds a complete protective envelope and protection against "
       "environmental attacks (voltage, temperature) outside normal ranges.",
})
"""FIPS 140-3 (ISO/IEC 19790) security level -> what it adds."""

ASSURANCE_REPORTS = MappingProxyType({
    "soc2-type1": (
        "SOC 2 Type I",
        "An auditor's opinion on the description of the system and the "
        "design of its controls at one point in time."),
    "soc2-type2": (
        "SOC 2 Type II",
        "Adds whether the controls operated effectively over a period "
        "(typically 6 to 12 months), with the tests and any exceptions."),
    "iso27001": (
        "ISO/IEC 27001 certificate",
        "The organisation runs a certified information security management "
        "system; the certificate names its scope. It is not a test of each "
        "control over a period."),
    "iso27017": (
        "ISO/IEC 27017",
        "Code of practice with cloud-specific guidance on information "
        "security controls, for providers and customers."),
    "iso27018": (
        "ISO/IEC 27018",
        "Code of practice for protecting personal data (PII) in public "
        "clouds acting as PII processors."),
    "csa-star": (
        "CSA STAR",
        "The Cloud Security Alliance's registry: self-assessments (level 1) "
        "and third-party audits or certifications (level 2) against the "
        "Cloud Controls Matrix (CCM)."),
    "fedramp": (
        "FedRAMP authorisation",
        "US federal authorisation of a cloud service at a Low, Moderate or "
        "High baseline of NIST SP 800-53 controls, with continuous "
        "monitoring."),
})
"""Assurance report id -> (label, what it attests)."""

TEE_TECHNOLOGIES = MappingProxyType({
    "sev-snp": (
        "AMD SEV-SNP",
        "Encrypts each VM's memory and adds integrity protection (the "
        "reverse map table) so a malicious hypervisor cannot read, replay or "
        "remap guest memory; reports signed by a key chaining to AMD.",
        "Not: availability (the host still schedules the VM), some side "
        "channels, bugs in the guest's own software."),
    "tdx": (
        "Intel TDX",
        "Trust domains whose memory and register state are isolated from "
        "the host and physical attacks by the CPU-attested TDX module; "
        "quotes chain to Intel.",
        "Not: availability, side channels outside its model, the guest's "
        "own software."),
    "nitro-enclaves": (
        "AWS Nitro Enclaves",
        "An isolated VM carved out of an EC2 instance with no network, "
        "persistent storage or interactive access, not even for root on "
        "the parent; attestation documents signed by the AWS Nitro PKI.",
        "Not: a defence against AWS itself by hardware memory encryption "
        "(the trust root is the Nitro hypervisor), nor the enclave "
        "application's own bugs."),
    "arm-cca": (
        "Arm CCA",
        "Realms: VMs isolated from the hypervisor by the Realm Management "
        "Monitor on Armv9-A hardware, with attestation.",
        "Not: availability, side channels, the realm's own software; "
        "cloud offerings are still emerging."),
})
"""TEE id -> (label, what it protects, what it does not)."""
