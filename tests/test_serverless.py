"""Serverless: the FaaS split, IAM wildcards, the samples, figure and widget."""

import inspect
import json

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from cloudsec import serverless as sl
from cloudsec.kit.palette import OKABE_ITO_HEX as OKABE_ITO
from cloudsec.serverless_plots import (
    UNUSED_STYLE,
    USED_STYLE,
    PermissionScopeFigure,
    permission_scope,
    short_arn,
)
from cloudsec.serverless_widgets import (
    PermissionExplorer,
    describe_permissions,
    permission_explorer,
)

S3 = "arn:aws:s3:::"


# -- who secures what ------------------------------------------------------------

def test_customer_still_owns_code_config_role_dependencies_runtime():
    keys = [duty.key for duty in sl.customer_owns()]
    assert keys == ["code", "configuration", "execution-role", "dependencies",
                    "runtime-updates"]
    code = sl.customer_owns()[0]
    assert "validating every event" in code.detail


def test_provider_isolates_accounts_with_firecracker_micro_vms():
    isolation = {d.key: d for d in sl.provider_runs()}["isolation"]
    assert "Firecracker" in isolation.detail
    assert "one AWS account" in isolation.detail


def test_runtime_update_modes_and_who_applies_updates():
    modes = sl.RUNTIME_UPDATE_MODES
    assert list(modes) == ["auto", "function-update", "manual"]
    assert modes["auto"][2] == "provider"
    assert modes["function-update"][2] == modes["manual"][2] == "customer"


# -- IAM-style matching ------------------------------------------------------------

@pytest.mark.parametrize("pattern, value, expected", [
    ("s3:Get*", "s3:GetObject", True),
    ("s3:Get*", "s3:PutObject", False),
    ("s3:*", "s3:DeleteBucket", True),
    ("s3:*", "sqs:SendMessage", False),
    ("*", "iam:CreateUser", True),
    ("iam:*AccessKey", "iam:CreateAccessKey", True),
    ("sqs:?etQueueAttributes", "sqs:GetQueueAttributes", True),
    ("sqs:?QueueAttributes", "sqs:GetQueueAttributes", False),
    # service prefix and action name are both case-insensitive in IAM
    ("S3:getobject", "s3:GetObject", True),
    ("s3:GetObject", "S3:GETOBJECT", True),
    (f"{S3}bucket/*", f"{S3}bucket/photo.jpg", True),
    (f"{S3}bucket/*", f"{S3}bucket/2024/06/photo.jpg", True),
    (f"{S3}bucket/*", f"{S3}bucket", False),
    (f"{S3}bucket", f"{S3}bucket/photo.jpg", False),
    (f"{S3}*", f"{S3}any-bucket/any/key", True),
    # resources are case-sensitive
    (f"{S3}Bucket/*", f"{S3}bucket/photo.jpg", False),
    ("arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/bob",
     False),
    # ? is exactly one character
    (f"{S3}log-?/*", f"{S3}log-a/x", True),
    (f"{S3}log-?/*", f"{S3}log-ab/x", False),
    # a * that ends a segment may run across colons ...
    ("arn:aws:sqs:*", "arn:aws:sqs:eu-west-1:123456789012:receipts", True),
    ("arn:aws:sqs:eu*:123456789012:receipts",
     "arn:aws:sqs:eu-west-1:123456789012:receipts", True),
    # ... one inside a segment does not
    ("arn:aws:lambda:eu-west-1:123456789012:function:a*z",
     "arn:aws:lambda:eu-west-1:123456789012:function:a:z", False),
    ("arn:aws:lambda:eu-west-1:123456789012:function:a*z",
     "arn:aws:lambda:eu-west-1:123456789012:function:abcz", True),
    # regex characters in a pattern are literal
    (f"{S3}a.b/*", f"{S3}axb/k", False),
])
def test_matches(pattern, value, expected):
    assert sl.matches(pattern, value) is expected


