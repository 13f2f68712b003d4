"""The 9 elements (unsur) of the SKM of PermenPAN-RB 14/2017, with the regulation's default
questions and the answer labels of its sample questionnaire (each element may have its own)."""

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Element:
    code: str  # u1..u9, in the order the regulation LISTS them (the index uses this order)
    name: str
    question: str
    labels: tuple[str, str, str, str]  # answer 1 (worst) .. 4 (best)


_FIT = (
    pgettext_lazy("SKM", "Not suitable"),
    pgettext_lazy("SKM", "Less suitable"),
    pgettext_lazy("SKM", "Suitable"),
    pgettext_lazy("SKM", "Very suitable"),
)
_EASY = (
    pgettext_lazy("SKM", "Not easy"),
    pgettext_lazy("SKM", "Less easy"),
    pgettext_lazy("SKM", "Easy"),
    pgettext_lazy("SKM", "Very easy"),
)

ELEMENTS: tuple[Element, ...] = (
    Element(
        "u1",
        pgettext_lazy("SKM element", "Requirements"),
        pgettext_lazy("SKM", "How well do the service's requirements fit the kind of service?"),
        _FIT,
    ),
    Element(
        "u2",
        pgettext_lazy("SKM element", "Systems, mechanisms and procedures"),
        pgettext_lazy("SKM", "How easy is the service procedure at this unit to follow?"),
        _EASY,
    ),
    Element(
        "u3",
        pgettext_lazy("SKM element", "Completion time"),
        pgettext_lazy("SKM", "How fast is the time to deliver the service?"),
        (
            pgettext_lazy("SKM", "Not fast"),
            pgettext_lazy("SKM", "Less fast"),
            pgettext_lazy("SKM", "Fast"),
            pgettext_lazy("SKM", "Very fast"),
        ),
    ),
    Element(
        "u4",
        pgettext_lazy("SKM element", "Fee / tariff"),
        pgettext_lazy("SKM", "How reasonable is the fee of the service?"),
        (
            pgettext_lazy("SKM", "Very expensive"),
            pgettext_lazy("SKM", "Quite expensive"),
            pgettext_lazy("SKM", "Cheap"),
            pgettext_lazy("SKM", "Free"),
        ),
    ),
    Element(
        "u5",
        pgettext_lazy("SKM element", "Product specification of the type of service"),
        pgettext_lazy(
            "SKM",
            "How well does the product as published in the standard match what was delivered?",
        ),
        _FIT,
    ),
    Element(
        "u6",
        pgettext_lazy("SKM element", "Competence of the staff"),
        pgettext_lazy("SKM", "How competent were the staff in delivering the service?"),
        (
            pgettext_lazy("SKM", "Not competent"),
            pgettext_lazy("SKM", "Less competent"),
            pgettext_lazy("SKM", "Competent"),
            pgettext_lazy("SKM", "Very competent"),
        ),
    ),
    Element(
        "u7",
        pgettext_lazy("SKM element", "Behaviour of the staff"),
        pgettext_lazy(
            "SKM", "How courteous and friendly were the staff in delivering the service?"
        ),
        (
            pgettext_lazy("SKM", "Not courteous or friendly"),
            pgettext_lazy("SKM", "Less courteous and friendly"),
            pgettext_lazy("SKM", "Courteous and friendly"),
            pgettext_lazy("SKM", "Very courteous and friendly"),
        ),
    ),
    Element(
        "u8",
        pgettext_lazy("SKM element", "Handling of complaints, suggestions and input"),
        pgettext_lazy("SKM", "How well are complaints, suggestions and input handled?"),
        (
            pgettext_lazy("SKM", "Not available"),
            pgettext_lazy("SKM", "Available but not working"),
            pgettext_lazy("SKM", "Working but not well"),
            pgettext_lazy("SKM", "Handled well"),
        ),
    ),
    Element(
        "u9",
        pgettext_lazy("SKM element", "Facilities and infrastructure"),
        pgettext_lazy("SKM", "How good are the facilities and infrastructure?"),
        (
            pgettext_lazy("SKM", "Poor"),
            pgettext_lazy("SKM", "Adequate"),
            pgettext_lazy("SKM", "Good"),
            pgettext_lazy("SKM", "Very good"),
        ),
    ),
)
ELEMENT_CODES: tuple[str, ...] = tuple(e.code for e in ELEMENTS)
BY_CODE: dict[str, Element] = {e.code: e for e in ELEMENTS}

# The regulation's sample questionnaire asks about facilities (its element i) as question 8 and
# complaint handling (element h) last, unlike its list; this is the default order of the form.
# Offices may configure their own order and labels (QuestionnaireConfig).
SAMPLE_QUESTIONNAIRE_ORDER: tuple[str, ...] = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u9", "u8")
