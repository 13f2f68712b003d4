"""What every printed document's frame needs besides its body: the letterhead from the office's
data, the signatories' blocks and the paraf rows, as plain dicts the PDF templates print.

Signatories (context key `signatories`, a list, printed left to right, one to three):

    {"heading": "Tarakan, 3 Desember 2026",   # line above the role (optional)
     "role_label": "Kepala Dinas Sosial ...", # may hold line breaks ("PIHAK PERTAMA,\\nYang ...")
     "name": "...", "rank": "Pembina/IV-a", "nip": "196803181994031007",
     "id_label": "NIP",                       # or "NIK" for a citizen; default NIP
     "signature_image": "data:image/png;base64,...",  # a drawn signature (optional)
     "is_signer": True}                       # the block of the document's (electronic) signer

An entry with `is_signer` and no name is filled from the `signer` given to `document_issue`:
that is how a service app says who signs (e.g. the Kepala Bidang or the Kepala Dinas chosen
through the engine's sign step) while the template keeps the layout. Without `signatories`, the
document has one block: the signer under the title of their position and office.
"""

import base64
from functools import cache
from pathlib import Path
from typing import Any

from sigap.core.formatting import format_nip

DEFAULT_EMBLEM = Path(__file__).parent / "static" / "documents" / "emblem-default.svg"
MAX_SIGNATORIES = 3


@cache
def default_emblem_uri() -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(DEFAULT_EMBLEM.read_bytes()).decode()


def _emblem_uri(office) -> str:
    field = getattr(office, "emblem", None)
    if not field:
        return default_emblem_uri()
    try:
        with field.open("rb") as handle:
            data = handle.read()
    except OSError:  # a file lost from storage must not stop a letter: the default prints
        return default_emblem_uri()
    kind = "jpeg" if data[:3] == b"\xff\xd8\xff" else "png"
    return f"data:image/{kind};base64," + base64.b64encode(data).decode()


def letterhead_for(office) -> dict[str, Any]:
    """The kop surat of `office` (an accounts.Office, or None for a plain header)."""
    if office is None:
        return {"office": "", "emblem": default_emblem_uri(), "contacts": []}
    contacts = []
    if getattr(office, "phone", ""):
        contacts.append(f"Telepon {office.phone}")
    if getattr(office, "email", ""):
        contacts.append(f"Pos-el {office.email}")
    if getattr(office, "website", ""):
        contacts.append(f"Laman {office.website}")
    address = ", ".join(
        part for part in (office.address, getattr(office, "address_line_2", "")) if part
    )
    return {
        "government": office.government_name,
        "office": office.name,
        "address": address,
        "contacts": contacts,
        "emblem": _emblem_uri(office),
        # Past ~60 characters the office name takes a smaller size (three lines at most).
        "long": len(office.name) > 60 or len(office.government_name or "") > 40,
    }


def position_title(position: str, office_name: str) -> str:
    """'Kepala Dinas' + 'Dinas Sosial Kota X' -> 'Kepala Dinas Sosial Kota X' (no doubled word).

    Also: an empty position gives the office's head; a position that already names the office
    is kept as it is.
    """
    position = (position or "").strip()
    office_name = (office_name or "").strip()
    if not position:
        return f"Kepala {office_name}".strip()
    if not office_name or office_name.lower() in position.lower():
        return position
    words, office_words = position.split(), office_name.split()
    for size in range(min(len(words), len(office_words)), 0, -1):
        if [w.lower() for w in words[-size:]] == [w.lower() for w in office_words[:size]]:
            return " ".join([*words[:-size], *office_words])
    return f"{position} {office_name}"


def _party(entry: dict, signer: dict | None) -> dict[str, Any]:
    party = dict(entry)
    if party.get("is_signer") and signer and not party.get("name"):
        party.setdefault("rank", signer.get("rank", ""))
        party["name"] = signer.get("name", "")
        party.setdefault("nip", signer.get("nip", ""))
    number = party.get("id_number") or party.get("nip") or ""
    label = party.get("id_label") or "NIP"
    party["id_label"] = label
    party["id_number"] = format_nip(number) if label == "NIP" else number
    return party


def signatories_for(
    *, context: dict, signer: dict | None, office_name: str, heading: str
) -> list[dict[str, Any]]:
    """The signature blocks of a document, from `context["signatories"]` or the signer alone."""
    given = context.get("signatories")
    if given:
        parties = [_party(entry, signer) for entry in list(given)[:MAX_SIGNATORIES]]
        if not any(p.get("heading") for p in parties):
            # The place and date stand above the last block (the one who issues), as usual.
            parties[-1]["heading"] = heading
        return parties
    if not signer or not signer.get("name"):
        return []
    role = context.get("signer_title") or position_title(signer.get("position", ""), office_name)
    return [
        _party(
            {
                "heading": heading,
                "role_label": role,
                "rank": signer.get("rank", ""),
                "nip": signer.get("nip", ""),
                "name": signer.get("name", ""),
                "is_signer": True,
            },
            None,
        )
    ]


def paraf_rows(context: dict) -> list[dict[str, str]]:
    """The paraf table: `paraf` rows [{label, mark}] or one row from `initialled_by`."""
    rows = context.get("paraf")
    if rows:
        return [{"label": str(r.get("label", "")), "mark": str(r.get("mark", ""))} for r in rows]
    name = context.get("initialled_by")
    return [{"label": str(name), "mark": ""}] if name else []


def legacy_signatories(context: dict) -> list[dict[str, Any]]:
    """Pages that pass signer_name/signer_title/... (reports) get the same block as letters."""
    if context.get("signatories") is not None:
        return list(context["signatories"])
    if not context.get("signer_name"):
        return []
    return [
        _party(
            {
                "heading": context.get("place_date", ""),
                "role_label": context.get("signer_title", ""),
                "name": context["signer_name"],
                "rank": context.get("signer_rank", ""),
                "nip": context.get("signer_nip", ""),
            },
            None,
        )
    ]
