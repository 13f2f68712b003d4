"""Who may open what: one rule per staff URL and per staff API operation, checked for every role.

A staff URL or API operation without a rule here fails the build, so a new endpoint cannot arrive
without someone deciding who may use it. Rules were written from the views' `staff_required`
roles and the apps' navigation; object-level endpoints name the test module that covers them.
"""

import importlib.util
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sigap.accounts.roles import Role
from sigap.accounts.services import api_token_create
from sigap.api.router import api

ANY_STAFF = "any staff member of an office"
PUBLIC = "public (no login)"
LOGGED_IN = "any logged-in account (login steps)"


@dataclass(frozen=True)
class Covered:
    """Object-level or write endpoint: the role, other-office and anonymous cases live there."""

    module: str


def roles(*members: Role) -> frozenset[str]:
    return frozenset(members)


R = Role
INTAKE = roles(R.FRONT_OFFICE, R.CUSTOMER_SERVICE)
AGENDA = roles(
    R.HEAD_OF_OFFICE,
    R.HEAD_OF_DIVISION,
    R.SECTION_HEAD,
    R.FRONT_OFFICE,
    R.BACK_OFFICE,
    R.CUSTOMER_SERVICE,
    R.ADMINISTRATOR,
    R.AUDITOR,
)
TEMPLATE_EDITORS = roles(R.HEAD_OF_OFFICE, R.ADMINISTRATOR)
REGISTRY = roles(
    R.FRONT_OFFICE,
    R.BACK_OFFICE,
    R.VERIFIER,
    R.SOCIAL_WORKER,
    R.SOCIAL_COMPANION,
    R.HEAD_OF_DIVISION,
    R.HEAD_OF_OFFICE,
    R.SECTION_HEAD,
    R.SOCIAL_COUNSELLOR,
    R.CUSTOMER_SERVICE,
    R.COMPLAINTS_OFFICER,
    R.TKSK,
    R.AUDITOR,
)
REGISTRY_IMPORT = roles(R.BACK_OFFICE, R.VERIFIER, R.HEAD_OF_DIVISION)
LOGISTICS = roles(
    R.HEAD_OF_OFFICE,
    R.HEAD_OF_DIVISION,
    R.SECTION_HEAD,
    R.SOCIAL_COUNSELLOR,
    R.WAREHOUSE_OFFICER,
    R.SOCIAL_WORKER,
    R.VOLUNTEER,
    R.FRONT_OFFICE,
    R.TKSK,
    R.AUDITOR,
)
EVENT_EDIT = roles(R.HEAD_OF_OFFICE, R.HEAD_OF_DIVISION, R.SOCIAL_COUNSELLOR)
LOGISTICS_FILING = roles(
    R.FRONT_OFFICE,
    R.SOCIAL_WORKER,
    R.VOLUNTEER,
    R.SOCIAL_COUNSELLOR,
    R.HEAD_OF_OFFICE,
    R.HEAD_OF_DIVISION,
    R.TKSK,
)
STOCK_VIEW = roles(
    R.WAREHOUSE_OFFICER, R.HEAD_OF_OFFICE, R.HEAD_OF_DIVISION, R.SOCIAL_COUNSELLOR, R.AUDITOR
)
STOCK_WRITE = roles(R.WAREHOUSE_OFFICER)
# Referrals are registered at the province office (the matrix runs in Banten, a province).
CHILD_REGISTER = roles(R.FRONT_OFFICE, R.SOCIAL_WORKER, R.HEAD_OF_DIVISION)
CHILD_ACCESS_LOG = roles(R.HEAD_OF_OFFICE, R.AUDITOR)
BPNT = roles(R.SOCIAL_COMPANION, R.BACK_OFFICE, R.VERIFIER, R.HEAD_OF_DIVISION)
BPNT_AREAS = BPNT | roles(R.HEAD_OF_OFFICE)
COMPLAINTS_ACT = roles(R.COMPLAINTS_OFFICER, R.CUSTOMER_SERVICE)
COMPLAINTS_READ = COMPLAINTS_ACT | roles(R.HEAD_OF_OFFICE, R.HEAD_OF_DIVISION, R.AUDITOR)
COMPLAINTS_SETTINGS = roles(R.HEAD_OF_OFFICE, R.ADMINISTRATOR, R.COMPLAINTS_OFFICER)
SKM_READ = roles(
    R.HEAD_OF_OFFICE,
    R.HEAD_OF_DIVISION,
    R.SECTION_HEAD,
    R.COMPLAINTS_OFFICER,
    R.CUSTOMER_SERVICE,
    R.AUDITOR,
    R.ADMINISTRATOR,
)
SKM_MANAGE = roles(R.HEAD_OF_OFFICE, R.HEAD_OF_DIVISION, R.ADMINISTRATOR)
HEADS = roles(R.HEAD_OF_OFFICE, R.HEAD_OF_DIVISION)
# Data subject requests (sigap.privacy.access): record and export; read the register.
PRIVACY_EXPORT = roles(R.HEAD_OF_OFFICE, R.ADMINISTRATOR)
PRIVACY_REGISTER = PRIVACY_EXPORT | roles(R.AUDITOR)

