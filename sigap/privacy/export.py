"""Packages an export: `data.json` (machine-readable, every field) and `data.pdf` (readable A4,
WeasyPrint like the office's other documents) in one ZIP."""

import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sigap.privacy.sections import Section
from sigap.privacy.services import Export


def general_notes() -> list[str]:
    """Said in every export, whoever it is about (so no note reveals a particular record)."""
    return [
        _(
            "This export holds the personal data this office keeps about the data subject in "
            "Sigap, on the date shown. Data about other persons is left out."
        ),
        _(
            "Anonymous complaints are never linked to a person. Survey answers are included only "
            "where the survey was answered through an invitation of the subject's own request."
        ),
        _(
            "A child-protection case file is included only as far as the childcare access policy "
            "allows the officer making the export to open it, and without the parts that could "
            "put the child at risk; ask the head of office about a child's case."
        ),
    ]


def _request_block(export: Export) -> dict[str, Any]:
    sr = export.subject_request
    return {
        "register_number": str(sr),
        "letter_number": sr.letter_number,
        "letter_date": sr.letter_date,
        "requested_by": sr.requester_name,
        "relation": sr.get_requester_relation_display(),
        "identity_document": sr.identity_document,
        "nik": sr.nik_masked,
        "codes": sr.codes_masked,
    }


def export_payload(export: Export) -> dict[str, Any]:
    """The export as plain data (the API answer and the ZIP's data.json)."""
    return {
        "generated_at": export.generated_at,
        "office": export.subject_request.office.name,
        "officer": getattr(export.officer, "display_name", str(export.officer)),
        "request": _request_block(export),
        "notes": [str(note) for note in general_notes()],
        "sections": [
            {
                "app": section.app,
                "key": section.key,
                "title": str(section.title),
                "note": str(section.note),
                "labels": {name: str(label) for name, label in section.labels.items()},
                "items": section.items,
            }
            for section in export.sections
        ],
    }


def _display(value) -> Any:
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return value


def _rows(section: Section, item: dict) -> list[dict[str, Any]]:
    """An item as label/value rows; a nested list becomes a small table."""
    rows = []
    for name, value in item.items():
        label = str(section.labels.get(name, name))
        if isinstance(value, list):
            columns = list(dict.fromkeys(k for entry in value for k in entry))
            rows.append(
                {
                    "label": label,
                    "table": {
                        "head": [str(section.labels.get(c, c)) for c in columns],
                        "body": [[_display(entry.get(c)) for c in columns] for entry in value],
                    },
                }
            )
        else:
            rows.append({"label": label, "value": _display(value)})
    return rows


def export_pdf(export: Export) -> bytes:
    from sigap.documents.pdf import render_pdf

    with translation.override("id"):
        sections = [
            {"section": s, "items": [_rows(s, item) for item in s.items]} for s in export.sections
        ]
        context = {
            "office": export.subject_request.office,
            "export": export,
            "request": _request_block(export),
            "notes": general_notes(),
            "sections": sections,
            "generated_at": _display(export.generated_at),
        }
        return render_pdf("privacy/pdf/export.html", context)


def export_zip(export: Export) -> bytes:
    payload = json.dumps(
        export_payload(export), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", payload)
        archive.writestr("data.pdf", export_pdf(export))
    return buffer.getvalue()


def export_filename(export: Export) -> str:
    return f"data-pribadi-{export.subject_request}-{export.generated_at:%Y%m%d}.zip"
