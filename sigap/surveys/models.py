"""SKM (Survei Kepuasan Masyarakat, PermenPAN-RB 14/2017): invitations answerable once, the
answers with the respondent profile, per-office questionnaire settings and population figures."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel
from sigap.surveys.elements import ELEMENT_CODES


class Sex(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class Education(models.TextChoices):
    NONE = "none", _("No schooling")
    SD = "sd", _("Primary school (SD)")
    SMP = "smp", _("Junior high school (SMP)")
    SMA = "sma", _("Senior high school (SMA)")
    D123 = "d123", _("Diploma (D1-D3)")
    S1 = "s1", _("Bachelor / D4 (S1)")
    S2 = "s2", _("Master (S2)")
    S3 = "s3", _("Doctorate (S3)")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "pns", _("Civil servant")
    MILITARY_POLICE = "tni_polri", _("Military / police")
    PRIVATE = "private", _("Private employee")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    FARMER = "farmer", _("Farmer / fisher")
    STUDENT = "student", _("Student")
    HOMEMAKER = "homemaker", _("Homemaker")
    UNEMPLOYED = "unemployed", _("Not working")
    OTHER = "other", _("Other")


class SurveyInvitation(BaseModel):
    """A one-time link printed on a receipt or letter for one request (`reference`)."""

    token = models.CharField(max_length=43, unique=True)
    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+")
    standard = models.ForeignKey(
        "standards.ServiceStandard",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    service_code = models.SlugField(_("service code"), max_length=60, blank=True)
    reference = models.CharField(_("reference"), max_length=80)
    used_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "service_code", "reference"], name="survey_invitation_once"
            )
        ]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self) -> str:
        return f"{self.service_code} {self.reference}"


def _answer_field(code: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(code.upper())


class SurveyResponse(BaseModel):
    """One completed questionnaire. u1..u9 hold answers 1-4 in the regulation's element order."""

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "accounts.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    standard = models.ForeignKey(
        "standards.ServiceStandard",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    service_code = models.SlugField(_("service code"), max_length=60, blank=True, db_index=True)
    invitation = models.OneToOneField(
        SurveyInvitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    answered_on = models.DateField(_("answered on"), db_index=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    age = models.PositiveSmallIntegerField(_("age"))
    education = models.CharField(_("education"), max_length=8, choices=Education.choices)
    occupation = models.CharField(_("occupation"), max_length=16, choices=Occupation.choices)
    suggestion = models.TextField(_("suggestions"), blank=True, max_length=2000)
    u1 = _answer_field("u1")
    u2 = _answer_field("u2")
    u3 = _answer_field("u3")
    u4 = _answer_field("u4")
    u5 = _answer_field("u5")
    u6 = _answer_field("u6")
    u7 = _answer_field("u7")
    u8 = _answer_field("u8")
    u9 = _answer_field("u9")

    class Meta:
        ordering = ["-answered_on", "-id"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{c}__gte": 1, f"{c}__lte": 4}), name=f"skm_{c}_1_to_4"
                )
                for c in ELEMENT_CODES
            ),
            models.CheckConstraint(condition=Q(age__gte=10, age__lte=120), name="skm_age_range"),
        ]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"SKM {self.office_id} {self.answered_on}"

    def answers(self) -> dict[str, int]:
        return {c: getattr(self, c) for c in ELEMENT_CODES}


class QuestionnaireConfig(BaseModel):
    """An office's own order and wording of the questions (empty fields: the regulation's)."""

    office = models.OneToOneField("accounts.Office", on_delete=models.CASCADE, related_name="+")
    # ["u1", "u2", ...]: a permutation of the 9 element codes.
    order = models.JSONField(_("question order"), default=list, blank=True)
    # {"u4": {"question": "...", "labels": ["...", "...", "...", "..."]}}
    overrides = models.JSONField(_("questions and labels"), default=dict, blank=True)

    class Meta:
        verbose_name = _("questionnaire settings")
        verbose_name_plural = _("questionnaire settings")

    def __str__(self) -> str:
        return str(self.office)


class SurveyPopulation(BaseModel):
    """The number of people served in a period, entered by the office (for the sample size)."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+")
    service_code = models.SlugField(_("service code"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    # 1 or 2; 0 means the whole year.
    semester = models.PositiveSmallIntegerField(_("semester"), default=0)
    population = models.PositiveIntegerField(_("people served"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "service_code", "year", "semester"],
                name="survey_population_once",
            ),
            models.CheckConstraint(
                condition=Q(semester__in=[0, 1, 2]),
                name="survey_population_semester",
            ),
        ]
        verbose_name = _("population served")
        verbose_name_plural = _("population served")

    def __str__(self) -> str:
        return f"{self.office_id} {self.year}/{self.semester}: {self.population}"