ACCOUNTS = Covered("sigap.accounts.tests.test_login_security")
DOCUMENTS = Covered("sigap.documents.tests.test_download")
DOC_TEMPLATES = Covered("sigap.documents.tests.test_templates")
NOTIFICATIONS = Covered("sigap.notifications.tests.test_outbox_page")
REGISTRY_PAGES = Covered("sigap.registry.tests.test_pages_api")
REGISTRY_IMPORTS = Covered("sigap.registry.tests.test_import")
REGISTRY_IMPORT_API = Covered("sigap.registry.tests.test_import_api")
APPLICATIONS = Covered("sigap.applications.tests.test_views_staff")
APPLICATIONS_API = Covered("sigap.applications.tests.test_api")
LOGISTICS_VIEWS = Covered("sigap.logistics.tests.test_views")
LOGISTICS_API = Covered("sigap.logistics.tests.test_api")
CHILDCARE_PAGES = Covered("sigap.childcare.tests.test_pages")
CHILDCARE_API = Covered("sigap.childcare.tests.test_api")
BPNT_TICKETS = Covered("sigap.bpnt.tests.test_tickets")
BPNT_STAGES = Covered("sigap.bpnt.tests.test_stages")
BPNT_ELIGIBILITY = Covered("sigap.bpnt.tests.test_eligibility")
BPNT_MONITORING = Covered("sigap.bpnt.tests.test_monitoring")
BPNT_API = Covered("sigap.bpnt.tests.test_api")
BPNT_PROGRAMME_API = Covered("sigap.bpnt.tests.test_api_programme")
BPNT_COMPANIONS = Covered("sigap.bpnt.tests.test_companions")
COMPLAINTS = Covered("sigap.complaints.tests.test_permissions")
PRIVACY = Covered("sigap.privacy.tests.test_access")
DOCUMENTS_API = Covered("sigap.documents.tests.test_api_staff")
APPLICATIONS_API_MORE = Covered("sigap.applications.tests.test_api_cancel_and_intake")
LOGISTICS_API_STEPS = Covered("sigap.logistics.tests.test_api_steps")
CHILDCARE_API_STEPS = Covered("sigap.childcare.tests.test_api_steps")
COMPLAINTS_SETTINGS_API = Covered("sigap.complaints.tests.test_api_settings")
SKM_POPULATION_API = Covered("sigap.surveys.tests.test_api_population")
ACCOUNTS_API = Covered("sigap.accounts.tests.test_api")
NOTIFICATIONS_API = Covered("sigap.notifications.tests.test_api")

