"""Every staff action in the UI is also an API operation: each staff URL whose view accepts POST
maps to an operation of the OpenAPI description, or names why it is UI-only.

A new staff form without an API twin (or an entry below) fails this test.
"""

import inspect
import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from sigap.api.router import api


@dataclass(frozen=True)
class UiOnly:
    """A staff POST that has no API twin on purpose."""

    reason: str


@dataclass(frozen=True)
class Pending:
    """An API twin not written yet: listed so the gap stays visible (issue #8)."""

    reason: str


SESSION = UiOnly("signs the browser session in or out; API callers use a bearer token")
TWO_FACTOR = UiOnly("binds a TOTP device to the browser session; bearer tokens are made after it")
# Apps allowed pending entries while their API is being written.
PENDING_APPS: set[str] = {"applications", "childcare"}

# UI URL name -> (method, API path) of the operation doing the same, or why there is none.
PARITY: dict[str, tuple[str, str] | UiOnly | Pending] = {
    "accounts:login": SESSION,
    "accounts:logout": SESSION,
    "accounts:2fa_setup": TWO_FACTOR,
    "accounts:2fa_verify": TWO_FACTOR,
    "accounts:profile": ("post", "/api/v1/me/tokens"),
    "documents:revoke": ("post", "/api/v1/documents/{document_id}/revoke"),
    "documents:agenda": ("post", "/api/v1/agenda"),
    "documents:agenda_settings": ("put", "/api/v1/agenda/settings"),
    "documents:template_edit": ("put", "/api/v1/document-templates/{code}"),
    "documents:template_reset": ("delete", "/api/v1/document-templates/{code}"),
    "notifications:retry": ("post", "/api/v1/notifications/{notification_id}/retry"),
    "applications:new_applicant": ("post", "/api/v1/requests"),
    "applications:intake": ("post", "/api/v1/requests/{code}/uploads"),
    "applications:intake_confirm": ("post", "/api/v1/requests/{code}/submit"),
    "applications:act": ("post", "/api/v1/requests/{code}/act"),
    "applications:assign": ("post", "/api/v1/requests/{code}/assign"),
    "applications:resubmit": ("post", "/api/v1/requests/{code}/resubmit"),
    "applications:cancel": ("post", "/api/v1/requests/{code}/cancel"),
    "applications:upload_add": ("post", "/api/v1/requests/{code}/uploads"),
    "logistics:event_new": ("post", "/api/v1/logistics/events"),
    "logistics:event_status": ("post", "/api/v1/logistics/events/{event_id}/statuses"),
    "logistics:posko_new": ("post", "/api/v1/logistics/events/{event_id}/posts"),
    "logistics:request_new": ("post", "/api/v1/logistics/requests"),
    # One page takes steps a-f; the API has one operation per step (receive ... handover).
    "logistics:request_step": ("post", "/api/v1/logistics/requests/{request_id}/receive"),
    "logistics:receipt_new": ("post", "/api/v1/logistics/receipts"),
    "logistics:transfer_new": ("post", "/api/v1/logistics/transfers"),
    "logistics:lot_adjust": ("post", "/api/v1/logistics/lots/{lot_id}/counts"),
    "childcare:register": ("post", "/api/v1/children/cases"),
    "childcare:assign": ("post", "/api/v1/children/cases/{case_id}/assign"),
    "childcare:consent": ("post", "/api/v1/children/cases/{case_id}/consent"),
    "childcare:assessment": ("post", "/api/v1/children/cases/{case_id}/assessment"),
    "childcare:health": ("post", "/api/v1/children/cases/{case_id}/health-certificate"),
    "childcare:placement": ("post", "/api/v1/children/cases/{case_id}/placement"),
    "childcare:care_plan": ("put", "/api/v1/children/cases/{case_id}/care-plan"),
    "childcare:review": ("post", "/api/v1/children/cases/{case_id}/reviews"),
    "childcare:note": ("post", "/api/v1/children/cases/{case_id}/notes"),
    "childcare:link_nik": ("post", "/api/v1/children/cases/{case_id}/nik"),
    "childcare:close": ("post", "/api/v1/children/cases/{case_id}/close"),
    "complaints:staff_record": ("post", "/api/v1/staff/complaints"),
    "complaints:staff_settings": ("put", "/api/v1/staff/complaint-settings"),
    "complaints:staff_verify": ("post", "/api/v1/staff/complaints/{code}/verify"),
    "complaints:staff_reject": ("post", "/api/v1/staff/complaints/{code}/reject"),
    "complaints:staff_dispose": ("post", "/api/v1/staff/complaints/{code}/dispose"),
    "complaints:staff_refer": ("post", "/api/v1/staff/complaints/{code}/refer"),
    "complaints:staff_respond": ("post", "/api/v1/staff/complaints/{code}/responses"),
    "complaints:staff_meeting": ("post", "/api/v1/staff/complaints/{code}/meetings"),
    "complaints:staff_complete": ("post", "/api/v1/staff/complaints/{code}/complete"),
    "complaints:staff_rate": ("post", "/api/v1/staff/complaints/{code}/rating"),
    "complaints:staff_reopen": ("post", "/api/v1/staff/complaints/{code}/reopen"),
    "surveys:staff_population": ("put", "/api/v1/skm/population"),
    "privacy:new": ("post", "/api/v1/privacy/requests"),
    "privacy:download": ("post", "/api/v1/privacy/requests/{request_id}/export"),
    "bpnt:ticket_new": ("post", "/api/v1/bpnt/tickets"),
    "bpnt:ticket_start": ("post", "/api/v1/bpnt/tickets/{ticket_id}/start"),
    "bpnt:ticket_resolve": ("post", "/api/v1/bpnt/tickets/{ticket_id}/resolve"),
    "bpnt:ticket_assign": ("post", "/api/v1/bpnt/tickets/{ticket_id}/assign"),
    "bpnt:area_list": ("post", "/api/v1/bpnt/companion-areas"),
    "bpnt:area_remove": ("delete", "/api/v1/bpnt/companion-areas/{area_id}"),
    "bpnt:stage_list": ("post", "/api/v1/bpnt/stages"),
    "bpnt:stage_detail": ("post", "/api/v1/bpnt/stages/{stage_id}/deliveries"),
    "bpnt:stage_notices": ("post", "/api/v1/bpnt/stages/{stage_id}/notices"),
    "bpnt:visit_list": ("post", "/api/v1/bpnt/visits"),
    "bpnt:visit_follow_up": ("post", "/api/v1/bpnt/visits/{visit_id}/follow-up"),
    "bpnt:session_list": ("post", "/api/v1/bpnt/sessions"),
    "bpnt:session_detail": ("post", "/api/v1/bpnt/sessions/{session_id}/attendance"),
    "registry:imports": ("post", "/api/v1/registry/imports"),
    "bpnt:letter_act": ("post", "/api/v1/bpnt/letters/{letter_id}/sign"),
    "applications:intake_upload_remove": Pending(
        "removing a kept upload from a counter draft: API callers upload again, no delete yet"
    ),
    "childcare:referral_send": Pending(
        "the regency's referral of a child to the province has no API operation yet"
    ),
    # The import page's POST maps the columns and starts the import.
    "registry:import_detail": ("post", "/api/v1/registry/imports/{import_id}/start"),
    "registry:import_action": ("post", "/api/v1/registry/imports/{import_id}/resume"),
    "registry:import_policy": ("put", "/api/v1/registry/import-policy"),
    "reports:pledge_edit": ("put", "/api/v1/pledge"),
}

