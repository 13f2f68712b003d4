"""The HTML of an issued document: its body template filled in, inside the shared frame
(letterhead, title and number, signature blocks, paraf table, QR), in the office's time zone.

Kept apart from `services` because the draft shown to a signer before paraf and sign is rendered
by exactly the same function (with `draft=True`): what the signer saw is what gets issued.
"""

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from sigap.core.formatting import format_date, format_nip, zone_for_office
from sigap.documents.frame import letterhead_for, paraf_rows, position_title, signatories_for
from sigap.documents.pdf import qr_data_uri
from sigap.documents.templating import render_body

DRAFT_NUMBER = "DRAF"
NBSP = "\u00a0"


def verify_url_for(token: str) -> str:
    return settings.SITE_URL + reverse("documents:verify", args=[token])


def place_of(office) -> str:
    """The city printed before the date ("Tarakan, 23 November 2026")."""
    name = (office.government_name or office.name).upper()
    for prefix in ("PEMERINTAH ", "PROVINSI ", "KABUPATEN ", "KOTA "):
        name = name.removeprefix(prefix)
    return name.title()


def place_date_for(office, when: datetime.datetime | None = None) -> str:
    """'Tarakan, 3 Desember 2026': today (or `when`) in the office's zone, for a signature."""
    when = (when or timezone.now()).astimezone(zone_for_office(office))
    return f"{place_of(office)}, {format_date(when).replace(' ', NBSP)}"


def body_fingerprint(*, office, body: str, title: str, context: dict, signer: dict) -> str:
    """SHA-256 of what a signer approves: the filled-in body and the signatories, without the
    number, date and verification link that only issuing gives. A draft approved at paraf or
    sign and the issued letter have the same fingerprint unless their content differs."""
    import hashlib
    import json

    fixed = {**context, "document_number": "", "document_date": "", "verify_url": ""}
    with translation.override("id"), timezone.override(zone_for_office(office)):
        filled = render_body(
            body,
            {
                **fixed,
                "document_title": title,
                "office_name": office.name,
                "signer_name": signer["name"],
                "signer_nip": format_nip(signer["nip"]),
                "signer_title": context.get("signer_title")
                or position_title(signer["position"], office.name),
                "place_date": "",
            },
        )
    parties = [
        {k: v for k, v in party.items() if k != "heading"}
        for party in signatories_for(
            context=context, signer=signer, office_name=office.name, heading=""
        )
    ]
    text = json.dumps([title, str(filled), parties], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def render_document_html(
    *,
    office,
    body: str,
    title: str,
    number: str,
    issued_at: datetime.datetime,
    context: dict,
    signer: dict,
    token: str,
    draft: bool = False,
) -> str:
    """The complete HTML page of a document; `draft` prints DRAF instead of number and QR."""
    zone = zone_for_office(office)
    verify_url = "" if draft else verify_url_for(token)
    date_text = format_date(
        issued_at.astimezone(zone) if timezone.is_aware(issued_at) else issued_at
    )
    place = context.get("place") or place_of(office)
    number = DRAFT_NUMBER if draft else number
    signer_title = context.get("signer_title") or position_title(signer["position"], office.name)
    body_context = {
        **context,
        "document_number": number,
        "document_date": date_text,
        "document_title": title,
        "office_name": office.name,
        "office_government": office.government_name,
        "place": place,
        "place_date": f"{place}, {date_text}",
        "verify_url": verify_url,
        "signer_name": signer["name"],
        "signer_nip": format_nip(signer["nip"]),
        "signer_rank": signer["rank"],
        "signer_position": signer["position"],
        # "Kepala Dinas Sosial Kota X": the position and the office without a doubled word.
        "signer_title": signer_title,
    }
    with translation.override("id"), timezone.override(zone):
        body_html = render_body(body, body_context)
        return render_to_string(
            "documents/pdf/letter.html",
            {
                "office": office,
                "letterhead": letterhead_for(office),
                "title": title,
                "body_html": body_html,
                "document_number": number,
                "draft": draft,
                "sign_closing": context.get("sign_closing", ""),
                "signatories": signatories_for(
                    context={**context, "signer_title": signer_title},
                    signer=signer,
                    office_name=office.name,
                    # The date is not broken over two lines ("3 / Desember 2026").
                    heading=f"{place}, {date_text.replace(' ', NBSP)}",
                ),
                "paraf": paraf_rows(context),
                "verify_qr": qr_data_uri(verify_url or settings.SITE_URL),
                "verify_url": verify_url,
            },
        )