# Staff pages (URL name -> who may open it).
RULES: dict[str, object] = {
    "core:home": ANY_STAFF,
    "accounts:login": PUBLIC,
    "accounts:logout": ACCOUNTS,
    "accounts:2fa_setup": LOGGED_IN,
    "accounts:2fa_verify": LOGGED_IN,
    "accounts:profile": ANY_STAFF,
    "documents:detail": DOCUMENTS,
    "documents:download": DOCUMENTS,
    "documents:revoke": DOCUMENTS,
    "documents:agenda": AGENDA,
    "documents:agenda_export": AGENDA,
    "documents:agenda_settings": TEMPLATE_EDITORS,
    "documents:template_list": TEMPLATE_EDITORS,
    "documents:template_edit": DOC_TEMPLATES,
    "documents:template_reset": DOC_TEMPLATES,
    "notifications:outbox": roles(R.ADMINISTRATOR),
    "notifications:retry": NOTIFICATIONS,
    "registry:search": REGISTRY,
    "registry:person": REGISTRY_PAGES,
    "registry:imports": REGISTRY_IMPORT,
    "registry:import_detail": REGISTRY_IMPORTS,
    "registry:import_progress": REGISTRY_IMPORTS,
    "registry:import_action": REGISTRY_IMPORTS,
    "registry:import_rejects": REGISTRY_IMPORTS,
    "registry:import_policy": Covered("sigap.registry.tests.test_import_control"),
    "applications:new": INTAKE,
    "applications:nik_lookup": INTAKE,
    "applications:new_applicant": APPLICATIONS,
    "applications:intake": APPLICATIONS,
    "applications:intake_confirm": APPLICATIONS,
    # Every staff member has a work queue and a request list, scoped to their office and steps.
    "applications:queue": ANY_STAFF,
    "applications:list": ANY_STAFF,
    "applications:detail": APPLICATIONS,
    "applications:act": APPLICATIONS,
    "applications:assign": APPLICATIONS,
    "applications:resubmit": APPLICATIONS,
    "applications:cancel": APPLICATIONS,
    "applications:upload_add": APPLICATIONS,
    "applications:upload": APPLICATIONS,
    "applications:receipt": APPLICATIONS,
    "applications:draft": APPLICATIONS,
    "logistics:dashboard": LOGISTICS,
    "logistics:event_list": LOGISTICS,
    "logistics:event_new": EVENT_EDIT,
    "logistics:event_detail": LOGISTICS_VIEWS,
    "logistics:event_status": LOGISTICS_VIEWS,
    "logistics:posko_new": LOGISTICS_VIEWS,
    "logistics:request_list": LOGISTICS,
    "logistics:request_new": LOGISTICS_FILING,
    "logistics:request_detail": LOGISTICS_VIEWS,
    "logistics:request_step": LOGISTICS_VIEWS,
    "logistics:request_bast": LOGISTICS_VIEWS,
    "logistics:request_file": LOGISTICS_VIEWS,
    "logistics:stock": STOCK_VIEW,
    "logistics:receipt_new": STOCK_WRITE,
    "logistics:transfer_new": STOCK_WRITE,
    "logistics:lot_adjust": LOGISTICS_VIEWS,
    "logistics:movements": STOCK_VIEW,
    "logistics:distribution": STOCK_VIEW,
    "logistics:alerts": STOCK_VIEW,
    # The case list and its export show only the cases the user may open (assigned or
    # supervised), identities masked; so every staff member may open them (empty for most).
    "childcare:list": ANY_STAFF,
    "childcare:export": ANY_STAFF,
    "childcare:register": CHILD_REGISTER,
    "childcare:access_log": CHILD_ACCESS_LOG,
    # Centres and their occupancy: no personal data.
    "childcare:centres": ANY_STAFF,
    "childcare:detail": CHILDCARE_PAGES,
    "childcare:assign": CHILDCARE_PAGES,
    "childcare:consent": CHILDCARE_PAGES,
    "childcare:assessment": CHILDCARE_PAGES,
    "childcare:health": CHILDCARE_PAGES,
    "childcare:placement": CHILDCARE_PAGES,
    "childcare:care_plan": CHILDCARE_PAGES,
    "childcare:review": CHILDCARE_PAGES,
    "childcare:note": CHILDCARE_PAGES,
    "childcare:link_nik": CHILDCARE_PAGES,
    "childcare:close": CHILDCARE_PAGES,
    "childcare:document": CHILDCARE_PAGES,
    "childcare:issued": CHILDCARE_PAGES,
    "bpnt:person": BPNT_ELIGIBILITY,
    "bpnt:ticket_list": BPNT,
    "bpnt:ticket_new": BPNT,
    "bpnt:ticket_detail": BPNT_TICKETS,
    "bpnt:ticket_start": BPNT_TICKETS,
    "bpnt:ticket_resolve": BPNT_TICKETS,
    "bpnt:ticket_letter": BPNT_TICKETS,
    "bpnt:ticket_assign": BPNT_COMPANIONS,
    "bpnt:area_list": BPNT_AREAS,
    "bpnt:area_remove": BPNT_COMPANIONS,
    "bpnt:stage_list": BPNT,
    "bpnt:stage_detail": BPNT_STAGES,
    "bpnt:stage_beneficiaries": BPNT_STAGES,
    "bpnt:stage_notices": BPNT_STAGES,
    "bpnt:stage_notice_pdf": BPNT_STAGES,
    "bpnt:visit_list": BPNT,
    "bpnt:visit_follow_up": BPNT_MONITORING,
    "bpnt:session_list": BPNT,
    "bpnt:session_detail": BPNT_MONITORING,
    "complaints:staff_list": COMPLAINTS_READ,
    "complaints:staff_record": COMPLAINTS_ACT,
    "complaints:staff_settings": COMPLAINTS_SETTINGS,
    "complaints:staff_lapor_export": COMPLAINTS,
    "complaints:staff_detail": COMPLAINTS,
    "complaints:staff_verify": COMPLAINTS,
    "complaints:staff_reject": COMPLAINTS,
    "complaints:staff_dispose": COMPLAINTS,
    "complaints:staff_refer": COMPLAINTS,
    "complaints:staff_respond": COMPLAINTS,
    "complaints:staff_meeting": COMPLAINTS,
    "complaints:staff_complete": COMPLAINTS,
    "complaints:staff_rate": COMPLAINTS,
    "complaints:staff_reopen": COMPLAINTS,
    "surveys:staff_report": SKM_READ,
    "surveys:staff_report_pdf": SKM_READ,
    "surveys:staff_answers_xlsx": SKM_READ,
    "surveys:staff_population": SKM_MANAGE,
    "reports:pledge_edit": roles(R.HEAD_OF_OFFICE),
    "reports:dashboard": HEADS,
    "privacy:register": PRIVACY_REGISTER,
    "privacy:new": PRIVACY_EXPORT,
    "privacy:detail": PRIVACY,
    "privacy:download": PRIVACY,
}

