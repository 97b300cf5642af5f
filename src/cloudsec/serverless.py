"""Serverless (FaaS): who secures what, and function permissions by example.

Two kinds of content for lesson 05:

* **The FaaS split**, with AWS Lambda as the example: what the provider runs
  (hosts, virtualization with Firecracker micro-VMs that are never shared
  between AWS accounts, the execution environment, the managed runtimes)
  and what the customer still owns (code, configuration, the execution role,
  dependencies, the runtime update mode, and validating every event). The
  three runtime update modes say who applies runtime patches.
* **Four sample functions** of one fictional AWS account, each with the
  IAM-style policy of its execution role (statements with ``Effect``,
  ``Action`` and ``Resource``, wildcards allowed) and the API calls made with
  that role. :func:`matches` implements IAM's ``*`` and ``?`` wildcards;
  :func:`excess_permissions` says, for these samples only, which grants were
  never exercised and how far each wildcard reaches in the sample account.

What the package deliberately does not offer: analysing policies, activity
logs, events or dependency advisories that learners bring. Those are the
skills the graded assignment asks for, so :func:`excess_permissions` accepts
only the name of one of the package's own sample functions.

Sources: AWS Lambda Developer Guide (security, shared responsibility,
runtime updates, execution role, SQS event source mappings), the Lambda
security overview whitepaper (Firecracker isolation), and the IAM User
Guide's policy element reference (Action: the service prefix and the action
name are case-insensitive; Resource: ``*`` and ``?`` within ARN segments).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from cloudsec.kit.lookup import unknown

__all__ = [
    "ACCOUNT",
    "REGION",
    "RUNTIME_UPDATE_MODES",
    "ApiCall",
    "Duty",
    "ExcessReport",
    "Grant",
    "GrantReach",
    "Resource",
    "SampleFunction",
    "Statement",
    "customer_owns",
    "excess_permissions",
    "matches",
    "provider_runs",
    "sample_function",
    "sample_functions",
    "sample_inventory",
]

ACCOUNT = "123456789012"
"""The sample account (the example account ID of AWS's documentation)."""

REGION = "eu-west-1"


# -- who secures what in FaaS -------------------------------------------------

@dataclass(frozen=True)
class Duty:
    """One thing someone secures in a function service, and what it means."""

    key: str
    label: str
    detail: str


_PROVIDER_RUNS = (
    Duty("facilities", "Datacenters, hosts and the physical network",
         "AWS's, as in every cloud service."),
    Duty("isolation", "Virtualization and isolation between customers",
         "Lambda runs functions in Firecracker micro-VMs; a micro-VM is "
         "dedicated to one AWS account and never shared between accounts."),
    Duty("execution-environment",
         "The execution environment's operating system",
         "Patched and replaced by AWS; the customer cannot log in to it."),
    Duty("managed-runtimes", "The managed language runtimes",
         "AWS builds and patches them; when a patched version reaches a "
         "function depends on the function's runtime update mode."),
    Duty("scaling", "Scaling, availability and capacity",
         "AWS starts and stops execution environments as events arrive, "
         "within the concurrency limits the customer sets."),
)

_CUSTOMER_OWNS = (
    Duty("code", "Function code",
         "Its bugs and injection flaws, and validating every event before "
         "trusting it, whatever the trigger."),
    Duty("configuration", "Configuration",
         "Triggers, who may invoke the function, environment variables and "
         "how secrets reach it, timeouts, memory and concurrency limits."),
    Duty("execution-role", "The execution role",
         "The IAM role the function runs as. Give each function its own, "
         "with least privilege: whoever controls the function acts with "
         "that role's rights."),
    Duty("dependencies", "Dependencies",
         "Libraries bundled with the code or shipped in layers: pin, lock, "
         "scan and update them, because they run with the same role."),
    Duty("runtime-updates", "Runtime version and update mode",
         "Choosing the runtime, moving off deprecated ones, and in Function "
         "update or Manual mode, applying runtime updates."),
)

RUNTIME_UPDATE_MODES = {
    "auto": ("Auto (the default)",
             "Lambda updates the runtime version itself, in a two-phase "
             "rollout.", "provider"),
    "function-update": ("Function update",
                        "Lambda moves the function to the newest runtime "
                        "version when the customer deploys or updates the "
                        "function, so the customer must update regularly.",
                        "customer"),
    "manual": ("Manual",
               "The customer pins a runtime version (by its ARN) and applying "
               "any update, security patches included, is the customer's "
               "job.", "customer"),
}
"""Lambda's runtime update modes: ``key -> (label, what happens, who
triggers runtime updates)``."""


def provider_runs() -> tuple[Duty, ...]:
    """What AWS runs and secures for a Lambda function."""
    return _PROVIDER_RUNS


def customer_owns() -> tuple[Duty, ...]:
    """What the Lambda customer still secures (it is not "nothing")."""
    return _CUSTOMER_OWNS


# -- IAM-style wildcard matching ----------------------------------------------

def matches(pattern: str, value: str) -> bool:
    """Whether an IAM-style pattern matches an action or a resource ARN.

    ``*`` stands for any run of characters (also none) and ``?`` for exactly
    one character; everything else matches itself. As in IAM, a ``*``
    inside an ARN segment stays within that segment (it does not cross a
    ``:``) unless it is the last character of the segment, in which case it
    may run on across colons; ``"*"`` alone matches everything.

    Case: resource ARNs are compared case-sensitively. Values that look
    like actions (``service:Name``, no ``arn:`` prefix) are compared
    case-insensitively, because IAM treats both the service prefix and the
    action name of an action case-insensitively (``S3:getobject`` is
    ``s3:GetObject``).

    Parameters
    ----------
    pattern : str
        A pattern from a policy, e.g. ``"s3:Get*"`` or
        ``"arn:aws:s3:::photo-uploads/*"``.
    value : str
        A concrete action or ARN, e.g. ``"s3:GetObject"``.

    Examples
    --------
    >>> from cloudsec.serverless import matches
    >>> matches("s3:Get*", "s3:GetObject")
    True
    >>> matches("arn:aws:s3:::photo-uploads/*", "arn:aws:s3:::photo-uploads")
    False
    """
    if not isinstance(pattern, str) or not isinstance(value, str):
        raise TypeError("pattern and value must be strings, got "
                        f"{type(pattern).__name__} and {type(value).__name__}")
    if not pattern:
        raise ValueError("empty pattern: a policy element cannot be empty")
    return _compiled(pattern, _is_action(value)).fullmatch(value) is not None


def _is_action(value: str) -> bool:
    return not value.startswith("arn:") and ":" in value


@cache
def _compiled(pattern: str, action: bool) -> re.Pattern:
    parts = []
    for i, char in enumerate(pattern):
        if char == "*":
            last_in_segment = i + 1 == len(pattern) or pattern[i + 1] == ":"
            parts.append(".*" if last_in_segment else "[^:]*")
        elif char == "?":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE if action else 0)


