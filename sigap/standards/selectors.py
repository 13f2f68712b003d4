"""Reads of the standards app: the revision in force, the public catalogue, the 14 components."""

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import Office
from sigap.accounts.roles import Role
from sigap.core.formatting import format_nip
from sigap.standards.models import (
    COMPONENT_KEYS,
    TEXT_COMPONENT_KEYS,
    ChannelKind,
    ServiceStandard,
    StepAction,
)

# The headings of the familiar two-part table, in COMPONENT_KEYS order.
COMPONENT_LABELS = {
    "requirements": _("Requirements"),
    "procedure": _("System, mechanism and procedure"),
    "time_limit": _("Time limit"),
    "fee": _("Fee"),
    "products": _("Service products"),
    "complaints": _("Complaints, suggestions and input"),
    "legal_basis": _("Legal basis"),
    "facilities": _("Facilities and infrastructure"),
    "competence": _("Competence of staff"),
    "oversight": _("Internal oversight"),
    "staff_count": _("Number of staff"),
    "service_guarantee": _("Service guarantee"),
    "security_guarantee": _("Security and safety guarantee"),
    "performance_evaluation": _("Performance evaluation of staff"),
}
# Part A (service delivery) and part B (internal management, "manufacturing").
DELIVERY_KEYS = COMPONENT_KEYS[:6]
MANAGEMENT_KEYS = COMPONENT_KEYS[6:]


def _in_force_filter(on: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_published": True}) & (
        Q(**{f"{prefix}effective_date__isnull": True}) | Q(**{f"{prefix}effective_date__lte": on})
    )


def _with_rows(queryset: QuerySet[ServiceStandard]) -> QuerySet[ServiceStandard]:
    return queryset.select_related("office", "unit").prefetch_related(
        "requirements", "steps", "products"
    )


def standard_in_force(*, code: str, on: date | None = None) -> ServiceStandard:
    """The newest published revision of service `code` effective on `on` (today); else Http404."""
    on = on or timezone.localdate()
    standard = (
        _with_rows(ServiceStandard.objects.filter(_in_force_filter(on), code=code))
        .order_by("-revision")
        .first()
    )
    if standard is None:
        raise Http404(f"No service standard {code!r} in force on {on:%Y-%m-%d}")
    return standard


def standards_public(
    office: Office | str | None = None, *, on: date | None = None
) -> QuerySet[ServiceStandard]:
    """The revision in force of every published service (of one office, by object or code)."""
    on = on or timezone.localdate()
    newer = ServiceStandard.objects.filter(
        _in_force_filter(on), code=OuterRef("code"), revision__gt=OuterRef("revision")
    )
    queryset = ServiceStandard.objects.filter(_in_force_filter(on)).exclude(Exists(newer))
    if isinstance(office, Office):
        queryset = queryset.filter(office=office)
    elif office:
        queryset = queryset.filter(office__code=office)
    return queryset.select_related("office", "unit").order_by("office__name", "name")


def standard_revisions(*, code: str) -> QuerySet[ServiceStandard]:
    """Every stored revision of service `code`, newest first (published or not)."""
    return ServiceStandard.objects.filter(code=code).select_related("office").order_by("-revision")


def _channel_text(channel: dict[str, Any]) -> str:
    text = channel["label"]
    if channel.get("detail"):
        text += f": {channel['detail']}"
    officer = channel.get("officer")
    if officer:
        parts = [officer["name"]]
        if officer.get("nip"):
            parts.append(f"NIP {format_nip(officer['nip'])}")
        if officer.get("title"):
            parts.append(officer["title"])
        text += ": " + ", ".join(parts)
    return text