# API operations (operation id without the "sigap_" prefix -> who may call it).
API_RULES: dict[str, object] = {
    "regions_api_regions_list": PUBLIC,
    "regions_api_region_detail": PUBLIC,
    "standards_api_list_services": PUBLIC,
    "standards_api_get_service": PUBLIC,
    "documents_api_verify_document": PUBLIC,
    "documents_api_verify_document_file": PUBLIC,
    "documents_api_document_revoke": DOCUMENTS_API,
    "documents_api_agenda_list": AGENDA,
    "documents_api_agenda_register": DOCUMENTS_API,
    "documents_api_agenda_settings_update": DOCUMENTS_API,
    "documents_api_template_detail": DOCUMENTS_API,
    "documents_api_template_save": DOCUMENTS_API,
    "documents_api_template_reset": DOCUMENTS_API,
    "applications_api_track": PUBLIC,
    "complaints_api_complaint_public": PUBLIC,
    "surveys_api_skm_ikm": PUBLIC,
    "reports_api_report_card": PUBLIC,
    "reports_api_pledge_detail": PUBLIC,
    "reports_api_pledge_save": Covered("sigap.reports.tests.test_pledge"),
    "registry_api_persons_search": REGISTRY,
    "registry_api_person_detail": REGISTRY_PAGES,
    "registry_api_import_list": REGISTRY_IMPORT,
    "registry_api_import_upload": REGISTRY_IMPORT_API,
    "registry_api_import_status": REGISTRY_IMPORT_API,
    "registry_api_import_preview": REGISTRY_IMPORT_API,
    "registry_api_import_start": REGISTRY_IMPORT_API,
    "registry_api_import_resume": REGISTRY_IMPORT_API,
    "registry_api_import_rollback": REGISTRY_IMPORT_API,
    "registry_api_import_rejects": REGISTRY_IMPORT_API,
    "registry_api_import_cancel": Covered("sigap.registry.tests.test_import_control"),
    "registry_api_import_policy_put": Covered("sigap.registry.tests.test_import_control"),
    "applications_api_request_create": APPLICATIONS_API,
    "applications_api_request_list": ANY_STAFF,
    "applications_api_upload_create": APPLICATIONS_API,
    "applications_api_request_submit": APPLICATIONS_API,
    "applications_api_request_act": APPLICATIONS_API,
    "applications_api_request_checks": APPLICATIONS_API,
    "applications_api_request_resubmit": APPLICATIONS_API,
    "applications_api_request_assign": APPLICATIONS_API,
    "applications_api_request_cancel": APPLICATIONS_API_MORE,
    "applications_api_queue": ANY_STAFF,
    "applications_api_request_detail": APPLICATIONS_API,
    "applications_api_request_documents": APPLICATIONS_API,
    "logistics_api_stock": STOCK_VIEW,
    "logistics_api_receipt_create": LOGISTICS_API,
    "logistics_api_event_list": LOGISTICS,
    "logistics_api_event_new": LOGISTICS_API,
    "logistics_api_event_status": LOGISTICS_API,
    "logistics_api_posko_list": LOGISTICS_API,
    "logistics_api_posko_new": LOGISTICS_API,
    "logistics_api_request_list": LOGISTICS,
    "logistics_api_dispatch": LOGISTICS_API,
    "logistics_api_handover": LOGISTICS_API,
    "logistics_api_request_new": LOGISTICS_API_STEPS,
    "logistics_api_receive": LOGISTICS_API_STEPS,
    "logistics_api_disposition": LOGISTICS_API_STEPS,
    "logistics_api_review": LOGISTICS_API_STEPS,
    "logistics_api_decision": LOGISTICS_API_STEPS,
    "logistics_api_transfer_create": LOGISTICS_API_STEPS,
    "logistics_api_lot_list": STOCK_VIEW,
    "logistics_api_lot_count": LOGISTICS_API_STEPS,
    "logistics_api_item_list": LOGISTICS,
    "logistics_api_warehouse_list": LOGISTICS,
    "childcare_api_case_list": ANY_STAFF,
    "childcare_api_case_register": CHILDCARE_API,
    "childcare_api_counts": ANY_STAFF,
    "childcare_api_centres": ANY_STAFF,
    "childcare_api_case_detail": CHILDCARE_API,
    "childcare_api_case_assign": CHILDCARE_API,
    "childcare_api_review_create": CHILDCARE_API,
    "childcare_api_note_create": CHILDCARE_API,
    "childcare_api_link_nik": CHILDCARE_API,
    "childcare_api_consent": CHILDCARE_API_STEPS,
    "childcare_api_assessment": CHILDCARE_API_STEPS,
    "childcare_api_health_certificate": CHILDCARE_API_STEPS,
    "childcare_api_placement": CHILDCARE_API_STEPS,
    "childcare_api_care_plan": CHILDCARE_API_STEPS,
    "childcare_api_close": CHILDCARE_API_STEPS,
    "childcare_api_access_log": CHILD_ACCESS_LOG,
    "bpnt_api_ticket_list": BPNT,
    "bpnt_api_ticket_new": BPNT_API,
    "bpnt_api_open_by_district": BPNT,
    "bpnt_api_ticket_detail": BPNT_API,
    "bpnt_api_ticket_start": BPNT_API,
    "bpnt_api_ticket_resolve": BPNT_API,
    "bpnt_api_ticket_assign": BPNT_COMPANIONS,
    "bpnt_api_programme_person_eligibility": BPNT_PROGRAMME_API,
    "bpnt_api_programme_stage_list": BPNT,
    "bpnt_api_programme_stage_new": BPNT_PROGRAMME_API,
    "bpnt_api_programme_stage_detail": BPNT_PROGRAMME_API,
    "bpnt_api_programme_stage_beneficiaries": BPNT_PROGRAMME_API,
    "bpnt_api_programme_stage_notices": BPNT_PROGRAMME_API,
    "bpnt_api_programme_stage_notice_pdf": BPNT_PROGRAMME_API,
    "bpnt_api_programme_stage_deliveries": BPNT_PROGRAMME_API,
    "bpnt_api_programme_ticket_letter": BPNT_PROGRAMME_API,
    "bpnt_api_programme_visit_list": BPNT,
    "bpnt_api_programme_visit_new": BPNT_PROGRAMME_API,
    "bpnt_api_programme_visit_follow_up": BPNT_PROGRAMME_API,
    "bpnt_api_programme_session_list": BPNT,
    "bpnt_api_programme_session_new": BPNT_PROGRAMME_API,
    "bpnt_api_programme_session_detail": BPNT_PROGRAMME_API,
    "bpnt_api_programme_session_attendance": BPNT_PROGRAMME_API,
    "bpnt_api_programme_area_list": BPNT_AREAS,
    "bpnt_api_programme_area_new": BPNT_COMPANIONS,
    "bpnt_api_programme_area_delete": BPNT_COMPANIONS,
    "complaints_api_staff_complaint_list": COMPLAINTS_READ,
    "complaints_api_staff_complaint_create": COMPLAINTS,
    "complaints_api_staff_complaint_detail": COMPLAINTS,
    "complaints_api_staff_verify": COMPLAINTS,
    "complaints_api_staff_reject": COMPLAINTS,
    "complaints_api_staff_dispose": COMPLAINTS,
    "complaints_api_staff_refer": COMPLAINTS,
    "complaints_api_staff_respond": COMPLAINTS,
    "complaints_api_staff_meeting": COMPLAINTS,
    "complaints_api_staff_complete": COMPLAINTS,
    "complaints_api_staff_rate": COMPLAINTS,
    "complaints_api_staff_reopen": COMPLAINTS,
    "complaints_api_settings_detail": COMPLAINTS_SETTINGS,
    "complaints_api_settings_update": COMPLAINTS_SETTINGS_API,
    "complaints_api_day_off_add": COMPLAINTS_SETTINGS_API,
    "complaints_api_day_off_remove": COMPLAINTS_SETTINGS_API,
    "surveys_api_population_set": SKM_POPULATION_API,
    "accounts_api_me": ANY_STAFF,
    "accounts_api_token_list": ANY_STAFF,
    "accounts_api_token_create": ACCOUNTS_API,
    "accounts_api_token_revoke": ACCOUNTS_API,
    "notifications_api_notification_list": roles(R.ADMINISTRATOR),
    "notifications_api_notification_retry": NOTIFICATIONS_API,
    "privacy_api_subject_request_list": PRIVACY_REGISTER,
    "privacy_api_subject_request_create": PRIVACY,
    "privacy_api_subject_request_detail": PRIVACY,
    "privacy_api_subject_request_export": PRIVACY,
}

