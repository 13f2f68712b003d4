"""What the clerk sees before an import starts: the mapping, what it leaves out, and the cells
that would be refused for being spreadsheet numbers (the web page and the API show the same).
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sigap.registry.importing import reader
from sigap.registry.importing.layouts import FIELDS, IDENTITY_FIELDS, LAYOUTS, missing_fields
from sigap.registry.models import ImportBatch, ImportLayout


@dataclass
class NumericColumn:
    header: str
    field: str
    cells: int
    advice: str


@dataclass
class ImportPreview:
    layout: str
    layout_label: str
    headers: list[tuple[str, str]]  # (header, mapped field or "")
    rows: list[list[str]]
    unmapped: list[str]
    missing: list[tuple[str, str]]  # (field, label) the layout needs and nothing maps to
    numeric: list[NumericColumn] = field(default_factory=list)
    numeric_fix: str = ""


def numeric_advice(header: str, cells: int) -> str:
    return ngettext(
        "Column %(header)s has %(cells)s cell held as a number; it is refused, since Excel "
        "keeps only 15 digits and the cell may not hold the card's number.",
        "Column %(header)s has %(cells)s cells held as numbers; they are refused, since Excel "
        "keeps only 15 digits and the cells may not hold the card's number.",
        cells,
    ) % {"header": header, "cells": f"{cells:,}".replace(",", ".")}


def numeric_fix() -> str:
    """How to mend such a column, said once under the list of columns."""
    return _(
        "To fix it: in Excel select the column, Format Cells > Text, enter the numbers again "
        "(or export the list as text from its source), then upload the file again."
    )


def import_preview(batch: ImportBatch, *, rows: int = reader.PREVIEW_ROWS) -> ImportPreview:
    """The preview of an uploaded batch (bounded: its first `rows` rows and MAX_COLUMNS)."""
    headers, body = reader.preview(Path(batch.file.path), rows=rows)
    mapping = batch.mapping or {}
    layout = LAYOUTS.get(batch.layout) or LAYOUTS[ImportLayout.CUSTOM]
    numeric = [
        NumericColumn(h, mapping[h], count, numeric_advice(h, count))
        for h, count in (batch.numeric_cells or {}).items()
        if count and mapping.get(h) in IDENTITY_FIELDS
    ]
    return ImportPreview(
        layout=layout.key,
        layout_label=str(ImportLayout(layout.key).label),
        headers=[(h, mapping.get(h, "")) for h in headers],
        rows=body,
        unmapped=[h for h in headers if not mapping.get(h)],
        missing=[(f, str(FIELDS[f])) for f in missing_fields(layout, mapping)],
        numeric=numeric,
        numeric_fix=numeric_fix() if numeric else "",
    )
