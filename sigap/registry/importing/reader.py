"""Read CSV or XLSX files as a stream of polars frames of text, never the whole file at once."""

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import polars as pl

CHUNK_ROWS = 100_000
PREVIEW_ROWS = 10


def is_xlsx(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def sniff_delimiter(path: Path) -> str:
    """Indonesian Excel exports CSV with `;`; others use `,` or tabs."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline()
    counts = {sep: first.count(sep) for sep in (",", ";", "\t", "|")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _cell(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # A number cell: keep integral values without ".0", so identity rules can judge them;
        # anything that cannot be an exact integer keeps its float form and is refused there.
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _xlsx_rows(path: Path) -> list[list]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)


def read_headers(path: Path) -> list[str]:
    if is_xlsx(path):
        rows = _xlsx_rows(path)
        return [str(c or "").strip() for c in rows[0]] if rows else []
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        row = next(csv.reader(handle, delimiter=sniff_delimiter(path)), [])
    return [c.strip() for c in row]


def _csv_scan(path: Path) -> pl.LazyFrame:
    return pl.scan_csv(
        path,
        separator=sniff_delimiter(path),
        infer_schema=False,
        encoding="utf8-lossy",
        truncate_ragged_lines=True,
    )


def _rename_headers(frame: pl.DataFrame | pl.LazyFrame, headers: list[str]):
    current = frame.collect_schema().names()
    return frame.rename(dict(zip(current, headers, strict=False)))


def iter_chunks(path: Path, *, chunk_rows: int = CHUNK_ROWS) -> Iterator[pl.DataFrame]:
    """Frames of string columns named by the file's (stripped) headers, plus `__row`: the
    spreadsheet row number (the header is row 1)."""
    headers = read_headers(path)
    if is_xlsx(path):
        rows = _xlsx_rows(path)[1:]
        for start in range(0, len(rows), chunk_rows):
            part = rows[start : start + chunk_rows]
            columns = {
                h: [(_cell(r[i]) if i < len(r) else None) for r in part]
                for i, h in enumerate(headers)
            }
            frame = pl.DataFrame(columns, schema=dict.fromkeys(headers, pl.String))
            yield frame.with_columns(
                pl.int_range(start + 2, start + 2 + len(part), dtype=pl.Int64).alias("__row")
            )
        return
    scan = _rename_headers(_csv_scan(path), headers).with_row_index("__row", offset=2)
    scan = scan.with_columns(pl.col("__row").cast(pl.Int64))
    yield from scan.collect_batches(chunk_size=chunk_rows)


def count_rows(path: Path) -> int | None:
    """Data rows in the file (cheap for CSV: one pass counting lines)."""
    if is_xlsx(path):
        return None
    return _csv_scan(path).select(pl.len()).collect().item()


def preview(path: Path, *, rows: int = PREVIEW_ROWS) -> tuple[list[str], list[list[str]]]:
    headers = read_headers(path)
    first = next(iter_chunks(path, chunk_rows=rows), None)
    if first is None:
        return headers, []
    body = first.head(rows).drop("__row")
    return headers, [["" if v is None else v for v in row] for row in body.iter_rows()]