# Where the code disagrees with the rule above: {(name, role): why}. Kept strict: a fixed
# deviation must be removed from here, or the test fails.
KNOWN_DEVIATIONS: dict[tuple[str, str], str] = {}

OFFICE = "banten"  # a province: the only level where every page (child referrals too) applies


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern


def staff_urls() -> dict[str, URLPattern]:
    return {
        name: pattern
        for route, name, pattern in _walk(get_resolver().url_patterns)
        if route.startswith("staff/")
    }


def api_operations() -> dict[str, dict]:
    schema = api.get_openapi_schema()
    return {
        operation["operationId"].removeprefix("sigap_"): {
            "path": path,
            "method": method,
            **operation,
        }
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


def test_every_staff_url_has_a_rule():
    urls = staff_urls()
    missing = sorted(name for name in urls if name not in RULES)
    unnamed = sorted(name for name in urls if name.endswith(":") or not name)
    assert not missing, f"staff URLs without a rule in {__name__}.RULES: {missing}"
    assert not unnamed, f"staff URLs without a name cannot have a rule: {unnamed}"


def test_every_rule_names_an_existing_staff_url():
    stale = sorted(set(RULES) - set(staff_urls()))
    assert not stale, f"rules for URLs that no longer exist: {stale}"


def test_every_api_operation_has_a_rule_matching_its_authentication():
    operations = api_operations()
    missing = sorted(op for op in operations if op not in API_RULES)
    assert not missing, f"API operations without a rule in {__name__}.API_RULES: {missing}"
    stale = sorted(set(API_RULES) - set(operations))
    assert not stale, f"rules for API operations that no longer exist: {stale}"
    wrong = sorted(
        op
        for op, spec in operations.items()
        if (API_RULES[op] == PUBLIC) == bool(spec.get("security"))
    )
    assert not wrong, f"public by rule but authenticated in code, or the reverse: {wrong}"


def test_every_covering_test_module_exists():
    modules = {
        rule.module for rule in [*RULES.values(), *API_RULES.values()] if isinstance(rule, Covered)
    }
    absent = sorted(m for m in modules if importlib.util.find_spec(m) is None)
    assert not absent, f"rules point at test modules that do not exist: {absent}"


def _role_rule(rule) -> frozenset[str] | None:
    if rule == ANY_STAFF:
        return frozenset(Role.values)
    if isinstance(rule, frozenset):
        return rule
    return None


def _parameterless_get_pages() -> list[tuple[str, str]]:
    result = []
    for name, pattern in staff_urls().items():
        if pattern.pattern.converters or isinstance(RULES.get(name), Covered):
            continue
        if _role_rule(RULES.get(name)) is not None:
            result.append((name, reverse(name)))
    return sorted(result)


def _check(deviations: list[str], seen: set, key: tuple[str, str], ok: bool, what: str) -> None:
    if key in KNOWN_DEVIATIONS:
        seen.add(key)
        if ok:
            deviations.append(f"{key} is listed as a known deviation but now behaves: remove it")
        return
    if not ok:
        deviations.append(what)


def test_every_role_opens_exactly_the_staff_pages_its_rule_allows(cast, client):
    pages = _parameterless_get_pages()
    login_url = (
        settings.LOGIN_URL if settings.LOGIN_URL.startswith("/") else reverse(settings.LOGIN_URL)
    )
    problems: list[str] = []
    seen: set = set()
    for name, url in pages:
        response = client.get(url)
        if not (response.status_code == 302 and response["Location"].startswith(login_url)):
            problems.append(
                f"anonymous GET {url} ({name}): {response.status_code}, not a login redirect"
            )
    for role in Role.values:
        staff = cast.client_for(cast.user(OFFICE, role))
        for name, url in pages:
            allowed = role in _role_rule(RULES[name])
            status = staff.get(url).status_code
            assert status < 500, f"{role} GET {url} ({name}) answered {status}"
            if allowed:
                ok = status not in (401, 403, 404) and not (
                    status == 302 and staff.get(url)["Location"].startswith(login_url)
                )
            else:
                ok = status in (403, 404)
            expected = "allowed" if allowed else "403/404"
            what = f"{role} GET {url} ({name}): {status}, expected {expected}"
            _check(problems, seen, (name, role), ok, what)
    problems += [
        f"{key} listed as deviation but not a checked page"
        for key in KNOWN_DEVIATIONS
        if key[0] in RULES and key not in seen
    ]
    assert not problems, "\n".join(problems)


def _parameterless_get_operations() -> list[tuple[str, str]]:
    result = []
    for op, spec in api_operations().items():
        if spec["method"] != "get" or "{" in spec["path"]:
            continue
        if _role_rule(API_RULES.get(op)) is not None:
            result.append((op, spec["path"]))
    return sorted(result)


def test_every_staff_api_operation_refuses_an_anonymous_caller(client):
    problems = []
    for op, spec in api_operations().items():
        if API_RULES.get(op) == PUBLIC:
            continue
        path = spec["path"].replace("{", "").replace("}", "")  # any value: auth comes first
        response = getattr(client, spec["method"])(path)
        if response.status_code != 401:
            problems.append(
                f"anonymous {spec['method'].upper()} {path} ({op}): {response.status_code}"
            )
    assert not problems, "\n".join(problems)


def test_every_role_calls_exactly_the_staff_api_operations_its_rule_allows(cast, client):
    operations = _parameterless_get_operations()
    problems: list[str] = []
    seen: set = set()
    for role in Role.values:
        _, raw = api_token_create(user=cast.user(OFFICE, role), name="matrix")
        headers = {"Authorization": f"Bearer {raw}"}
        for op, path in operations:
            allowed = role in _role_rule(API_RULES[op])
            status = client.get(path, headers=headers).status_code
            assert status < 500, f"{role} GET {path} ({op}) answered {status}"
            ok = status == 200 if allowed else status in (403, 404)
            _check(
                problems,
                seen,
                (op, role),
                ok,
                f"{role} GET {path} ({op}): {status}, expected {'200' if allowed else '403/404'}",
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["core:home", "applications:queue"])
def test_a_staff_page_refuses_an_account_without_an_office(name, django_user_model, client):
    """A login that belongs to no office (not staff) is refused, whatever the page."""
    user = django_user_model.objects.create_user(username="no-office", password="x-test-1")
    client.force_login(user)
    assert client.get(reverse(name)).status_code == 403