# -- the sample account ------------------------------------------------------------

@dataclass(frozen=True)
class Statement:
    """One policy statement: ``Effect`` with its ``Action`` and ``Resource``."""

    effect: str
    actions: tuple[str, ...]
    resources: tuple[str, ...]

    def as_json(self) -> dict:
        """The statement as it would appear in an IAM policy document."""
        def one_or_list(items):
            return items[0] if len(items) == 1 else list(items)
        return {"Effect": self.effect, "Action": one_or_list(self.actions),
                "Resource": one_or_list(self.resources)}


@dataclass(frozen=True)
class ApiCall:
    """One API call made with a function's role: an action on a resource."""

    action: str
    resource: str
    by: str = "code"


@dataclass(frozen=True)
class SampleFunction:
    """A sample Lambda function: trigger, role policy and the calls it made.

    Attributes
    ----------
    name, purpose, trigger : str
    policy : tuple of Statement
        The execution role's permissions.
    calls : tuple of ApiCall
        The distinct API calls made with the role over a week of use
        (``by="lambda"`` marks calls Lambda makes on the function's behalf,
        such as polling its queue).
    story : str
        How the policy came to be as it is.
    """

    name: str
    purpose: str
    trigger: str
    policy: tuple[Statement, ...]
    calls: tuple[ApiCall, ...]
    story: str

    def policy_document(self) -> dict:
        """The policy as an IAM policy document (a dict ready for JSON)."""
        return {"Version": "2012-10-17",
                "Statement": [s.as_json() for s in self.policy]}


def _arn(service: str, rest: str) -> str:
    return f"arn:aws:{service}:{REGION}:{ACCOUNT}:{rest}"


_S3 = "arn:aws:s3:::"
_TABLE = _arn("dynamodb", "table/")
_QUEUE = _arn("sqs", "")
_TOPIC = _arn("sns", "")
_IAM = f"arn:aws:iam::{ACCOUNT}:"

