"""The community satisfaction index (IKM) exactly as PermenPAN-RB 14/2017 computes it.

NRR per element = the average of its answers (1-4). IKM = sum of NRR x weight, the weight being
1/9 (the regulation prints it rounded to 0.11: both are offered, exact 1/9 by default). The
converted score = IKM x 25 (scale 25-100), rounded to two decimals half-up; the quality category
is read from the converted score. Averages are kept unrounded until the end (Decimal throughout).
"""

from bisect import bisect_left
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from sigap.surveys.elements import ELEMENT_CODES

WEIGHT_EXACT = "exact"  # 1/9
WEIGHT_PRINTED = "0.11"  # the rounded weight printed in the regulation
WEIGHTS = (WEIGHT_EXACT, WEIGHT_PRINTED)
_TWO = Decimal("0.01")

# (lowest converted score, letter, quality), highest first.
CATEGORIES = (
    (Decimal("88.31"), "A", _("Very good (Sangat Baik)")),
    (Decimal("76.61"), "B", _("Good (Baik)")),
    (Decimal("65.00"), "C", _("Less than good (Kurang Baik)")),
    (Decimal("25.00"), "D", _("Not good (Tidak Baik)")),
)


def category(score: Decimal) -> tuple[str, str]:
    """The letter and quality of a converted score (already rounded to two decimals)."""
    for lowest, letter, label in CATEGORIES:
        if score >= lowest:
            return letter, str(label)
    return "D", str(CATEGORIES[-1][2])


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    nrr: dict[str, Decimal]  # unrounded average per element
    ikm: Decimal  # weighted sum on the 1-4 scale, unrounded
    score: Decimal  # converted (x25), rounded to 2 decimals
    letter: str
    quality: str
    weight: str

    def weighted(self) -> dict[str, Decimal]:
        """NRR x weight per element (NRR tertimbang), to three decimals for the report table."""
        factor = Decimal("0.11") if self.weight == WEIGHT_PRINTED else Decimal(1) / Decimal(9)
        return {
            k: (v * factor).quantize(Decimal("0.001"), ROUND_HALF_UP) for k, v in self.nrr.items()
        }

    def nrr_rounded(self, places: str = "0.01") -> dict[str, Decimal]:
        return {k: v.quantize(Decimal(places), ROUND_HALF_UP) for k, v in self.nrr.items()}


def ikm_from_sums(
    sums: dict[str, int], counts: dict[str, int], *, weight: str = WEIGHT_EXACT
) -> IkmResult | None:
    """From the sum and number of answers per element; None when nobody answered."""
    if weight not in WEIGHTS:
        raise ValueError(weight)
    respondents = max(counts.values(), default=0)
    if not respondents or any(not counts.get(code) for code in ELEMENT_CODES):
        return None
    nrr = {code: Decimal(sums[code]) / Decimal(counts[code]) for code in ELEMENT_CODES}
    total = sum(nrr.values(), Decimal(0))
    if weight == WEIGHT_EXACT:
        ikm = total / Decimal(9)
        # total*25/9 divides once, so 36 answers of 4 give exactly 100.00.
        converted = total * 25 / Decimal(9)
    else:
        ikm = total * Decimal("0.11")
        converted = ikm * 25
    score = converted.quantize(_TWO, ROUND_HALF_UP)
    letter, quality = category(score)
    return IkmResult(respondents, nrr, ikm, score, letter, quality, weight)


def ikm_from_answers(rows: list[dict[str, int]], *, weight: str = WEIGHT_EXACT) -> IkmResult | None:
    sums = {code: sum(r[code] for r in rows) for code in ELEMENT_CODES}
    counts = {code: len(rows) for code in ELEMENT_CODES}
    return ikm_from_sums(sums, counts, weight=weight)


def priorities(result: IkmResult, *, count: int = 3) -> list[str]:
    """The lowest-scoring elements: where to improve first. An element that scores as high as
    the best one is never a priority (all equal: none)."""
    best = max(result.nrr.values())
    ranked = sorted(result.nrr.items(), key=lambda kv: (kv[1], kv[0]))
    return [code for code, value in ranked if value < best][:count]


# Krejcie & Morgan (1970) table of population N -> sample S, as the regulation reproduces it.
KREJCIE_MORGAN = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
)  # fmt: skip
_KM_N = [n for n, _s in KREJCIE_MORGAN]


def required_sample(population: int) -> int:
    """Minimum respondents for `population` served: the table row at or above it (the cautious
    reading between rows); below 10 people, everyone."""
    if population <= 0:
        return 0
    if population < 10:
        return population
    i = bisect_left(_KM_N, population)
    return KREJCIE_MORGAN[min(i, len(KREJCIE_MORGAN) - 1)][1]
