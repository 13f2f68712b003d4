"""Region search: an HTML fragment of <option>s for form widgets, and a public browse page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sigap.regions.forms import RegionSearchForm
from sigap.regions.selectors import region_label_of, region_path, regions_search


def _search(form: RegionSearchForm, *, default_limit: int) -> list[dict]:
    data = form.cleaned_data
    results = regions_search(
        data["q"],
        level=data["level"] or None,
        parent=data["parent"],
        limit=data["limit"] or default_limit,
    )
    return [{"region": r, "label": region_label_of(r)} for r in results]


@require_GET
def search_options(request: HttpRequest) -> HttpResponse:
    """`/regions/search?q=sragen&level=regency` -> `<option value="33.14">...` for a datalist.

    HTMX sends the input under its own name; `HX-Trigger-Name` says which one it is.
    """
    params = request.GET.copy()
    trigger = request.headers.get("HX-Trigger-Name", "")
    if not params.get("q") and trigger and trigger in params:
        params["q"] = params[trigger]
    form = RegionSearchForm(params)
    if not form.is_valid():
        return render(request, "regions/_options.html", {"errors": form.errors}, status=400)
    return render(request, "regions/_options.html", {"results": _search(form, default_limit=20)})


@require_GET
def browse(request: HttpRequest) -> HttpResponse:
    """Public page: search the region codes by name, or walk down from the provinces."""
    form = RegionSearchForm(request.GET or None)
    results, path = [], []
    if form.is_bound and form.is_valid():
        results = _search(form, default_limit=50)
        if form.cleaned_data["parent"]:
            path = list(reversed(region_path(form.cleaned_data["parent"])))
    elif not form.is_bound:
        results = _search(_empty_form(), default_limit=50)
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {"form": form, "results": results, "path": path}
    return render(request, "regions/browse.html", context, status=status)


def _empty_form() -> RegionSearchForm:
    form = RegionSearchForm({})
    form.is_valid()
    return form