_FUNCTIONS = (
    SampleFunction(
        name="resize-images",
        purpose="Makes a thumbnail of every photo uploaded to photo-uploads "
        "and writes it to photo-thumbnails.",
        trigger="storage: object created in the photo-uploads bucket",
        policy=(
            Statement("Allow", ("s3:GetObject",), (f"{_S3}photo-uploads/*",)),
            Statement("Allow", ("s3:PutObject",),
                      (f"{_S3}photo-thumbnails/*",)),
            Statement("Allow", ("s3:*",), (f"{_S3}*",)),
        ),
        calls=(
            ApiCall("s3:GetObject", f"{_S3}photo-uploads/2024/06/cat.jpg"),
            ApiCall("s3:PutObject",
                    f"{_S3}photo-thumbnails/2024/06/cat-small.jpg"),
        ),
        story="The first two statements were written with the code; the "
        "third was added during a late-night debugging session 'to rule "
        "out permissions' and never removed."),
    SampleFunction(
        name="order-api",
        purpose="Reads and stores orders for the web shop's HTTP API.",
        trigger="HTTP: API Gateway, GET and POST /orders",
        policy=(
            Statement("Allow",
                      ("dynamodb:GetItem", "dynamodb:PutItem",
                       "dynamodb:DeleteItem"),
                      (f"{_TABLE}*",)),
        ),
        calls=(
            ApiCall("dynamodb:GetItem", f"{_TABLE}orders"),
            ApiCall("dynamodb:PutItem", f"{_TABLE}orders"),
        ),
        story="Copied from a template that served every table of the "
        "account; DeleteItem was added for a cancel feature that was "
        "never built."),
    SampleFunction(
        name="send-receipts",
        purpose="Takes paid orders from the receipts queue and e-mails a "
        "receipt through the notifications topic.",
        trigger="queue: messages in the receipts queue",
        policy=(
            Statement("Allow",
                      ("sqs:ReceiveMessage", "sqs:DeleteMessage",
                       "sqs:GetQueueAttributes"),
                      (f"{_QUEUE}receipts",)),
            Statement("Allow", ("dynamodb:GetItem",), (f"{_TABLE}orders",)),
            Statement("Allow", ("sns:Publish",), (f"{_TOPIC}notifications",)),
        ),
        calls=(
            ApiCall("sqs:ReceiveMessage", f"{_QUEUE}receipts", by="lambda"),
            ApiCall("sqs:DeleteMessage", f"{_QUEUE}receipts", by="lambda"),
            ApiCall("sqs:GetQueueAttributes", f"{_QUEUE}receipts",
                    by="lambda"),
            ApiCall("dynamodb:GetItem", f"{_TABLE}orders"),
            ApiCall("sns:Publish", f"{_TOPIC}notifications"),
        ),
        story="Written action by action from what the function does, "
        "including the three queue actions Lambda needs to poll the queue "
        "for it."),
    SampleFunction(
        name="nightly-report",
        purpose="Every night, reads the day's billing exports and publishes "
        "a summary to the finance-reports topic.",
        trigger="schedule: every day at 02:00 UTC",
        policy=(
            Statement("Allow", ("s3:ListBucket",), (f"{_S3}billing-exports",)),
            Statement("Allow", ("s3:Get*",), (f"{_S3}billing-exports/*",)),
            Statement("Allow", ("sns:Publish",),
                      (f"{_TOPIC}finance-reports",)),
            Statement("Allow", ("iam:*",), ("*",)),
        ),
        calls=(
            ApiCall("s3:ListBucket", f"{_S3}billing-exports"),
            ApiCall("s3:GetObject", f"{_S3}billing-exports/2024-06-01.csv"),
            ApiCall("sns:Publish", f"{_TOPIC}finance-reports"),
        ),
        story="The iam:* statement came with an early version that created "
        "a read-only user for the auditors; that feature moved elsewhere, "
        "the permission stayed."),
)


@dataclass(frozen=True)
class Resource:
    """A resource of the sample account and its kind."""

    arn: str
    kind: str
    label: str


def _inventory() -> tuple[Resource, ...]:
    out = []
    for bucket in ("photo-uploads", "photo-thumbnails", "billing-exports",
                   "audit-logs", "web-assets"):
        out.append(Resource(f"{_S3}{bucket}", "bucket", f"bucket {bucket}"))
        out.append(Resource(f"{_S3}{bucket}/*", "object",
                            f"objects in {bucket}"))
    out += [Resource(f"{_TABLE}{t}", "table", f"table {t}")
            for t in ("orders", "customers", "payments")]
    out += [Resource(f"{_QUEUE}{q}", "queue", f"queue {q}")
            for q in ("receipts", "refunds")]
    out += [Resource(f"{_TOPIC}{t}", "topic", f"topic {t}")
            for t in ("notifications", "finance-reports")]
    out += [Resource(f"{_IAM}role/{f.name}", "role", f"role {f.name}")
            for f in _FUNCTIONS]
    out += [Resource(f"{_IAM}role/deploy-admin", "role", "role deploy-admin"),
            Resource(f"{_IAM}user/ci-bot", "user", "user ci-bot")]
    return tuple(out)