def test_matches_rejects_bad_input():
    with pytest.raises(TypeError, match="must be strings"):
        sl.matches(None, "s3:GetObject")
    with pytest.raises(TypeError, match="must be strings"):
        sl.matches("s3:*", ["s3:GetObject"])
    with pytest.raises(ValueError, match="empty pattern"):
        sl.matches("", "s3:GetObject")


# -- the samples -------------------------------------------------------------------

def test_samples_are_named_and_documents_are_iam_shaped():
    assert sl.sample_functions() == ("resize-images", "order-api",
                                     "send-receipts", "nightly-report")
    triggers = " ".join(sl.sample_function(n).trigger
                        for n in sl.sample_functions())
    for kind in ("storage", "HTTP", "queue", "schedule"):
        assert kind in triggers
    doc = sl.sample_function("resize-images").policy_document()
    assert json.loads(json.dumps(doc))["Version"] == "2012-10-17"
    assert doc["Statement"][2] == {"Effect": "Allow", "Action": "s3:*",
                                   "Resource": f"{S3}*"}


def test_every_sample_call_is_allowed_by_its_policy():
    for name in sl.sample_functions():
        function = sl.sample_function(name)
        for call in function.calls:
            assert any(sl.matches(a, call.action) and sl.matches(r, call.resource)
                       for s in function.policy if s.effect == "Allow"
                       for a in s.actions for r in s.resources), (name, call)


@pytest.mark.parametrize("name, excess, blast, used", [
    ("resize-images", ["s3:* on arn:aws:s3:::*"], 50, 2),
    ("order-api", ["dynamodb:DeleteItem on "
                   "arn:aws:dynamodb:eu-west-1:123456789012:table/*"], 9, 2),
    ("send-receipts", [], 5, 5),
    ("nightly-report", ["iam:* on *"], 33, 3),
])
def test_excess_permissions_of_the_samples(name, excess, blast, used):
    report = sl.excess_permissions(name)
    assert [str(g) for g in report.excess] == excess
    assert report.blast_radius == blast
    assert report.used_pairs == used


def test_redundant_wildcard_is_excess_although_it_matches_the_calls():
    report = sl.excess_permissions("resize-images")
    star = {str(r.grant): r for r in report.reach}["s3:* on arn:aws:s3:::*"]
    assert star.pairs == 50 and star.used_pairs == 0 and star.excess
    assert len(star.actions) == 10
    assert {"bucket photo-uploads", "objects in audit-logs"} <= set(
        star.resources)
    assert report.granted_actions == ("s3:GetObject", "s3:PutObject", "s3:*")
    assert len(report.granted_resources) == 3 and len(report.used_actions) == 2


def test_used_wildcards_still_show_their_reach():
    order = sl.excess_permissions("order-api")
    get = {str(r.grant).split(" on ")[0]: r for r in order.wildcards}[
        "dynamodb:GetItem"]
    assert get.pairs == 3 and get.used_pairs == 1
    assert get.resources == ("table orders", "table customers", "table payments")
    report = sl.excess_permissions("nightly-report")
    get_star = {r.grant.action: r for r in report.reach}["s3:Get*"]
    assert get_star.actions == ("s3:GetObject", "s3:GetObjectAcl",
                                "s3:GetObjectTagging")
    assert not get_star.excess


def test_object_wildcard_reaches_objects_not_the_bucket():
    report = sl.excess_permissions("resize-images")
    get = report.reach[0]
    assert get.grant == sl.Grant("s3:GetObject", f"{S3}photo-uploads/*")
    assert get.resources == ("objects in photo-uploads",)


def test_lambda_polls_the_queue_with_the_functions_role():
    calls = sl.sample_function("send-receipts").calls
    assert {c.action for c in calls if c.by == "lambda"} == {
        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}


@pytest.mark.parametrize("bad, error", [
    ({"Statement": []}, TypeError),
    ("my-function", ValueError),
    (None, TypeError),
])
def test_excess_permissions_takes_only_sample_names(bad, error):
    with pytest.raises(error, match="sample function"):
        sl.excess_permissions(bad)


