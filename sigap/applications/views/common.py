"""Helpers the request views share."""

from django.http import FileResponse, Http404, HttpRequest

from sigap.applications import selectors
from sigap.applications.models import Request, Upload
from sigap.applications.workflow import due_step_labels


def stream_upload(upload: Upload) -> FileResponse:
    """Serves a private upload as an attachment (never inline: it came from outside)."""
    try:
        handle = upload.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=upload.original_name, content_type=upload.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # An applicant's KTP, KK or certificate: no browser or proxy keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


def posted(request: HttpRequest):
    """The POST data on a POST (even when empty: all fields optional), else None (unbound)."""
    return request.POST if request.method == "POST" else None


def bound(request: HttpRequest) -> tuple:
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def checklist_with_due_steps(req: Request) -> list[dict]:
    """The checklist, each item due after intake carrying the label of its step (`due_step`)."""
    due_steps = due_step_labels(req)
    items = selectors.checklist(req)
    for item in items:
        item["due_step"] = due_steps.get(item["code"], "")
    return items
