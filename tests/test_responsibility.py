"""The responsibility data, checked against the sourced facts (facts.md §5)."""

import pytest

from cloudsec import responsibility as rm


def test_models_and_layers_are_in_teaching_order():
    assert rm.models() == ("on-prem", "iaas", "paas", "faas", "saas")
    assert rm.layers()[0] == "data"
    assert rm.layers()[-1] == "datacenter"
    assert len(rm.layers()) == len(set(rm.layers())) == 13


@pytest.mark.parametrize("layer", rm.layers())
def test_on_premises_customer_owns_every_layer(layer):
    assert rm.owner("on-prem", layer) == "customer"


# Microsoft's diagram (shared-responsibility.svg on learn.microsoft.com,
# azure/security/fundamentals/shared-responsibility, read 2026-12-04), as
# recorded in facts.md section 5, row by row; the Azure view follows it.
AZURE_DIAGRAM = {
    # layer: (on-prem, IaaS, PaaS, SaaS)
    "data": ("customer",) * 4,                       # information and data
    "devices": ("customer",) * 4,                    # devices (mobile and PCs)
    "identities": ("customer",) * 4,                 # accounts and identities
    "identity-infrastructure": ("customer", "customer", "shared", "shared"),
    "application": ("customer", "customer", "shared", "provider"),
    "network-controls": ("customer", "customer", "shared", "provider"),
    "guest-os": ("customer", "customer", "provider", "provider"),
    "hosts": ("customer", "provider", "provider", "provider"),
    "physical-network": ("customer", "provider", "provider", "provider"),
    "datacenter": ("customer", "provider", "provider", "provider"),
}

# The same page's text "Responsibility matrix" (added January 2026): it adds
# configurations and settings, has no identity and directory infrastructure
# row, and marks client devices and applications as shared in SaaS.
AZURE_TEXT = {
    "data": ("customer",) * 4,
    "configuration": ("customer",) * 4,
    "identities": ("customer",) * 4,
    "devices": ("customer", "customer", "customer", "shared"),
    "application": ("customer", "customer", "shared", "shared"),
    "network-controls": ("customer", "customer", "shared", "provider"),
    "guest-os": ("customer", "customer", "provider", "provider"),
    "hosts": ("customer", "provider", "provider", "provider"),
    "physical-network": ("customer", "provider", "provider", "provider"),
    "datacenter": ("customer", "provider", "provider", "provider"),
}
COLUMNS = ("on-prem", "iaas", "paas", "saas")


@pytest.mark.parametrize("layer", sorted(AZURE_DIAGRAM))
def test_azure_view_matches_microsofts_diagram_cell_by_cell(layer):
    got = tuple(rm.owner(m, layer, "azure") for m in COLUMNS)
    assert got == AZURE_DIAGRAM[layer]


@pytest.mark.parametrize("layer", rm.layers())
def test_azure_text_matrix_is_recorded_cell_by_cell(layer):
    got = tuple(rm.azure_text_matrix(m, layer) for m in COLUMNS)
    assert got == AZURE_TEXT.get(layer, (None,) * 4)
    assert rm.azure_text_matrix("faas", layer) is None  # no FaaS column


def test_diagram_and_text_matrix_differences_are_listed_exactly():
    diffs = {(d["model"], d["layer"]): (d["diagram"], d["text"])
             for d in rm.azure_artefact_differences()}
    expected = {("saas", "devices"): ("customer", "shared"),
                ("saas", "application"): ("provider", "shared")}
    for m in COLUMNS:
        expected[(m, "identity-infrastructure")] = (
            AZURE_DIAGRAM["identity-infrastructure"][COLUMNS.index(m)], None)
        expected[(m, "configuration")] = (None, "customer")
    assert diffs == expected


def test_identity_infrastructure_is_a_layer_owned_as_in_the_diagram():
    assert "identity-infrastructure" in rm.layers()
    assert rm.layer_label("identity-infrastructure") == (
        "Identity and directory infrastructure")
    # customer in IaaS (its own directory on VMs), shared from PaaS on
    assert rm.owner("iaas", "identity-infrastructure") == "customer"
    for model in ("paas", "faas", "saas"):
        assert rm.owner(model, "identity-infrastructure") == "shared"
    assert "no customer" not in (rm.__doc__ or "").lower()


def test_paas_runtime_is_shared_because_of_platform_updates():
    cell = rm.cell("paas", "runtime")
    assert cell.owner == "shared"
    assert "Elastic Beanstalk" in cell.reason and "retired" in cell.reason
    assert "platforms-shared-responsibility" in cell.source
    for provider in rm.providers():
        assert rm.owner("paas", "runtime", provider) == "shared"


@pytest.mark.parametrize("provider", [None, "aws", "azure"])
def test_every_view_has_an_exact_page_and_a_last_checked_date(provider):
    src = rm.view_source(provider)
    assert src.url.startswith("https://") and src.url.count("/") >= 3
    assert src.checked == "2026-12-04"
    assert src.title and src.note
    note = rm.view_note(provider)
    assert src.url in note and "last checked 2026-12-04" in note


def test_azure_view_reads_microsofts_page_and_aws_view_the_aws_page():
    assert rm.view_source("azure").url == (
        "https://learn.microsoft.com/en-us/azure/security/fundamentals/"
        "shared-responsibility")
    assert "diagram" in rm.view_source("azure").title
    assert rm.view_source("aws").url == (
        "https://aws.amazon.com/compliance/shared-responsibility-model/")


