"""The 9 elements (unsur) of the SKM of PermenPAN-RB 14/2017, with the regulation's default
questions and the answer labels of its sample questionnaire (each element may have its own)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Element:
    code: str  # u1..u9, in the order the regulation LISTS them (the index uses this order)
    name: str
    question: str
    labels: tuple[str, str, str, str]  # answer 1 (worst) .. 4 (best)


_FIT = (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable"))
_EASY = (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy"))

ELEMENTS: tuple[Element, ...] = (
    Element(
        "u1",
        pgettext_lazy("SKM element", "Requirements"),
        _("How well do the service's requirements fit the kind of service?"),
        _FIT,
    ),
    Element(
        "u2",
        pgettext_lazy("SKM element", "Systems, mechanisms and procedures"),
        _("How easy is the service procedure at this unit to follow?"),
        _EASY,
    ),
    Element(
        "u3",
        pgettext_lazy("SKM element", "Completion time"),
        _("How fast is the time to deliver the service?"),
        (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast")),
    ),
    Element(
        "u4",
        pgettext_lazy("SKM element", "Fee / tariff"),
        _("How reasonable is the fee of the service?"),
        (_("Very expensive"), _("Quite expensive"), _("Cheap"), _("Free")),
    ),
    Element(
        "u5",
        pgettext_lazy("SKM element", "Product specification of the type of service"),
        _("How well does the product as published in the standard match what was delivered?"),
        _FIT,
    ),
    Element(
        "u6",
        pgettext_lazy("SKM element", "Competence of the staff"),
        _("How competent were the staff in delivering the service?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent")),
    ),
    Element(
        "u7",
        pgettext_lazy("SKM element", "Behaviour of the staff"),
        _("How courteous and friendly were the staff in delivering the service?"),
        (
            _("Not courteous or friendly"),
            _("Less courteous and friendly"),
            _("Courteous and friendly"),
            _("Very courteous and friendly"),
        ),
    ),
    Element(
        "u8",
        pgettext_lazy("SKM element", "Handling of complaints, suggestions and input"),
        _("How well are complaints, suggestions and input handled?"),
        (
            _("Not available"),
            _("Available but not working"),
            _("Working but not well"),
            _("Handled well"),
        ),
    ),
    Element(
        "u9",
        pgettext_lazy("SKM element", "Facilities and infrastructure"),
        _("How good are the facilities and infrastructure?"),
        (_("Poor"), _("Adequate"), _("Good"), _("Very good")),
    ),
)
ELEMENT_CODES: tuple[str, ...] = tuple(e.code for e in ELEMENTS)
BY_CODE: dict[str, Element] = {e.code: e for e in ELEMENTS}

# The regulation's sample questionnaire asks about facilities (its element i) as question 8 and
# complaint handling (element h) last, unlike its list; this is the default order of the form.
# Offices may configure their own order and labels (QuestionnaireConfig).
SAMPLE_QUESTIONNAIRE_ORDER: tuple[str, ...] = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u9", "u8")
