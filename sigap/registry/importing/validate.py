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
from sigap.registry.importing import rules

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
MSG_BAD_SEX = _("sex is not L/P ({value})")
MSG_VILLAGE_MISSING = _("village code is missing")
MSG_BAD_VILLAGE = _("village code is not 10 digits ({value})")
MSG_UNKNOWN_VILLAGE = _("unknown village code ({value})")
MSG_BAD_BANK = _("unknown bank or paying channel ({value})")
MSG_BAD_KKS = _("KKS card number must have 16 digits ({value})")
MSG_BAD_DTKS_DATE = _("DTKS/DTSEN date is not a valid date ({value})")
MSG_DUPLICATE_IN_FILE = _("NIK appears twice in the file (same as row {first})")
MSG_DUPLICATE_IN_REGISTRY = _("NIK is already on the {programme} {year} list of another office")

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
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")

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
}


@dataclass
class ChunkResult:
    valid: pl.DataFrame  # STAGE_COLUMNS
    rejects: pl.DataFrame  # __row, alasan, then the file's columns


@dataclass
class Checker:
    """Checks chunk after chunk, remembering NIKs seen so far (duplicates across chunks)."""

    mapping: dict[str, str]  # file header -> canonical field
    known_villages: set[str] | None = None  # None: do not check existence
    taken_niks: set[int] = field(default_factory=set)  # NIKs on another office's list
    programme: str = ""
    year: int | None = None
    today: date = field(default_factory=date.today)
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
            }

    @property
    def fields(self) -> set[str]:
        return set(self.mapping.values())

    def _source(self, name: str) -> pl.Expr:
        for header, target in self.mapping.items():
            if target == name:
                text = pl.col(header).cast(pl.String).str.strip_chars()
                return pl.when(text == "").then(None).otherwise(text)
        return pl.lit(None, dtype=pl.String)

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

    def check(self, chunk: pl.DataFrame) -> ChunkResult:
        fields = self.fields
        canonical = [
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
            "period",
            "dtks_date",
        ]
        frame = chunk.with_columns([self._source(f).alias(f"__f_{f}") for f in canonical])
        frame = rules.with_identity_checks(frame, "__f_nik", "__nik", nik=True, today=self.today)
        frame = rules.with_identity_checks(frame, "__f_kk_number", "__kk", nik=False)
        frame = frame.with_columns(
            pl.when(pl.col("__f_kk_number").is_null())
            .then(None)
            .otherwise(pl.col("__kk_code"))
            .alias("__kk_code"),
            pl.col("__f_village_code").str.replace_all(r"[.\s\-]", "").alias("__village_digits"),
            _normalise_key(pl.col("__f_bank")).alias("__bank_key"),
        )

        def src(name: str) -> pl.Expr:
            return pl.col(f"__f_{name}")

        nik_code, nik_digits = pl.col("__nik_code"), pl.col("__nik_digits")
        kk_raw, kk_code = src("kk_number"), pl.col("__kk_code")
        name = src("name").str.replace_all(r"\s+", " ")
        birth_raw = src("birth_date")
        birth = _parse_date(birth_raw)
        sex_raw = src("sex")
        sex = _normalise_key(sex_raw).replace_strict(SEXES, default=None)
        village_raw = src("village_code")
        village_digits = pl.col("__village_digits")
        village = pl.format(
            "{}.{}.{}.{}",
            village_digits.str.slice(0, 2),
            village_digits.str.slice(2, 2),
            village_digits.str.slice(4, 2),
            village_digits.str.slice(6, 4),
        )
        frame = frame.with_columns(village.alias("__village"))
        village = pl.col("__village")
        village_ok = village_digits.str.contains(r"^\d{10}$").fill_null(False)
        bank_key = pl.col("__bank_key")
        channel = bank_key.replace_strict({k: v[0] for k, v in BANKS.items()}, default=None)
        bank = bank_key.replace_strict({k: v[1] for k, v in BANKS.items()}, default=None)
        kks = src("kks_number").str.replace_all(r"[\s.\-]", "")
        dtks_raw = src("dtks_date")
        dtks = _parse_date(dtks_raw)

        # Any row failing a check; reasons are spelled out for those rows only (they are few,
        # and building message strings for every row would dominate the cost).
        suspect = [nik_code.is_not_null(), kk_code.is_not_null(), name.is_null()]
        if "birth_date" in fields:
            suspect.append(birth_raw.is_not_null() & birth.is_null())
        if "sex" in fields:
            suspect.append(sex_raw.is_not_null() & sex.is_null())
        if "bank" in fields:
            suspect.append(bank_key.is_not_null() & channel.is_null())
        if "kks_number" in fields:
            suspect.append(kks.is_not_null() & ~kks.str.contains(r"^\d{16}$"))
        if "dtks_date" in fields:
            suspect.append(dtks_raw.is_not_null() & dtks.is_null())
        reasons = [
            self._identity_reason(nik_code, src("nik"), "label_nik"),
            self._identity_reason(kk_code, kk_raw, "label_kk"),
            pl.when(name.is_null()).then(pl.lit(self._messages["MSG_NAME_MISSING"])),
        ]
        if "birth_date" in fields:
            reasons.append(
                pl.when(birth_raw.is_not_null() & birth.is_null()).then(
                    self._msg("MSG_BAD_BIRTH_DATE", value=birth_raw)
                )
            )
        if "sex" in fields:
            reasons.append(
                pl.when(sex_raw.is_not_null() & sex.is_null()).then(
                    self._msg("MSG_BAD_SEX", value=sex_raw)
                )
            )
        if "village_code" in fields:
            unknown = pl.lit(False)
            if self.known_villages is not None:
                known = pl.Series(sorted(self.known_villages), dtype=pl.String)
                unknown = ~village.is_in(known.implode())
            suspect.append(village_raw.is_null() | ~village_ok | unknown)
            reasons.append(
                pl.when(village_raw.is_null())
                .then(pl.lit(self._messages["MSG_VILLAGE_MISSING"]))
                .when(~village_ok)
                .then(self._msg("MSG_BAD_VILLAGE", value=village_raw))
                .when(unknown)
                .then(self._msg("MSG_UNKNOWN_VILLAGE", value=village))
            )
        if "bank" in fields:
            reasons.append(
                pl.when(bank_key.is_not_null() & channel.is_null()).then(
                    self._msg("MSG_BAD_BANK", value=src("bank"))
                )
            )
        if "kks_number" in fields:
            reasons.append(
                pl.when(kks.is_not_null() & ~kks.str.contains(r"^\d{16}$")).then(
                    self._msg("MSG_BAD_KKS", value=src("kks_number"))
                )
            )
        if "dtks_date" in fields:
            reasons.append(
                pl.when(dtks_raw.is_not_null() & dtks.is_null()).then(
                    self._msg("MSG_BAD_DTKS_DATE", value=dtks_raw)
                )
            )

        birth_from_nik = pl.col("__nik_birth")
        checked = frame.with_columns(
            pl.any_horizontal(suspect).alias("__suspect"),
            pl.col("__row").alias("row_no"),
            nik_digits.cast(pl.Int64, strict=False).alias("nik"),
            pl.col("__kk_digits").cast(pl.Int64, strict=False).alias("kk"),
            name.str.to_uppercase().alias("name")
            if "name" in fields
            else pl.lit(None).alias("name"),
            pl.coalesce(sex, rules.nik_sex(nik_digits)).alias("sex"),
            src("birth_place").alias("birth_place"),
            pl.coalesce(birth, birth_from_nik).alias("birth_date"),
            src("address").alias("address"),
            (
                pl.col("__village") if "village_code" in fields else pl.lit(None, dtype=pl.String)
            ).alias("village_code"),
            kks.alias("kks_number"),
            channel.alias("channel"),
            bank.alias("bank"),
            src("period").alias("period"),
            dtks.alias("dtks_date"),
        )
        bad = checked.filter(pl.col("__suspect")).with_columns(
            pl.concat_list(reasons).list.drop_nulls().list.join("; ").alias("__reason")
        )
        good = checked.filter(~pl.col("__suspect"))
        good, dup_rejects = self._duplicates(good)
        bad_rows = (
            pl.concat([bad, dup_rejects], how="diagonal_relaxed") if dup_rejects.height else bad
        )
        raw_columns = [c for c in chunk.columns if c != "__row"]
        rejects = bad_rows.select(
            pl.col("__row").alias("baris"), pl.col("__reason").alias("alasan"), *raw_columns
        ).sort("baris")
        valid = good.select([pl.col(name).cast(dtype) for name, dtype in STAGE_COLUMNS.items()])
        return ChunkResult(valid=valid, rejects=rejects)

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


def _parse_date(expr: pl.Expr) -> pl.Expr:
    return pl.coalesce(
        [expr.str.slice(0, 10).str.to_date(fmt, strict=False) for fmt in DATE_FORMATS]
    )
