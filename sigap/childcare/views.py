"""Staff pages of child cases. Every case URL goes through `access.get_case_for_user`
(404 for anyone not on the case, and the opening is logged)."""

import csv
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from sigap.childcare import access, forms, referrals, selectors, services
from sigap.childcare.models import CaseDocument, CaseStatus, Centre
from sigap.core.access import log_access
from sigap.core.decorators import staff_required
from sigap.core.models import AccessAction


@staff_required()
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    status = request.GET.get("status", "")
    due_only = request.GET.get("due") == "1"
    cases = selectors.cases_for_list(user, status=status, due_only=due_only)
    context = {
        "rows": selectors.case_rows(cases[:200]),
        "status": status,
        "due_only": due_only,
        "statuses": CaseStatus.choices,
        "counts": selectors.cases_counts(office=user.office) if user.office_id else None,
        "referred_counts": (
            selectors.referred_counts(referring_office=user.office)
            if user.office_id and user.office.parent_id
            else None
        ),
        "can_register": access.can_register(user),
        "can_send_referral": referrals.can_send(user),
        "can_read_log": access.can_read_access_log(user),
    }
    return render(request, "childcare/case_list.html", context)


@staff_required()
def case_export(request: HttpRequest) -> HttpResponse:
    """A CSV of the user's openable cases, identities masked; each case's export is logged."""
    cases = list(
        selectors.cases_for_list(request.user).select_related("child", "placement__centre")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kasus-anak.csv"'
    writer = csv.writer(response)
    writer.writerow(["nomor_kasus", "anak", "nik", "status", "tinjauan_berikut", "balai_loka"])
    for case, row in zip(cases, selectors.case_rows(cases), strict=True):
        log_access(request.user, case, action=AccessAction.EXPORT, request=request)
        writer.writerow(
            [
                row.code,
                row.child_masked,
                row.nik_masked,
                row.status_label,
                row.next_review_on or "",
                row.centre,
            ]
        )
    return response


@staff_required()
@require_http_methods(["GET", "POST"])
def case_register(request: HttpRequest) -> HttpResponse:
    if not access.can_register(request.user):
        raise PermissionDenied
    office = request.user.office
    form = forms.ReferralForm(request.POST or None, request.FILES or None, office=office)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            case = services.case_register(
                office=office,
                registered_by=request.user,
                child_nik=data.pop("child_nik") or None,
                **data,
            )
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _("Referral %(code)s registered.") % {"code": case.code})
            if access.can_open(request.user, case):
                return redirect("childcare:detail", pk=case.pk)
            return redirect("childcare:list")
    return render(
        request,
        "childcare/form.html",
        {"form": form, "title": _("Register a referral"), "multipart": True, "case": None},
    )


@staff_required()
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk, request=request)
    user = request.user
    context = {
        "case": case,
        "child": case.child,
        "assignments": case.assignments.select_related("from_user", "to_user", "by"),
        "consent": getattr(case, "consent", None),
        "assessment": getattr(case, "assessment", None),
        "health": getattr(case, "health_certificate", None),
        "placement": getattr(case, "placement", None),
        "care_plan": getattr(case, "care_plan", None),
        "reviews": case.reviews.select_related("social_worker", "child_companion"),
        "notes": case.notes.select_related("author")[:50],
        "documents": case.documents.all(),
        "issued": selectors.issued_documents_for(case),
        "blockers": (
            services.placement_blockers(case) if case.status == CaseStatus.REFERRED else []
        ),
        "can_assign": access.can_assign(user, case),
        "can_work": access.can_work_on(user, case),
        "can_place": access.can_place(user, case),
        "can_close": access.can_close(user, case),
        "note_form": forms.NoteForm(),
    }
    return render(request, "childcare/case_detail.html", context)


def _case_form_view(
    request: HttpRequest,
    pk: int,
    *,
    form_class,
    allowed: Callable,
    save: Callable,
    title,
    done,
    form_kwargs: Callable | None = None,
    initial: Callable | None = None,
    extra: Callable | None = None,
) -> HttpResponse:
    """The pattern of every case action page: open (404/log), check the right, parse, save."""
    case = access.get_case_for_user(request.user, pk, request=request)
    if not allowed(request.user, case):
        raise PermissionDenied
    kwargs = form_kwargs(case) if form_kwargs else {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **kwargs)
    else:
        form = form_class(initial=initial(case) if initial else None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(case, form.cleaned_data, request.user)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("childcare:detail", pk=case.pk)
    context = {"form": form, "title": title, "case": case, "multipart": True}
    if extra:
        context.update(extra(case))
    return render(request, "childcare/form.html", context)


@staff_required()
@require_http_methods(["GET", "POST"])
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=forms.AssignForm,
        allowed=access.can_assign,
        form_kwargs=lambda case: {"office": case.office},
        save=lambda case, d, user: services.case_assign(case=case, by=user, **d),
        title=_("Assign or hand over the case"),
        done=_("The assignment was recorded."),
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=forms.ConsentForm,
        allowed=access.can_work_on,
        save=lambda case, d, user: services.consent_record(case=case, by=user, **d),
        title=_("Consent to further rehabilitation"),
        done=_("The consent was recorded."),
    )


def _assessment_initial(case) -> dict:
    assessment = getattr(case, "assessment", None)
    if assessment is None:
        return {}
    return {name: getattr(assessment, name) for name in services.ASSESSMENT_FIELDS}


@staff_required()
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=forms.AssessmentForm,
        allowed=access.can_work_on,
        initial=_assessment_initial,
        save=lambda case, d, user: services.assessment_record(case=case, by=user, **d),
        title=_("Social worker's assessment"),
        done=_("The assessment was saved."),
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def health(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=forms.HealthForm,
        allowed=access.can_work_on,
        save=lambda case, d, user: services.health_certificate_record(case=case, by=user, **d),
        title=_("Doctor's health certificate"),
        done=_("The health certificate was recorded."),
    )


