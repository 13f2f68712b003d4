"""Public pages of the service standards: the catalogue, an office's services, one standard."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from sigap.accounts.models import Office
from sigap.core.formatting import format_nip
from sigap.documents.pdf import qr_data_uri, render_pdf
from sigap.standards.models import ServiceStandard
from sigap.standards.selectors import (
    component_sections,
    standard_in_force,
    standard_revisions,
    standards_public,
)

PDF_CACHE_SECONDS = 60 * 60 * 24


def catalogue(request: HttpRequest) -> HttpResponse:
    standards = list(standards_public())
    offices: dict[int, dict] = {}
    for standard in standards:
        entry = offices.setdefault(standard.office_id, {"office": standard.office, "services": []})
        entry["services"].append(standard)
    return render(request, "standards/catalogue.html", {"offices": list(offices.values())})


def office_services(request: HttpRequest, office_code: str) -> HttpResponse:
    office = get_object_or_404(Office, code=office_code)
    return render(
        request,
        "standards/office.html",
        {"office": office, "services": list(standards_public(office))},
    )


def _standard_for(request: HttpRequest, code: str) -> ServiceStandard:
    """The revision in force, or the published revision `?revision=N` (requests keep theirs)."""
    wanted = request.GET.get("revision", "")
    if not wanted:
        return standard_in_force(code=code)
    if not wanted.isdigit() or len(wanted) > 5:
        raise Http404("No such revision")
    return get_object_or_404(
        standard_revisions(code=code).prefetch_related("requirements", "steps", "products"),
        revision=int(wanted),
        is_published=True,
    )


def _context(standard: ServiceStandard) -> dict:
    return {
        "standard": standard,
        "office": standard.office,
        "sections": component_sections(standard),
        "texts": standard.components or {},
    }


def standard_detail(request: HttpRequest, code: str) -> HttpResponse:
    standard = _standard_for(request, code)
    context = _context(standard)
    in_force = standards_public().filter(code=code).values_list("pk", flat=True).first()
    context["in_force"] = in_force == standard.pk
    context["revisions"] = [s for s in standard_revisions(code=code) if s.is_published]
    return render(request, "standards/standard_detail.html", context)


def standard_pdf(request: HttpRequest, code: str) -> HttpResponse:
    standard = _standard_for(request, code)
    url = settings.SITE_URL + reverse("standards:detail", args=[standard.code])
    context = _context(standard) | {
        "pdf": True,
        "document_number": standard.document_number,
        "signer_title": standard.signer_title,
        "signer_name": standard.signer_name,
        "signer_rank": standard.signer_rank,
        "signer_nip": format_nip(standard.signer_nip),
        "verify_url": url,
        "verify_qr": qr_data_uri(url),
    }
    # WeasyPrint takes about a second: a public URL must not cost that on every request.
    key = f"standards:pdf:{standard.pk}:{standard.updated_at.timestamp()}:{url}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf("standards/pdf/standard.html", context)
        cache.set(key, pdf, timeout=PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"standar-pelayanan-{standard.code}-rev{standard.revision}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
