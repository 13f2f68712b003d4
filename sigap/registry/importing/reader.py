"""Read CSV or XLSX files as a stream of polars frames of text, never the whole file at once.

Before anything is parsed, `inspect` refuses what is not a table: HTML or PHP text saved with a
.csv name, binary files, and XLSX archives whose declared (or actual) uncompressed size or
compression ratio is that of a zip bomb. An XLSX keeps each cell's type: for the columns asked
for, `iter_chunks` adds `__num:<header>`, true where the cell held a spreadsheet *number*
(Excel keeps 15 significant digits, so a 16-digit NIK held as a number may have lost its last).
A CSV that is not UTF-8 is read as Windows-1252 (what Excel on Windows saves).
"""

import codecs
import csv
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

CHUNK_ROWS = 100_000
PREVIEW_ROWS = 10
MAX_COLUMNS = 200  # no beneficiary list has more; a preview never reads beyond
# XLSX limits, checked on the archive's directory and again while inflating it.
MAX_UNCOMPRESSED_BYTES = 2 * 2**30
MAX_RATIO = 200  # sheet XML of real lists compresses 5-30x; bombs 1000x and more
NUMERIC_PREFIX = "__num:"
_MARKUP = re.compile(
    rb"^\s*(<\?php|<\?=|<!doctype|<html|<head|<body|<script|<\?xml|<table|<div|<meta|<!--)",
    re.IGNORECASE,
)


class NotATable(Exception):
    """The file is not a table we can read; `code` says why (see services' messages)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class ZipLimits:
    total: int = MAX_UNCOMPRESSED_BYTES
    ratio: int = MAX_RATIO


def is_xlsx(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def inspect(path: Path, *, limits: ZipLimits | None = None) -> None:
    """Raises NotATable unless `path` is a plausible CSV text or a safe XLSX archive."""
    if is_xlsx(path):
        _check_archive(path, limits or ZipLimits())
        return
    with open(path, "rb") as handle:
        head = handle.read(8192)
    text = head.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in text:
        raise NotATable("binary")
    if _MARKUP.match(text):
        raise NotATable("markup")


def _check_archive(path: Path, limits: ZipLimits) -> None:
    """Declared sizes first (cheap), then inflate each member counting bytes: a directory
    that lies about sizes is caught by zipfile's own length and CRC checks."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > limits.total:
                raise NotATable("zip_bomb")
            for member in members:
                if member.file_size > max(member.compress_size, 1) * limits.ratio and (
                    member.file_size > 2**20
                ):
                    raise NotATable("zip_bomb")
            inflated = 0
            for member in members:
                with archive.open(member) as stream:
                    while block := stream.read(1 << 20):
                        inflated += len(block)
                        if inflated > limits.total:
                            raise NotATable("zip_bomb")
            if not any(m.filename.startswith("xl/worksheets/") for m in members):
                raise NotATable("not_xlsx")
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise NotATable("not_xlsx") from exc


def text_path(path: Path) -> Path:
    """A UTF-8 version of a CSV: the file itself, or a Windows-1252 one transcoded beside it."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        try:
            while block := handle.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
            return path
        except UnicodeDecodeError:
            pass
    target = path.with_name(path.name + ".utf8")
    if not target.exists() or target.stat().st_mtime < path.stat().st_mtime:
        with (
            open(path, encoding="cp1252", errors="replace", newline="") as source,
            open(target, "w", encoding="utf-8", newline="") as out,
        ):
            while block := source.read(1 << 20):
                out.write(block)
    return target


def sniff_delimiter(path: Path) -> str:
    """Indonesian Excel exports CSV with `;`; others use `,` or tabs."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline()
    counts = {sep: first.count(sep) for sep in (",", ";", "\t", "|")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _xlsx_sheet(path: Path, *, dtypes="string", **options):
    """The first sheet through calamine (fastexcel) as Arrow columns, not Python objects:
    ~20x faster than openpyxl and a fraction of its memory."""
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    return reader.load_sheet(0, header_row=None, dtypes=dtypes, **options).to_polars()


def _unique(headers: list[str]) -> list[str]:
    """Header texts made unique (a repeated header gets ' (2)', ' (3)' ...)."""
    seen: dict[str, int] = {}
    unique = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        unique.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return unique


def read_headers(path: Path) -> list[str]:
    if is_xlsx(path):
        first = _xlsx_sheet(path, n_rows=1, use_columns=_xlsx_columns(path))
        if not first.height:
            return []
        headers = [str(c or "").strip() for c in first.row(0)]
        while headers and not headers[-1]:
            headers.pop()
        return _unique(headers)
    source = text_path(path)
    with open(source, encoding="utf-8-sig", errors="replace", newline="") as handle:
        row = next(csv.reader(handle, delimiter=sniff_delimiter(source)), [])
    return _unique([c.strip() for c in row[:MAX_COLUMNS]])


def _xlsx_columns(path: Path) -> list[int] | None:
    """The first MAX_COLUMNS columns (fastexcel refuses indexes past the sheet's width)."""
    import fastexcel

    sheet = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None, n_rows=1)
    return list(range(min(sheet.width, MAX_COLUMNS)))