# A small catalogue: a few actions per service and the kind of resource each
# acts on. Real services have many more actions, so real blast radii are
# larger than the sample's.
_CATALOGUE = {
    "s3:GetObject": "object", "s3:GetObjectAcl": "object",
    "s3:GetObjectTagging": "object", "s3:PutObject": "object",
    "s3:PutObjectAcl": "object", "s3:DeleteObject": "object",
    "s3:ListBucket": "bucket", "s3:GetBucketPolicy": "bucket",
    "s3:PutBucketPolicy": "bucket", "s3:DeleteBucket": "bucket",
    "dynamodb:GetItem": "table", "dynamodb:Query": "table",
    "dynamodb:Scan": "table", "dynamodb:PutItem": "table",
    "dynamodb:UpdateItem": "table", "dynamodb:DeleteItem": "table",
    "dynamodb:DeleteTable": "table",
    "sqs:ReceiveMessage": "queue", "sqs:DeleteMessage": "queue",
    "sqs:GetQueueAttributes": "queue", "sqs:SendMessage": "queue",
    "sqs:PurgeQueue": "queue",
    "sns:Publish": "topic", "sns:Subscribe": "topic",
    "sns:DeleteTopic": "topic",
    "iam:CreateUser": "user", "iam:CreateAccessKey": "user",
    "iam:AttachUserPolicy": "user", "iam:PassRole": "role",
    "iam:AttachRolePolicy": "role", "iam:PutRolePolicy": "role",
    "iam:UpdateAssumeRolePolicy": "role", "iam:DeleteRole": "role",
}


def sample_functions() -> tuple[str, ...]:
    """The names of the sample functions."""
    return tuple(f.name for f in _FUNCTIONS)


def sample_function(name: str) -> SampleFunction:
    """One sample function by name.

    Raises
    ------
    TypeError
        If ``name`` is not a string (for example a policy dict).
    ValueError
        If it is not the name of one of the package's sample functions.
    """
    if not isinstance(name, str):
        raise TypeError("expected the name of a sample function (a string), "
                        f"got {type(name).__name__}; this package analyses "
                        "only its own samples")
    for function in _FUNCTIONS:
        if function.name == name.strip():
            return function
    raise unknown("sample function", name, sample_functions())


def sample_inventory() -> tuple[Resource, ...]:
    """The resources of the sample account (what a wildcard can reach)."""
    return _inventory()


# -- excess permissions of the samples ----------------------------------------------

@dataclass(frozen=True)
class Grant:
    """One (action pattern, resource pattern) pair an Allow statement grants."""

    action: str
    resource: str

    def __str__(self) -> str:
        return f"{self.action} on {self.resource}"

    @property
    def wildcard(self) -> bool:
        """Whether the action or the resource pattern has ``*`` or ``?``."""
        return any(c in self.action + self.resource for c in "*?")


@dataclass(frozen=True)
class GrantReach:
    """How far one grant reaches in the sample account, and how much of that
    reach the function used.

    Attributes
    ----------
    grant : Grant
    actions : tuple of str
        Catalogue actions the grant allows on at least one resource.
    resources : tuple of str
        Labels of the inventory resources it reaches.
    pairs : int
        Distinct (action, resource) pairs it allows (its blast radius).
    used_pairs : int
        How many of the function's calls exercised this grant (see
        :func:`excess_permissions` for how calls are attributed).
    """

    grant: Grant
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    pairs: int
    used_pairs: int

    @property
    def excess(self) -> bool:
        """Whether no call exercised this grant."""
        return self.used_pairs == 0


@dataclass(frozen=True)
class ExcessReport:
    """What a sample function's role grants, uses and never uses.

    Attributes
    ----------
    function : str
    granted_actions, granted_resources : tuple of str
        Distinct action and resource patterns of the Allow statements.
    used_actions : tuple of str
        Distinct actions the calls made.
    grants : tuple of Grant
        Every (action, resource) pattern pair the role allows.
    excess : tuple of Grant
        Grants never exercised: no call is attributed to them (see
        :func:`excess_permissions`).
    reach : tuple of GrantReach
        Every grant's reach in the sample account and its use, in policy
        order.
    wildcards : tuple of GrantReach
        The entries of ``reach`` whose grant has a wildcard.
    blast_radius : int
        (action, resource) pairs of the sample account the role allows.
    used_pairs : int
        Of those, how many the calls exercised.
    """

    function: str
    granted_actions: tuple[str, ...]
    granted_resources: tuple[str, ...]
    used_actions: tuple[str, ...]
    grants: tuple[Grant, ...]
    excess: tuple[Grant, ...]
    reach: tuple[GrantReach, ...]
    wildcards: tuple[GrantReach, ...]
    blast_radius: int
    used_pairs: int


