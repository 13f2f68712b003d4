"""Known file layouts, recognised by their headers, and the fields a column can be mapped to.

SP2D payment list (from the Himbara bank or PT Pos, one row per KPM):
    NO, NO_SP2D, NIK, NO_KK, NAMA_PENERIMA, ALAMAT, KODE_DESA, NO_KKS, BANK_PENYALUR, TAHAP, NOMINAL
DTKS/DTSEN extract (from SIKS-NG, one row per person):
    ID_DTKS, NO_KK, NIK, NAMA, JENIS_KELAMIN, TEMPAT_LAHIR, TANGGAL_LAHIR, ALAMAT, KODE_WILAYAH,
    TANGGAL_PENETAPAN
Headers match case-insensitively, ignoring spaces, dots and dashes (`No. KK` = `NO_KK`). A file
is recognised when it holds every *required* header of a layout; extra columns are ignored.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sigap.registry.models import ImportLayout

# Canonical fields a column can be mapped to, in the order the preview offers them.
FIELDS: dict[str, str] = {
    "nik": _("NIK"),
    "kk_number": _("KK number"),
    "name": _("name"),
    "sex": _("sex"),
    "birth_place": _("place of birth"),
    "birth_date": _("date of birth"),
    "address": _("address"),
    "village_code": _("village code"),
    "kks_number": _("KKS card number"),
    "bank": _("bank / paying channel"),
    "period": _("period / stage"),
    "dtks_date": _("DTKS/DTSEN listing date"),
}
REQUIRED_FIELDS = ("nik", "name")


@dataclass(frozen=True)
class Layout:
    key: str
    columns: dict[str, str]  # normalised header -> canonical field
    required: frozenset[str]
    sp2d_listed: bool = False
    dtks_listed: bool = False


SP2D = Layout(
    key=ImportLayout.SP2D,
    columns={
        "NIK": "nik",
        "NO_KK": "kk_number",
        "NAMA_PENERIMA": "name",
        "ALAMAT": "address",
        "KODE_DESA": "village_code",
        "NO_KKS": "kks_number",
        "BANK_PENYALUR": "bank",
        "TAHAP": "period",
    },
    required=frozenset({"NIK", "NAMA_PENERIMA", "NO_KKS", "BANK_PENYALUR"}),
    sp2d_listed=True,
)
DTKS = Layout(
    key=ImportLayout.DTKS,
    columns={
        "NIK": "nik",
        "NO_KK": "kk_number",
        "NAMA": "name",
        "JENIS_KELAMIN": "sex",
        "TEMPAT_LAHIR": "birth_place",
        "TANGGAL_LAHIR": "birth_date",
        "ALAMAT": "address",
        "KODE_WILAYAH": "village_code",
        "TANGGAL_PENETAPAN": "dtks_date",
    },
    required=frozenset({"ID_DTKS", "NIK", "NO_KK", "NAMA"}),
    dtks_listed=True,
)
LAYOUTS = {SP2D.key: SP2D, DTKS.key: DTKS}


def normalise_header(header: str) -> str:
    text = str(header or "").replace("\ufeff", "").strip().upper()
    return re.sub(r"[^A-Z0-9]+", "_", text).strip("_")


def detect_layout(headers: list[str]) -> Layout | None:
    present = {normalise_header(h) for h in headers}
    for layout in LAYOUTS.values():
        if layout.required <= present:
            return layout
    return None


def layout_mapping(layout: Layout, headers: list[str]) -> dict[str, str]:
    """{original header: canonical field} for the columns of `headers` the layout knows."""
    return {
        h: layout.columns[normalise_header(h)]
        for h in headers
        if normalise_header(h) in layout.columns
    }


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """A first guess for the preview: any header that a known layout or a field name uses."""
    known: dict[str, str] = {}
    for layout in LAYOUTS.values():
        known.update(layout.columns)
    known.update({normalise_header(f): f for f in FIELDS})
    mapping: dict[str, str] = {}
    for header in headers:
        field = known.get(normalise_header(header))
        if field and field not in mapping.values():
            mapping[header] = field
    return mapping