def _csv_scan(path: Path) -> pl.LazyFrame:
    source = text_path(path)
    return pl.scan_csv(
        source,
        separator=sniff_delimiter(source),
        infer_schema=False,
        encoding="utf8-lossy",
        truncate_ragged_lines=True,
    )


def iter_chunks(
    path: Path,
    *,
    chunk_rows: int = CHUNK_ROWS,
    max_rows: int | None = None,
    numeric: tuple[str, ...] = (),
) -> Iterator[pl.DataFrame]:
    """Frames of string columns named by the file's (stripped) headers, plus `__row`: the
    spreadsheet row number (the header is row 1). `max_rows` stops early (previews).

    For an XLSX, each header in `numeric` also gets a boolean `__num:<header>` column."""
    headers = read_headers(path)
    if is_xlsx(path):
        yield from _xlsx_chunks(path, headers, chunk_rows, max_rows, numeric)
        return
    scan = _csv_scan(path)
    current = scan.collect_schema().names()[: len(headers)]
    scan = scan.select(current).rename(dict(zip(current, headers, strict=False)))
    scan = scan.with_row_index("__row", offset=2).with_columns(pl.col("__row").cast(pl.Int64))
    if max_rows is not None:
        scan = scan.head(max_rows)
    yield from scan.collect_batches(chunk_size=chunk_rows)


def _xlsx_chunks(path, headers, chunk_rows, max_rows, numeric) -> Iterator[pl.DataFrame]:
    columns = list(range(len(headers)))
    if not columns:
        return
    sheet = _xlsx_sheet(path, skip_rows=1, n_rows=max_rows, use_columns=columns)
    sheet = sheet.rename(dict(zip(sheet.columns, headers, strict=False)))
    wanted = [h for h in numeric if h in headers]
    if wanted:
        # Loading a column as boolean keeps numbers (true/false) and turns text into null:
        # that is the cell's type, which the string load above has already flattened.
        index = [headers.index(h) for h in wanted]
        types = _xlsx_sheet(
            path,
            skip_rows=1,
            n_rows=max_rows,
            use_columns=index,
            dtypes=dict.fromkeys(index, "boolean"),
        )
        sheet = sheet.with_columns(
            types.get_column(name).is_not_null().alias(f"{NUMERIC_PREFIX}{header}")
            for name, header in zip(types.columns, wanted, strict=True)
        )
    sheet = sheet.with_row_index("__row", offset=2).with_columns(pl.col("__row").cast(pl.Int64))
    for start in range(0, sheet.height, chunk_rows):
        yield sheet.slice(start, chunk_rows)


def numeric_cells(path: Path, headers: list[str]) -> dict[str, int]:
    """How many cells of each of `headers` hold a spreadsheet number (XLSX only; else {})."""
    if not headers or not is_xlsx(path):
        return {}
    counts = dict.fromkeys(headers, 0)
    for chunk in iter_chunks(path, numeric=tuple(headers)):
        for header in headers:
            column = f"{NUMERIC_PREFIX}{header}"
            if column in chunk.columns:
                counts[header] += int(chunk.get_column(column).sum())
    return counts


def count_rows(path: Path) -> int | None:
    """Data rows in the file (cheap for CSV: one pass counting lines)."""
    if is_xlsx(path):
        return None
    return _csv_scan(path).select(pl.len()).collect().item()


def preview(path: Path, *, rows: int = PREVIEW_ROWS) -> tuple[list[str], list[list[str]]]:
    headers = read_headers(path)
    first = next(iter_chunks(path, chunk_rows=rows, max_rows=rows), None)
    if first is None:
        return headers, []
    body = first.head(rows).select(headers)
    return headers, [["" if v is None else v for v in row] for row in body.iter_rows()]
