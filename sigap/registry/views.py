"""Staff pages of the registry: search, a person's page, and bulk imports with progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.accounts.roles import Role
from sigap.core.access import has_role, log_access
from sigap.core.decorators import staff_required
from sigap.core.limits import body_limit
from sigap.core.models import AccessAction
from sigap.registry import selectors, services
from sigap.registry.import_preview import import_preview
from sigap.registry.importing.layouts import FIELDS
from sigap.registry.models import (
    ImportBatch,
    ImportLayout,
    ImportPolicy,
    ImportStatus,
    OutOfArea,
    Programme,
)
from sigap.registry.person_page import person_panels, requests_about
from sigap.registry.selectors import IMPORT_ROLES, REGISTRY_ROLES, import_body_limit


def _rows(user, persons):
    return [(p, selectors.nik_for(user, p.nik)) for p in persons]


@staff_required(*REGISTRY_ROLES)
def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    persons = selectors.persons_search(user=request.user, q=q) if q else []
    context = {"q": q, "rows": _rows(request.user, persons), "searched": bool(q)}
    if request.headers.get("HX-Request"):
        return render(request, "registry/_results.html", context)
    return render(request, "registry/search.html", context)


@staff_required(*REGISTRY_ROLES)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_for_user(request.user, pk)
    log_access(request.user, person, summary=f"registry person {person.pk}", request=request)
    context = {
        "person": person,
        "nik": selectors.nik_for(request.user, person.nik),
        "kk": selectors.nik_for(request.user, person.family.kk_number if person.family else ""),
        "family": _rows(request.user, selectors.family_members(person)),
        "memberships": selectors.memberships_for_person(person),
        "requests": requests_about(request.user, person)[:100],
        "panels": person_panels(request.user, person),
    }
    return render(request, "registry/person.html", context)


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    try:
        return selectors.import_batches_for_user(request.user).get(pk=pk)
    except ImportBatch.DoesNotExist as exc:
        raise Http404 from exc


@staff_required(*IMPORT_ROLES)
@body_limit(import_body_limit)
def imports(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationError(_("Choose a CSV or XLSX file."))
            year = request.POST.get("year") or None
            batch = services.import_batch_create(
                office=request.user.office,
                created_by=request.user,
                file=upload,
                original_name=upload.name,
                programme=request.POST.get("programme", ""),
                year=int(year) if year and year.isdigit() else None,
            )
            return redirect("registry:import_detail", pk=batch.pk)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    batches = selectors.import_batches_for_user(request.user)[:50]
    policy = ImportPolicy.objects.filter(office_id=request.user.office_id).first()
    return render(
        request,
        "registry/imports.html",
        {
            "batches": batches,
            "error": error,
            "programmes": Programme.choices,
            "out_of_area": policy.out_of_area if policy else OutOfArea.REJECT,
            "out_of_area_choices": OutOfArea.choices,
            "may_set_policy": has_role(request.user, Role.HEAD_OF_DIVISION),
        },
    )


@require_POST
@staff_required(Role.HEAD_OF_DIVISION)
def import_policy(request: HttpRequest) -> HttpResponse:
    """The Kepala Bidang decides whether rows outside the office's area are kept (warned)."""
    try:
        services.import_policy_set(
            office=request.user.office, out_of_area=request.POST.get("out_of_area", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("registry:imports")


@staff_required(*IMPORT_ROLES)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    context = {
        "batch": batch,
        "fields": FIELDS.items(),
        "layouts": ImportLayout.choices,
        "error": "",
    }
    if batch.status == ImportStatus.UPLOADED:
        context["preview"] = import_preview(batch)
    if request.method == "POST" and batch.status == ImportStatus.UPLOADED:
        headers = [h for h, _field in context["preview"].headers]
        mapping = {h: request.POST.get(f"map-{i}", "") for i, h in enumerate(headers)}
        layout = request.POST.get("layout") or None
        try:
            services.import_batch_start(batch=batch, mapping=mapping, layout=layout)
            return redirect("registry:import_detail", pk=batch.pk)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            # Show the clerk's choices back, not the stored guess.
            preview = context["preview"]
            preview.headers = [(h, mapping.get(h, "")) for h in headers]
            context["chosen_layout"] = layout or batch.layout
    context.setdefault("chosen_layout", batch.layout)
    return render(request, "registry/import_detail.html", context)


@staff_required(*IMPORT_ROLES)
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "registry/_progress.html", {"batch": _batch(request, pk)})


@require_POST
@staff_required(*IMPORT_ROLES)
def import_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        if action == "rollback":
            services.import_batch_rollback(batch=batch)
        elif action == "resume":
            services.import_batch_resume(batch=batch)
        elif action == "cancel":
            services.import_batch_cancel(batch=batch)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("registry:import_detail", pk=batch.pk)


@staff_required(*IMPORT_ROLES)
def import_rejects(request: HttpRequest, pk: int) -> FileResponse:
    batch = _batch(request, pk)
    if not batch.rejects_file:
        raise Http404
    if batch.office_id != request.user.office_id and not request.user.is_superuser:
        raise PermissionDenied
    log_access(request.user, batch, action=AccessAction.DOWNLOAD, summary="rejected rows")
    return FileResponse(
        batch.rejects_file.open("rb"),
        as_attachment=True,
        filename=f"ditolak-{batch.pk}.csv",
        content_type="text/csv",
    )