# Further operations a single UI URL maps to (the logistics step page takes six steps).
ALSO = {
    "bpnt:letter_act": [
        ("post", "/api/v1/bpnt/letters/{letter_id}/initial"),
        ("post", "/api/v1/bpnt/letters/{letter_id}/return"),
    ],
    "registry:import_action": [
        ("post", "/api/v1/registry/imports/{import_id}/rollback"),
        ("post", "/api/v1/registry/imports/{import_id}/cancel"),
    ],
    "logistics:request_step": [
        ("post", "/api/v1/logistics/requests/{request_id}/disposition"),
        ("post", "/api/v1/logistics/requests/{request_id}/review"),
        ("post", "/api/v1/logistics/requests/{request_id}/decision"),
        ("post", "/api/v1/logistics/requests/{request_id}/dispatch"),
        ("post", "/api/v1/logistics/requests/{request_id}/handover"),
    ],
    "complaints:staff_settings": [
        ("post", "/api/v1/staff/complaint-settings/days-off"),
        ("delete", "/api/v1/staff/complaint-settings/days-off/{day_id}"),
    ],
}

# How a view says it takes POST: a decorator, a method test or reading the posted data.
POST_MARKERS = re.compile(r"require_POST|require_http_methods\([^)]*POST|\.method\b|request\.POST")


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern


def accepts_post(view) -> bool:
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return callable(getattr(view_class, "post", None))
    # getsource of the undecorated function includes its decorator lines.
    return bool(POST_MARKERS.search(inspect.getsource(inspect.unwrap(view))))


def staff_post_urls() -> set[str]:
    return {
        name
        for route, name, pattern in _walk(get_resolver().url_patterns)
        if route.startswith("staff/") and accepts_post(pattern.callback)
    }


def api_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(method, path) for path, ops in schema["paths"].items() for method in ops}


def test_the_post_detector_tells_forms_from_pages():
    urls = staff_post_urls()
    assert {"applications:act", "childcare:consent", "accounts:login"} <= urls
    assert not {"applications:queue", "core:home", "documents:download"} & urls


def test_every_staff_post_url_has_an_api_twin_or_a_reason():
    missing = sorted(staff_post_urls() - set(PARITY))
    assert not missing, f"staff POST URLs without an entry in {__name__}.PARITY: {missing}"


def test_every_parity_entry_names_a_staff_post_url():
    stale = sorted(set(PARITY) - staff_post_urls())
    assert not stale, f"entries for URLs that are gone or no longer take POST: {stale}"


def test_every_mapped_api_operation_exists():
    operations = api_operations()
    absent = [
        f"{name}: {method.upper()} {path}"
        for name, target in PARITY.items()
        if isinstance(target, tuple)
        for method, path in [target, *ALSO.get(name, [])]
        if (method, path) not in operations
    ]
    assert not absent, "mapped API operations missing from the OpenAPI description:\n" + (
        "\n".join(absent)
    )


def test_only_apps_whose_api_is_being_written_may_have_pending_entries():
    pending = {name.split(":")[0] for name, t in PARITY.items() if isinstance(t, Pending)}
    assert pending <= PENDING_APPS, f"pending entries outside {sorted(PENDING_APPS)}: {pending}"
