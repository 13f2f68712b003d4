"""Row checks for a chunk, as polars expressions: valid rows come out typed, the rest with reasons.

Every reason is in Bahasa Indonesia (the rejects file goes back to the office that sent the list).
"""

from dataclasses import dataclass, field
from datetime import date

import polars as pl
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sigap.identity import ErrorCode
from sigap.registry.importing import dates, rules, values
from sigap.registry.importing.reader import NUMERIC_PREFIX

# Messages per identity ErrorCode; `{label}` is "NIK" or "Nomor KK", `{value}` the cell.

IDENTITY_MESSAGES = {
    ErrorCode.EMPTY: _("{label} is missing"),
    ErrorCode.SCIENTIFIC_NOTATION: _(
        "{label} is written in scientific notation ({value}): digits were lost in the "
        "spreadsheet; format the column as text"
    ),
    ErrorCode.NUMBER_NOT_TEXT: _(
        "{label} was stored as a spreadsheet number, its last digits may be lost ({value})"
    ),
    ErrorCode.INVALID_CHARACTERS: _("{label} contains characters other than digits ({value})"),
    ErrorCode.WRONG_LENGTH: _("{label} must have 16 digits, not {count} ({value})"),
    ErrorCode.UNKNOWN_PROVINCE: _("{label} does not start with a province code ({value})"),
    ErrorCode.INVALID_REGENCY: _("{label} has regency code 00 ({value})"),
    ErrorCode.INVALID_DISTRICT: _("{label} has district code 00 ({value})"),
    ErrorCode.INVALID_BIRTH_DATE: _("the birth date in the {label} is not a valid date ({value})"),
    ErrorCode.INVALID_SERIAL: _("{label} ends in 0000 ({value})"),
}
MSG_NAME_MISSING = _("name is missing")
MSG_BAD_BIRTH_DATE = _("date of birth is not a valid date ({value})")
MSG_BIRTH_MONTH_FIRST = _(
    "date of birth looks like month/day/year ({value}); write it day-month-year"
)
MSG_BIRTH_IN_FUTURE = _("date of birth is in the future ({value})")
MSG_BAD_SEX = _("sex is not L/P ({value})")
MSG_VILLAGE_MISSING = _("village code is missing")
MSG_BAD_VILLAGE = _("village code is not 10 digits ({value})")
MSG_UNKNOWN_VILLAGE = _("unknown village code ({value})")
MSG_OUT_OF_AREA = _("village {value} lies outside the area of this office ({area})")
MSG_BAD_BANK = _("unknown bank or paying channel ({value})")
MSG_BAD_KKS = _("KKS card number must have 16 digits ({value})")
MSG_BAD_DTKS_DATE = _("DTKS/DTSEN date is not a valid date ({value})")
MSG_BAD_AMOUNT = _("amount is not a whole number of rupiah ({value})")
MSG_BAD_DESIL = _("desil must be a number from 1 to 10 ({value})")
MSG_NUMERIC_IDENTITY = _(
    "{label} was held in the spreadsheet as a number ({value}); Excel keeps only 15 digits, "
    "so the last digit may not be the one on the card: format the column as Text and enter "
    "the numbers again"
)
MSG_DUPLICATE_IN_FILE = _("NIK appears twice in the file (same as row {first})")
MSG_DUPLICATE_IN_REGISTRY = _("NIK is already on the {programme} {year} list of another office")
# The rejects file's `hasil` column: the row was refused, or imported with a warning.
OUTCOME_REJECTED = "ditolak"
OUTCOME_WARNING = "diimpor, dengan peringatan"

BANKS = {
    "BNI": ("himbara", "BNI"),
    "BANK_BNI": ("himbara", "BNI"),
    "BRI": ("himbara", "BRI"),
    "BANK_BRI": ("himbara", "BRI"),
    "MANDIRI": ("himbara", "MANDIRI"),
    "BANK_MANDIRI": ("himbara", "MANDIRI"),
    "BTN": ("himbara", "BTN"),
    "BANK_BTN": ("himbara", "BTN"),
    "BSI": ("himbara", "BSI"),
    "BANK_BSI": ("himbara", "BSI"),
    "POS": ("pos", ""),
    "PT_POS": ("pos", ""),
    "PT_POS_INDONESIA": ("pos", ""),
    "KANTOR_POS": ("pos", ""),
}
SEXES = {
    "L": "M",
    "LAKI_LAKI": "M",
    "LK": "M",
    "1": "M",
    "M": "M",
    "P": "F",
    "PEREMPUAN": "F",
    "PR": "F",
    "2": "F",
    "F": "F",
    "W": "F",
}