def test_public_api_takes_no_policies_logs_events_or_advisories():
    """The graded assignment analyses learners' own policies, logs, events
    and advisories, so the package must not offer functions that do."""
    allowed = {"pattern", "value", "function_name", "name"}
    for name in sl.__all__:
        obj = getattr(sl, name)
        if inspect.isfunction(obj):
            params = set(inspect.signature(obj).parameters)
            assert params <= allowed, (name, params)


# -- the figure --------------------------------------------------------------------

def _texts(fig):
    return [t.get_text() for t in fig.axes[0].texts if t.get_visible()]


def test_figure_is_titled_labelled_and_says_excess_in_text():
    fig = permission_scope("resize-images")
    assert isinstance(fig, Figure)
    assert "resize-images" in fig.get_suptitle()
    assert "pairs" in fig.axes[0].get_xlabel()
    texts = _texts(fig)
    assert "s3:*\non arn:aws:s3:::*" in texts
    assert any("EXCESS" in t and "50 pairs" in t for t in texts)


def test_unused_reach_is_hatched_used_is_solid():
    figure = PermissionScopeFigure("nightly-report")
    rows = [r.grant.action for r in sl.excess_permissions("nightly-report").reach]
    iam = rows.index("iam:*")
    assert figure.unused[iam].get_hatch() and not figure.used[iam].get_hatch()
    assert figure.unused[iam].get_width() == 28
    assert figure.used[iam].get_width() == 0
    colours = {to_hex(USED_STYLE["facecolor"]), to_hex(UNUSED_STYLE["edgecolor"])}
    assert colours <= OKABE_ITO


def test_figure_updates_in_place_and_hides_unused_rows():
    figure = PermissionScopeFigure("send-receipts")
    fig, used = figure.fig, list(figure.used)
    before = figure.png()
    figure.update("order-api")
    assert figure.fig is fig and list(figure.used) == used
    assert "order-api" in fig.get_suptitle()
    assert [bar.get_visible() for bar in figure.used] == [True] * 3 + [False] * 2
    assert figure.png() != before


def test_short_arn_elides_region_and_account():
    assert short_arn("arn:aws:sqs:eu-west-1:123456789012:receipts") == (
        "arn:aws:sqs:…:receipts")
    assert short_arn("arn:aws:iam::123456789012:role/x") == "arn:aws:iam::…:role/x"


# -- the widget --------------------------------------------------------------------

def test_explorer_carries_stable_css_classes():
    box = permission_explorer()
    assert {"cloudsec-widget", "cloudsec-permission-explorer"} <= set(
        box._dom_classes)
    explorer = PermissionExplorer()
    assert "cloudsec-function" in explorer.control._dom_classes
    assert "cloudsec-figure" in explorer.image._dom_classes
    assert "cloudsec-readout" in explorer.readout._dom_classes
    assert [value for _, value in explorer.control.options] == list(
        sl.sample_functions())


def test_readout_names_grants_use_and_excess():
    first = describe_permissions("resize-images").split("<br>")[0]
    assert first == ("resize-images is granted 3 actions on 3 resource "
                     "patterns; it used 2; excess: s3:* on arn:aws:s3:::*")
    assert "excess: none" in describe_permissions("send-receipts")


def test_explorer_redraws_when_the_function_changes():
    explorer = PermissionExplorer("resize-images")
    image, text = explorer.image.value, explorer.said
    explorer.control.value = "order-api"
    assert explorer.image.value != image and explorer.said != text
    assert "order-api is granted 3 actions on 1 resource pattern;" in (
        explorer.said)
    assert "table customers" not in explorer.said  # counts, not lists
    assert "reaches 1 action on 3 resources" in explorer.said
    explorer.control.value = "send-receipts"
    assert "Made by Lambda for the function" in explorer.said


def test_explorer_refuses_unknown_function():
    with pytest.raises(ValueError, match="unknown sample function"):
        PermissionExplorer("delete-everything")