def _place(case, data, user) -> None:
    centre = Centre.objects.filter(pk=data.pop("centre"), office=case.office).first()
    if centre is None:
        raise ValidationError({"centre": services.MSG_CENTRE_OTHER_OFFICE})
    services.case_place(case=case, centre=centre, by=user, **data)


@staff_required()
@require_http_methods(["GET", "POST"])
def placement(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=forms.PlacementForm,
        allowed=access.can_place,
        form_kwargs=lambda case: {
            "centre_rows": selectors.centres_with_occupancy(office=case.office)
        },
        save=_place,
        title=_("Placement into a centre"),
        done=_("The child was placed and the BAST issued."),
        extra=lambda case: {
            "centre_rows": selectors.centres_with_occupancy(office=case.office),
            "blockers": services.placement_blockers(case),
        },
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def care_plan(request: HttpRequest, pk: int) -> HttpResponse:
    def initial(case):
        plan = getattr(case, "care_plan", None)
        if plan is None:
            return {"review_every_days": services.DEFAULT_REVIEW_DAYS}
        return {
            "goals": plan.goals,
            "activities": plan.activities,
            "review_every_days": plan.review_every_days,
        }

    return _case_form_view(
        request,
        pk,
        form_class=forms.CarePlanForm,
        allowed=access.can_work_on,
        initial=initial,
        save=lambda case, d, user: services.care_plan_save(case=case, by=user, **d),
        title=_("Care plan"),
        done=_("The care plan was saved."),
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=forms.ReviewForm,
        allowed=access.can_work_on,
        save=lambda case, d, user: services.review_record(case=case, by=user, **d),
        title=_("Periodic review"),
        done=_("The review was recorded."),
    )


@staff_required()
@require_http_methods(["POST"])
def note(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=forms.NoteForm,
        allowed=access.can_work_on,
        save=lambda case, d, user: services.note_add(case=case, by=user, **d),
        title=_("Progress note"),
        done=_("The note was added."),
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def link_nik(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=forms.NikForm,
        allowed=access.can_work_on,
        save=lambda case, d, user: services.case_link_nik(case=case, by=user, **d),
        title=_("Link the child's NIK"),
        done=_("The NIK was linked."),
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=forms.CloseForm,
        allowed=access.can_close,
        save=lambda case, d, user: services.case_close(case=case, by=user, **d),
        title=_("End of service and outcome"),
        done=_("The case was closed with its outcome."),
    )


@staff_required()
def document(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    """A case file, streamed only after the case policy; the download is logged."""
    case = access.get_case_for_user(
        request.user, pk, request=request, action=AccessAction.DOWNLOAD, summary=f"doc {doc_pk}"
    )
    item = CaseDocument.objects.filter(case=case, pk=doc_pk).first()
    if item is None:
        raise Http404
    return _private_file(item.file, f"{case.code}-{item.kind}", item.content_type)


@staff_required()
def issued(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    """An issued document of the case (the BAST) through the case policy."""
    case = access.get_case_for_user(
        request.user, pk, request=request, action=AccessAction.DOWNLOAD, summary=f"issued {doc_pk}"
    )
    item = selectors.issued_documents_for(case).filter(pk=doc_pk).first()
    if item is None:
        raise Http404
    return _private_file(item.file, f"{case.code}-bast", "application/pdf")


def _private_file(field, stem: str, content_type: str) -> FileResponse:
    ext = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        content_type, "bin"
    )
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type, filename=f"{stem}.{ext}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required()
def access_log(request: HttpRequest) -> HttpResponse:
    """Who opened which case (by number), for the head of office and the inspectorate."""
    if not access.can_read_access_log(request.user):
        raise PermissionDenied
    entries = list(selectors.case_access_log(office=request.user.office)[:500])
    codes = selectors.case_codes({entry.object_id for entry in entries})
    rows = [(entry, codes.get(entry.object_id, "")) for entry in entries]
    return render(request, "childcare/access_log.html", {"rows": rows})


@staff_required()
def centres(request: HttpRequest) -> HttpResponse:
    if not request.user.office_id:
        raise Http404
    rows = selectors.centres_with_occupancy(office=request.user.office)
    return render(request, "childcare/centres.html", {"centre_rows": rows})


@staff_required(*referrals.SEND_ROLES)
@require_http_methods(["GET", "POST"])
def referral_send(request: HttpRequest) -> HttpResponse:
    """A regency's social worker sends a child's referral to the province's service."""
    if not referrals.can_send(request.user):
        raise PermissionDenied
    standard = referrals.province_standard(request.user.office)
    form = forms.RegencyReferralForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        letter, assessment = data.pop("referral_letter"), data.pop("assessment")
        try:
            sent = referrals.referral_send(
                sender=request.user, data=data, request_letter=letter, assessment=assessment
            )
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Referral sent to %(office)s as request %(code)s.")
                % {"office": sent.office.name, "code": sent.code},
            )
            return redirect("childcare:referrals_sent")
    return render(
        request,
        "childcare/referral_send.html",
        {"form": form, "standard": standard},
        status=400 if form.errors else 200,
    )


@staff_required(*referrals.SEND_ROLES)
def referrals_sent(request: HttpRequest) -> HttpResponse:
    """The regency's sent referrals and how each goes: no child's record, only its progress."""
    if not referrals.can_send(request.user):
        raise PermissionDenied
    return render(
        request,
        "childcare/referrals_sent.html",
        {"cases": referrals.referrals_sent(request.user.office)[:200]},
    )