def _channel_href(kind: str, detail: str) -> str:
    """A link for the channels one can follow from a page (web, e-mail, phone); else ""."""
    if not detail:
        return ""
    if kind in {ChannelKind.WEBSITE, ChannelKind.LAPOR}:
        return detail if detail.startswith(("http://", "https://")) else f"https://{detail}"
    if kind == ChannelKind.EMAIL:
        return f"mailto:{detail}"
    if kind in {ChannelKind.PHONE, ChannelKind.SMS_WHATSAPP}:
        digits = "".join(c for c in detail if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""
    return ""


def _complaints(standard: ServiceStandard) -> dict[str, Any]:
    stored = standard.components.get("complaints", {})
    channels = [
        {
            "kind": c["kind"],
            "kind_label": str(ChannelKind(c["kind"]).label),
            "label": c["label"],
            "detail": c.get("detail", ""),
            "href": _channel_href(c["kind"], c.get("detail", "")),
            "officer": c.get("officer"),
        }
        for c in stored.get("channels", [])
    ]
    nodes = (standard.extra or {}).get("complaint_flow_nodes", {})
    flow = [
        {
            "source": edge["source"],
            "source_label": nodes.get(edge["source"], edge["source"]),
            "target": edge["target"],
            "target_label": nodes.get(edge["target"], edge["target"]),
            "note": edge.get("note", ""),
        }
        for edge in (standard.extra or {}).get("complaint_flow", [])
    ]
    return {
        "intro": stored.get("intro", ""),
        "items": [_channel_text(c) for c in channels],
        "channels": channels,
        "notes": stored.get("notes", ""),
        "flow_intro": stored.get("flow_intro", "") if flow else "",
        "flow": flow,
    }


def standard_components(standard: ServiceStandard) -> dict[str, Any]:
    """The 14 components (COMPONENT_KEYS, in order) as plain data: the API and pages use it."""
    texts = standard.components or {}
    step_orders = {s.code: s.order for s in standard.steps.all()}
    components: dict[str, Any] = {
        "requirements": [
            {
                "code": r.code,
                "label": r.label,
                "kind": r.kind,
                "mandatory": r.mandatory,
                "product_codes": list(r.product_codes),
                "help_text": r.help_text,
                "options": list(r.options),
                "due_at_step": r.due_at_step,
                "due_at_step_order": step_orders.get(r.due_at_step),
            }
            for r in standard.requirements.all()
        ],
        "procedure": [
            {
                "order": s.order,
                "code": s.code,
                "label": s.label,
                "role": s.role,
                "role_label": str(Role(s.role).label) if s.role in Role.values else s.role,
                "actions": list(s.actions),
                "action_labels": [
                    str(StepAction(a).label) if a in StepAction.values else a for a in s.actions
                ],
            }
            for s in standard.steps.all()
        ],
        "time_limit": {
            "kind": standard.time_limit_kind,
            "value": standard.time_limit_value,
            "text": standard.time_limit_text,
        },
        "fee": {"amount": int(standard.fee_amount), "text": standard.fee_text},
        "products": [
            {"code": p.code, "label": p.label, "kind": p.kind, "template_code": p.template_code}
            for p in standard.products.all()
        ],
        "complaints": _complaints(standard),
    }
    for key in TEXT_COMPONENT_KEYS:
        if key == "complaints":
            continue
        stored = texts.get(key, {})
        components[key] = {
            "intro": stored.get("intro", ""),
            "items": list(stored.get("items", [])),
            "notes": stored.get("notes", ""),
        }
    return {key: components[key] for key in COMPONENT_KEYS}


def component_sections(standard: ServiceStandard) -> list[dict[str, Any]]:
    """The two parts of the published table: [{title, rows: [{number, key, label, value}]}]."""
    components = standard_components(standard)
    texts = standard.components or {}
    sections = []
    number = 0
    for title, keys in (
        (_("A. Service delivery"), DELIVERY_KEYS),
        (_("B. Internal management (manufacturing)"), MANAGEMENT_KEYS),
    ):
        rows = []
        for key in keys:
            number += 1
            rows.append(
                {
                    "number": number,
                    "key": key,
                    "label": COMPONENT_LABELS[key],
                    "value": components[key],
                    "texts": texts.get(key, {}),
                }
            )
        sections.append({"title": title, "rows": rows})
    return sections


def services_run_by(office: Office | None) -> frozenset[str]:
    """The extension keys (`extra.extension`) of the services an office takes part in.

    Its own standards and its province's: a regency/city office acknowledges the province's
    logistics requests and follows the children it referred.
    """
    if office is None:
        return frozenset()
    office_ids = [office.pk, *([office.parent_id] if office.parent_id else [])]
    extras = ServiceStandard.objects.filter(office_id__in=office_ids).values_list(
        "extra", flat=True
    )
    return frozenset(key for extra in extras if (key := (extra or {}).get("extension")))