def test_every_cell_source_names_an_exact_page():
    for provider in (None, *rm.providers()):
        for model in rm.models():
            for layer in rm.layers():
                source = rm.cell(model, layer, provider).source
                assert "https://" in source, (provider, model, layer)


def test_aws_container_services_grouping_is_cited_to_the_2016_whitepaper():
    source = rm.cell("paas", "network-controls", "aws").source
    assert "2016" in source and "Best Practices" in source


@pytest.mark.parametrize("provider", [None, "aws", "azure"])
@pytest.mark.parametrize("layer", ["data", "identities", "configuration"])
def test_saas_customer_still_owns_data_identities_configuration(provider, layer):
    """The misconception 'in SaaS the customer owns nothing' must be false."""
    assert rm.owner("saas", layer, provider) == "customer"


@pytest.mark.parametrize("provider", [None, "aws", "azure"])
def test_iaas_customer_owns_and_patches_the_guest_os(provider):
    cell = rm.cell("iaas", "guest-os", provider)
    assert cell.owner == "customer"
    assert "patch" in cell.reason


def test_aws_keeps_security_groups_with_the_customer_in_container_services():
    # AWS: RDS security-group configuration stays with the customer.
    assert rm.owner("paas", "network-controls", "aws") == "customer"
    assert rm.owner("paas", "network-controls") == "shared"


def test_faas_customer_owns_code_configuration_role_and_part_of_runtime():
    for layer in ("application", "configuration", "identities", "data"):
        assert rm.owner("faas", layer) == "customer"
    assert rm.owner("faas", "runtime") == "shared"
    assert "runtime-management-shared" in rm.cell("faas", "runtime").source
    assert rm.owner("faas", "guest-os") == "provider"


@pytest.mark.parametrize("model", ["iaas", "paas", "faas", "saas"])
@pytest.mark.parametrize("layer", ["virtualization", "hosts", "physical-network",
                                   "datacenter"])
def test_provider_owns_security_of_the_cloud(model, layer):
    for provider in (None, *rm.providers()):
        assert rm.owner(model, layer, provider) == "provider"


def test_customer_responsibility_never_grows_from_iaas_to_saas():
    rank = {"customer": 2, "shared": 1, "provider": 0}
    for layer in rm.layers():
        shares = [rank[rm.owner(m, layer)] for m in ("on-prem", "iaas", "paas",
                                                     "saas")]
        assert shares == sorted(shares, reverse=True), layer


def test_every_cell_has_an_owner_a_reason_and_a_source():
    for provider in (None, *rm.providers()):
        for model in rm.models():
            for layer in rm.layers():
                cell = rm.cell(model, layer, provider)
                assert cell.owner in rm.OWNERS
                assert len(cell.reason) > 20 and "\n" not in cell.reason
                assert cell.source


def test_provider_differences_are_listed_with_reasons():
    diffs = rm.provider_differences("azure")
    cells = {(d["model"], d["layer"]) for d in diffs}
    assert cells == {("paas", "application"), ("faas", "application")}
    assert all(d["course"] != d["provider"] and d["reason"] for d in diffs)
    assert rm.provider_differences("aws") == [
        {"model": "paas", "layer": "network-controls", "course": "shared",
         "provider": "customer",
         "reason": rm.cell("paas", "network-controls", "aws").reason}]


def test_change_reports_what_the_customer_gave_up_and_took_on():
    delta = rm.change("iaas", "paas")
    assert "guest-os" in delta["gave_up"] and "runtime" in delta["gave_up"]
    assert "identity-infrastructure" in delta["gave_up"]  # customer -> shared
    assert "network-controls" in delta["gave_up"]  # customer -> shared
    assert delta["gained"] == []
    back = rm.change("saas", "iaas")
    assert back["gained"] == ["identity-infrastructure", "application",
                              "network-controls", "runtime", "guest-os"]
    # PaaS to FaaS: the runtime is shared in both, nothing changes hands
    assert rm.change("paas", "faas")["gave_up"] == []
    assert rm.change("paas", "faas")["gained"] == []
    assert set(delta["gave_up"]) | set(delta["gained"]) | set(
        delta["unchanged"]) == set(rm.layers())


@pytest.mark.parametrize("spelling", ["IaaS", "iaas", " IAAS ",
                                      "Infrastructure as a Service"])
def test_model_spellings_are_accepted(spelling):
    assert rm.normalize_model(spelling) == "iaas"


def test_labels_are_accepted_for_layers_and_providers():
    assert rm.normalize_layer("Guest operating system") == "guest-os"
    assert rm.owner("SaaS", "Data", "Microsoft") == "customer"
    assert rm.provider_label(None) == "Course view"


@pytest.mark.parametrize("call, message", [
    (lambda: rm.owner("caas", "data"), "unknown service model 'caas'"),
    (lambda: rm.owner("iaas", "kernel"), "unknown layer 'kernel'"),
    (lambda: rm.owner("iaas", "data", "gcp-ish"), "unknown provider"),
    (lambda: rm.provider_differences(None), "needs a provider"),
])
def test_bad_input_gets_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_non_string_model_is_a_type_error():
    with pytest.raises(TypeError, match="must be a string"):
        rm.owner(3, "data")