def excess_permissions(function_name: str) -> ExcessReport:
    """Granted-but-unused permissions of one of the package's sample functions.

    A call counts as exercising the *most specific* grant that allows it:
    the one whose action and resource patterns have the most literal
    (non-wildcard) characters; equally specific grants share it. A grant
    that no call exercises is excess, even when a broader or narrower grant
    covers the same calls. The blast radius counts the (action, resource)
    pairs of the sample account's small catalogue that the role allows.

    Parameters
    ----------
    function_name : str
        One of :func:`sample_functions`. Policies and logs from elsewhere
        are not accepted: analysing those is the assignment's work.

    Examples
    --------
    >>> from cloudsec.serverless import excess_permissions
    >>> [str(g) for g in excess_permissions("resize-images").excess]
    ['s3:* on arn:aws:s3:::*']
    """
    return _report(sample_function(function_name).name)


@cache
def _report(name: str) -> ExcessReport:
    function = sample_function(name)
    grants = _grants(function.policy, "Allow")
    denies = _grants(function.policy, "Deny")
    used_by: dict[Grant, set[ApiCall]] = {g: set() for g in grants}
    for call in function.calls:
        allowing = [g for g in grants if _allows(g, call.action, call.resource)]
        if not allowing or any(_allows(d, call.action, call.resource)
                               for d in denies):
            raise ValueError(f"sample {name!r}: call {call} is not allowed")
        best = max(_literal_length(g) for g in allowing)
        for grant in allowing:
            if _literal_length(grant) == best:
                used_by[grant].add(call)
    reachable = _reach(grants, denies)
    reach = []
    for grant in grants:
        pairs = _reach((grant,), denies)
        reach.append(GrantReach(
            grant,
            _distinct(action for action, _ in sorted(pairs)),
            tuple(r.label for r in _inventory()
                  if any(res == r.arn for _, res in pairs)),
            len(pairs), len({_pair_of(call) for call in used_by[grant]})))
    used_pairs = {_pair_of(call) for call in function.calls}
    return ExcessReport(
        function=name,
        granted_actions=_distinct(g.action for g in grants),
        granted_resources=_distinct(g.resource for g in grants),
        used_actions=_distinct(call.action for call in function.calls),
        grants=grants,
        excess=tuple(g for g in grants if not used_by[g]),
        reach=tuple(reach),
        wildcards=tuple(r for r in reach if r.grant.wildcard),
        blast_radius=len(reachable),
        used_pairs=len(used_pairs & reachable),
    )


def _distinct(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _grants(policy: tuple[Statement, ...], effect: str) -> tuple[Grant, ...]:
    return tuple(dict.fromkeys(
        Grant(action, resource)
        for statement in policy if statement.effect == effect
        for action in statement.actions for resource in statement.resources))


def _allows(grant: Grant, action: str, resource: str) -> bool:
    return matches(grant.action, action) and matches(grant.resource, resource)


def _literal_length(grant: Grant) -> int:
    text = grant.action + grant.resource
    return len(text) - text.count("*") - text.count("?")


def _pair_of(call: ApiCall) -> tuple[str, str]:
    """The (catalogue action, inventory ARN) pair a call touches."""
    kind = _CATALOGUE[call.action]
    for resource in _inventory():
        # object-set entries ("bucket/*") stand for every object in a bucket
        if resource.kind == kind and matches(resource.arn, call.resource):
            return call.action, resource.arn
    raise ValueError(f"call {call} touches nothing in the sample inventory")


def _reach(grants: tuple[Grant, ...], denies: tuple[Grant, ...]
           ) -> set[tuple[str, str]]:
    # An inventory entry such as "arn:aws:s3:::bucket/*" is matched as a
    # literal string, so a grant reaches it only if its pattern covers the
    # whole set of objects, not just some of them.
    return {
        (action, resource.arn)
        for action, kind in _CATALOGUE.items()
        for resource in _inventory() if resource.kind == kind
        if any(_allows(g, action, resource.arn) for g in grants)
        and not any(_allows(d, action, resource.arn) for d in denies)
    }