# Staged columns and their polars types, in the staging table's column order.
STAGE_COLUMNS: dict[str, pl.DataType] = {
    "row_no": pl.Int64,
    "nik": pl.Int64,
    "kk": pl.Int64,
    "name": pl.String,
    "sex": pl.String,
    "birth_place": pl.String,
    "birth_date": pl.Date,
    "address": pl.String,
    "village_code": pl.String,
    "kks_number": pl.String,
    "channel": pl.String,
    "bank": pl.String,
    "period": pl.String,
    "dtks_date": pl.Date,
    "amount": pl.Int64,
    "desil": pl.Int64,
}
CANONICAL = (
    "nik",
    "kk_number",
    "name",
    "sex",
    "birth_place",
    "birth_date",
    "address",
    "village_code",
    "kks_number",
    "bank",
    "amount",
    "period",
    "dtks_date",
    "desil",
)


@dataclass
class ChunkResult:
    valid: pl.DataFrame  # STAGE_COLUMNS
    rejects: pl.DataFrame  # baris, hasil, alasan, then the file's columns (warnings too)
    warnings: int = 0  # rows of `rejects` that were imported all the same


@dataclass
class Checker:
    """Checks chunk after chunk, remembering NIKs seen so far (duplicates across chunks).

    `area` is the office's region code ("33.14" a regency, "33" a province): a row whose
    village lies elsewhere is refused, or with `out_of_area_warn` imported and reported."""

    mapping: dict[str, str]  # file header -> canonical field
    known_villages: set[str] | None = None  # None: do not check existence
    taken_niks: set[int] = field(default_factory=set)  # NIKs on another office's list
    programme: str = ""
    year: int | None = None
    today: date = field(default_factory=date.today)
    area: str = ""
    out_of_area_warn: bool = False
    _seen: pl.DataFrame = field(init=False)
    _messages: dict = field(init=False)

    def __post_init__(self) -> None:
        self._seen = pl.DataFrame(schema={"nik": pl.Int64, "first_row": pl.Int64})
        self._taken = pl.Series("taken", sorted(self.taken_niks), dtype=pl.Int64)
        with translation.override("id"):
            self._messages = {
                "identity": {code: gettext(str(msg)) for code, msg in IDENTITY_MESSAGES.items()},
                **{
                    key: _capitalised(gettext(str(value)))
                    for key, value in globals().items()
                    if key.startswith("MSG_")
                },
                "label_nik": "NIK",
                "label_kk": gettext("KK number"),
                "label_kks": gettext("KKS card number"),
            }

    @property
    def fields(self) -> set[str]:
        return set(self.mapping.values())

    def _header(self, name: str) -> str | None:
        return next((h for h, target in self.mapping.items() if target == name), None)

    def _source(self, name: str) -> pl.Expr:
        header = self._header(name)
        if header is None:
            return pl.lit(None, dtype=pl.String)
        text = pl.col(header).cast(pl.String).str.strip_chars()
        return pl.when(text == "").then(None).otherwise(text)

    def _numeric(self, chunk: pl.DataFrame, name: str, digits: pl.Expr) -> pl.Expr:
        """Whether the cell mapped to `name` held a spreadsheet number that cannot be trusted
        (XLSX only: a CSV has no cell types, and its numbers were text all along)."""
        column = f"{NUMERIC_PREFIX}{self._header(name)}"
        if column not in chunk.columns:
            return pl.lit(False)
        return values.numeric_identity_unsafe(digits, pl.col(column))

    def _msg(self, key: str, **values: pl.Expr | str) -> pl.Expr:
        template = self._messages[key]
        return _fill(template, values)

    def _identity_reason(self, code: pl.Expr, raw: pl.Expr, label_key: str) -> pl.Expr:
        label = self._messages[label_key]
        digits = "__nik_digits" if label_key == "label_nik" else "__kk_digits"
        count = pl.col(digits).str.len_chars().cast(pl.String)
        expr = pl.lit(None, dtype=pl.String)
        for error_code, template in self._messages["identity"].items():
            text = template.replace("{label}", label)
            expr = (
                pl.when(code == error_code.value)
                .then(_fill(text, {"value": raw.fill_null(""), "count": count}))
                .otherwise(expr)
            )
        # Capitalise the first letter only.
        return expr.str.slice(0, 1).str.to_uppercase() + expr.str.slice(1)

    def _numeric_reason(self, label_key: str, raw: pl.Expr) -> pl.Expr:
        template = self._messages["MSG_NUMERIC_IDENTITY"].replace("{label}", "{Label}")
        text = template.replace("{Label}", _capitalised(self._messages[label_key]), 1)
        return _fill(text, {"value": raw.fill_null("")})

    def _prepare(self, chunk: pl.DataFrame) -> pl.DataFrame:
        """The chunk with every canonical source, identity checks and parsed dates as columns
        (materialised step by step: see rules.with_identity_checks)."""
        frame = chunk.with_columns([self._source(f).alias(f"__f_{f}") for f in CANONICAL])
        frame = rules.with_identity_checks(frame, "__f_nik", "__nik", nik=True, today=self.today)
        frame = rules.with_identity_checks(frame, "__f_kk_number", "__kk", nik=False)
        kks = pl.col("__f_kks_number").str.replace_all(r"[\s.\-']", "")
        frame = frame.with_columns(
            pl.when(pl.col("__f_kk_number").is_null())
            .then(None)
            .otherwise(pl.col("__kk_code"))
            .alias("__kk_code"),
            pl.col("__f_village_code").str.replace_all(r"[.\s\-]", "").alias("__village_digits"),
            _normalise_key(pl.col("__f_bank")).alias("__bank_key"),
            kks.alias("__kks"),
            *(
                self._numeric(chunk, name, digits).alias(f"__{short}_numeric")
                for name, short, digits in (
                    ("nik", "nik", pl.col("__nik_digits")),
                    ("kk_number", "kk", pl.col("__kk_digits")),
                    ("kks_number", "kks", kks),
                )
            ),
        )
        frame = dates.with_parsed(frame, "__f_birth_date", "__birth", today=self.today)
        frame = dates.with_parsed(frame, "__f_dtks_date", "__dtks", today=self.today)
        digits = pl.col("__village_digits")
        return frame.with_columns(
            pl.format(
                "{}.{}.{}.{}",
                digits.str.slice(0, 2),
                digits.str.slice(2, 2),
                digits.str.slice(4, 2),
                digits.str.slice(6, 4),
            ).alias("__village")
        )

    def _checks(self) -> tuple[list[tuple[pl.Expr, pl.Expr]], list[tuple[pl.Expr, pl.Expr]]]:
        """(fault, reason) pairs: those that refuse a row, and those only reported with it."""
        fields = self.fields

        def src(name: str) -> pl.Expr:
            return pl.col(f"__f_{name}")

        nik_code, kk_code = pl.col("__nik_code"), pl.col("__kk_code")
        nik_numeric, kk_numeric = pl.col("__nik_numeric"), pl.col("__kk_numeric")
        refuse = [
            (nik_numeric, self._numeric_reason("label_nik", src("nik"))),
            (
                nik_code.is_not_null() & ~nik_numeric,
                self._identity_reason(nik_code, src("nik"), "label_nik"),
            ),
            (kk_numeric, self._numeric_reason("label_kk", src("kk_number"))),
            (
                kk_code.is_not_null() & ~kk_numeric,
                self._identity_reason(kk_code, src("kk_number"), "label_kk"),
            ),
            (src("name").is_null(), pl.lit(self._messages["MSG_NAME_MISSING"])),
        ]
        warn: list[tuple[pl.Expr, pl.Expr]] = []
        if "birth_date" in fields:
            why, raw = pl.col("__birth_why"), src("birth_date")
            refuse += [
                (why == dates.INVALID, self._msg("MSG_BAD_BIRTH_DATE", value=raw)),
                (why == dates.MONTH_FIRST, self._msg("MSG_BIRTH_MONTH_FIRST", value=raw)),
                (why == dates.FUTURE, self._msg("MSG_BIRTH_IN_FUTURE", value=raw)),
            ]
        if "sex" in fields:
            refuse.append(
                (
                    src("sex").is_not_null() & pl.col("__sex").is_null(),
                    self._msg("MSG_BAD_SEX", value=src("sex")),
                )
            )
        if "village_code" in fields:
            refuse += self._village_checks(warn)
        if "bank" in fields:
            refuse.append(
                (
                    pl.col("__bank_key").is_not_null() & pl.col("__channel").is_null(),
                    self._msg("MSG_BAD_BANK", value=src("bank")),
                )
            )
        if "kks_number" in fields:
            kks_numeric = pl.col("__kks_numeric")
            refuse += [
                (kks_numeric, self._numeric_reason("label_kks", src("kks_number"))),
                (
                    pl.col("__kks").is_not_null()
                    & ~pl.col("__kks").str.contains(r"^\d{16}$")
                    & ~kks_numeric,
                    self._msg("MSG_BAD_KKS", value=src("kks_number")),
                ),
            ]
        if "dtks_date" in fields:
            refuse.append(
                (
                    pl.col("__dtks_why").is_not_null(),
                    self._msg("MSG_BAD_DTKS_DATE", value=src("dtks_date")),
                )
            )
        for name, key, parsed in (
            ("amount", "MSG_BAD_AMOUNT", "__amount"),
            ("desil", "MSG_BAD_DESIL", "__desil"),
        ):
            if name in fields:
                refuse.append(
                    (
                        src(name).is_not_null() & pl.col(parsed).is_null(),
                        self._msg(key, value=src(name)),
                    )
                )
        return refuse, warn

    def _village_checks(self, warn: list) -> list[tuple[pl.Expr, pl.Expr]]:
        raw, village = pl.col("__f_village_code"), pl.col("__village")
        well_formed = pl.col("__village_digits").str.contains(r"^\d{10}$").fill_null(False)
        unknown = pl.lit(False)
        if self.known_villages is not None:
            known = pl.Series(sorted(self.known_villages), dtype=pl.String)
            unknown = ~village.is_in(known.implode())
        checks = [
            (raw.is_null(), pl.lit(self._messages["MSG_VILLAGE_MISSING"])),
            (raw.is_not_null() & ~well_formed, self._msg("MSG_BAD_VILLAGE", value=raw)),
            (well_formed & unknown, self._msg("MSG_UNKNOWN_VILLAGE", value=village)),
        ]
        if self.area:
            outside = well_formed & ~unknown & ~village.str.starts_with(f"{self.area}.")
            pair = (outside, self._msg("MSG_OUT_OF_AREA", value=village, area=self.area))
            (warn if self.out_of_area_warn else checks).append(pair)
        return checks

    def check(self, chunk: pl.DataFrame) -> ChunkResult:
        frame = self._prepare(chunk)
        bank_key = pl.col("__bank_key")
        frame = frame.with_columns(
            _normalise_key(pl.col("__f_sex")).replace_strict(SEXES, default=None).alias("__sex"),
            bank_key.replace_strict({k: v[0] for k, v in BANKS.items()}, default=None).alias(
                "__channel"
            ),
            bank_key.replace_strict({k: v[1] for k, v in BANKS.items()}, default=None).alias(
                "__bank"
            ),
            values.amount(pl.col("__f_amount")).alias("__amount"),
            values.desil(pl.col("__f_desil")).alias("__desil"),
        )
        refuse, warn = self._checks()
        fields = self.fields
        nik_digits = pl.col("__nik_digits")
        name = pl.col("__f_name").str.replace_all(r"\s+", " ")
        # Reasons are spelled out only for the rows at fault (few: building message strings
        # for every row would dominate the cost).
        checked = frame.with_columns(
            pl.any_horizontal([fault.fill_null(False) for fault, _ in refuse]).alias("__suspect"),
            pl.any_horizontal(
                [fault.fill_null(False) for fault, _ in warn] or [pl.lit(False)]
            ).alias("__warned"),
            pl.col("__row").alias("row_no"),
            nik_digits.cast(pl.Int64, strict=False).alias("nik"),
            pl.col("__kk_digits").cast(pl.Int64, strict=False).alias("kk"),
            (name.str.to_uppercase() if "name" in fields else pl.lit(None)).alias("name"),
            pl.coalesce(pl.col("__sex"), rules.nik_sex(nik_digits)).alias("sex"),
            pl.col("__f_birth_place").alias("birth_place"),
            pl.coalesce(pl.col("__birth"), pl.col("__nik_birth")).alias("birth_date"),
            pl.col("__f_address").alias("address"),
            (
                pl.col("__village") if "village_code" in fields else pl.lit(None, dtype=pl.String)
            ).alias("village_code"),
            pl.col("__kks").alias("kks_number"),
            pl.col("__channel").alias("channel"),
            pl.col("__bank").alias("bank"),
            pl.col("__f_period").alias("period"),
            pl.col("__dtks").alias("dtks_date"),
            pl.col("__amount").alias("amount"),
            pl.col("__desil").alias("desil"),
        )
        bad = checked.filter(pl.col("__suspect")).with_columns(
            _joined([pl.when(f.fill_null(False)).then(r) for f, r in refuse]).alias("__reason"),
            pl.lit(OUTCOME_REJECTED).alias("__outcome"),
        )
        good = checked.filter(~pl.col("__suspect"))
        good, dup_rejects = self._duplicates(good)
        warned = good.filter(pl.col("__warned")).with_columns(
            _joined([pl.when(f.fill_null(False)).then(r) for f, r in warn]).alias("__reason"),
            pl.lit(OUTCOME_WARNING).alias("__outcome"),
        )
        dup_rejects = dup_rejects.with_columns(pl.lit(OUTCOME_REJECTED).alias("__outcome"))
        reported = [f for f in (bad, dup_rejects, warned) if f.height] or [bad]
        rows = pl.concat(reported, how="diagonal_relaxed")
        raw_columns = [c for c in chunk.columns if not c.startswith("__")]
        rejects = rows.select(
            pl.col("__row").alias("baris"),
            pl.col("__outcome").alias("hasil"),
            pl.col("__reason").alias("alasan"),
            *raw_columns,
        ).sort("baris")
        valid = good.select([pl.col(name).cast(dtype) for name, dtype in STAGE_COLUMNS.items()])
        return ChunkResult(valid=valid, rejects=rejects, warnings=warned.height)

    def _duplicates(self, good: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Keep each NIK's first row in the whole file; later ones and registry clashes go back."""
        firsts = good.group_by("nik").agg(pl.col("__row").min().alias("first_in_chunk"))
        known = firsts.join(self._seen, on="nik", how="left").with_columns(
            pl.coalesce("first_row", "first_in_chunk").alias("first_row")
        )
        flagged = good.join(known.select("nik", "first_row"), on="nik", how="left")
        dup_reason = self._msg("MSG_DUPLICATE_IN_FILE", first=pl.col("first_row").cast(pl.String))
        taken_reason = self._msg(
            "MSG_DUPLICATE_IN_REGISTRY", programme=self.programme, year=str(self.year or "")
        )
        flagged = flagged.with_columns(
            pl.when(pl.col("first_row") != pl.col("__row"))
            .then(dup_reason)
            .when(pl.col("nik").is_in(self._taken.implode()))
            .then(taken_reason)
            .otherwise(pl.lit(""))
            .alias("__reason")
        )
        self._seen = pl.concat(
            [
                self._seen,
                known.filter(pl.col("first_row") == pl.col("first_in_chunk")).select(
                    "nik", "first_row"
                ),
            ]
        )
        rejected = flagged.filter(pl.col("__reason") != "")
        kept = flagged.filter(pl.col("__reason") == "").drop("first_row")
        return kept, rejected.drop("first_row")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(template: str, values: dict) -> pl.Expr:
    """`template` with `{key}` placeholders filled from expressions (or plain strings)."""
    parts: list[pl.Expr] = []
    rest = template
    while rest:
        start = rest.find("{")
        end = rest.find("}", start)
        if start < 0 or end < 0 or rest[start + 1 : end] not in values:
            parts.append(pl.lit(rest))
            break
        if start:
            parts.append(pl.lit(rest[:start]))
        value = values[rest[start + 1 : end]]
        parts.append(value if isinstance(value, pl.Expr) else pl.lit(value))
        rest = rest[end + 1 :]
    return pl.concat_str(parts, ignore_nulls=True) if parts else pl.lit("")


def _normalise_key(expr: pl.Expr) -> pl.Expr:
    return expr.str.to_uppercase().str.replace_all(r"[^A-Z0-9]+", "_").str.strip_chars("_")


def _joined(reasons: list[pl.Expr]) -> pl.Expr:
    if not reasons:
        return pl.lit("")
    return pl.concat_list(reasons).list.drop_nulls().list.join("; ")
