"""Loads the catalogue files into versioned ServiceStandard rows (writes of the standards app).

One file per service (`catalogue/<code>.yaml`) holds one revision. Loading upserts by
(office, code, revision): the same file twice changes nothing, a file with a new revision adds a
row and leaves the older revisions as they are (requests filed under them keep them).
"""

from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError as SchemaError

from sigap.accounts.models import Office, Unit
from sigap.standards.models import (
    TEXT_COMPONENT_KEYS,
    ProcedureStep,
    Product,
    Requirement,
    ServiceStandard,
)
from sigap.standards.schema import CatalogueFile

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
# libyaml's safe loader when present: the same documents, ten times faster (loaded on migrate).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MSG_NO_FILES = _("%(path)s: no catalogue file (*.yaml) found.")
MSG_NOT_YAML = _("%(file)s: not valid YAML: %(problem)s")
MSG_NOT_MAPPING = _("%(file)s: the file must be a mapping of keys to values.")
MSG_INVALID_KEY = _("%(file)s: %(key)s: %(problem)s")
MSG_NAME_MISMATCH = _("%(file)s: the file must be named after its code, %(code)s.yaml.")
MSG_CODE_TWICE = _("%(file)s: the code %(code)s is already used by %(other)s.")
MSG_UNKNOWN_OFFICE = _("%(file)s: office: no office with the code %(office)s.")
MSG_UNKNOWN_UNIT = _("%(file)s: unit: office %(office)s has no unit with the code %(unit)s.")
MSG_CODE_OF_OTHER_OFFICE = _(
    "%(file)s: code: %(code)s is already a service of office %(other)s; codes are unique."
)
MSG_ITEM_IN_USE = _(
    "%(file)s: %(key)s: %(code)s is in use and cannot be removed from revision %(revision)s; "
    "publish a new revision instead."
)

# Fields of ServiceStandard set straight from the file.
_PLAIN_FIELDS = (
    "name",
    "summary",
    "field",
    "unit_name",
    "document_label",
    "document_number",
    "revision_date",
    "effective_date",
    "public_intake",
)


def _fail(message, **params) -> ValidationError:
    return ValidationError(message, params=params, code="catalogue")


def _format_loc(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def catalogue_file_parse(*, path: Path) -> CatalogueFile:
    """Reads and checks one catalogue file; raises ValidationError naming the file and key."""
    name = path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506
    except yaml.YAMLError as exc:
        raise _fail(MSG_NOT_YAML, file=name, problem=str(exc).replace("\n", " ")) from exc
    if not isinstance(raw, dict):
        raise _fail(MSG_NOT_MAPPING, file=name)
    try:
        data = CatalogueFile.model_validate(raw)
    except SchemaError as exc:
        raise ValidationError(
            [
                _fail(MSG_INVALID_KEY, file=name, key=_format_loc(e["loc"]), problem=e["msg"])
                for e in exc.errors()
            ]
        ) from exc
    if path.stem != data.code:
        raise _fail(MSG_NAME_MISMATCH, file=name, code=data.code)
    return data


def _catalogue_paths(path: Path | str | None) -> list[Path]:
    root = Path(path) if path is not None else CATALOGUE_DIR
    paths = sorted(root.glob("*.yaml")) if root.is_dir() else [root]
    if not paths or not all(p.is_file() for p in paths):
        raise _fail(MSG_NO_FILES, path=root.name)
    return paths


def _office_for(*, code: str, file: str) -> Office:
    office = Office.objects.filter(code=code).first()
    if office is not None:
        return office
    # A fresh database: the seed offices come with the catalogue (their data lives in accounts).
    from sigap.accounts.demo import OFFICES, office_upsert

    data = next((o for o in OFFICES if o["code"] == code), None)
    if data is None:
        raise _fail(MSG_UNKNOWN_OFFICE, file=file, office=code)
    if data.get("parent"):
        _office_for(code=data["parent"], file=file)
    return office_upsert(data)


def _unit_for(*, office: Office, code: str | None, file: str) -> Unit | None:
    if not code:
        return None
    unit = office.units.filter(code=code).first()
    if unit is not None:
        return unit
    from sigap.accounts.demo import OFFICES

    known = next((o for o in OFFICES if o["code"] == office.code), {"units": []})
    for unit_code, name, kind in known["units"]:
        if unit_code == code:
            return Unit.objects.create(office=office, code=code, name=name, kind=kind)
    raise _fail(MSG_UNKNOWN_UNIT, file=file, office=office.code, unit=code)


def _components(data: CatalogueFile) -> dict[str, Any]:
    components: dict[str, Any] = {}
    for key in TEXT_COMPONENT_KEYS:
        components[key] = getattr(data, key).model_dump(mode="json")
    for key in ("requirements", "procedure", "products"):
        section = getattr(data, key)
        components[key] = {"intro": section.intro, "notes": section.notes}
    return components


def _assign(obj: models.Model, values: dict[str, Any]) -> bool:
    """Sets the values that differ; True if any did (unchanged rows are not saved)."""
    changed = False
    for field, value in values.items():
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed = True
    return changed


def _is_referenced(obj: models.Model) -> bool:
    """Whether any other row points at `obj` (e.g. a request's history points at a step)."""
    # Hidden relations too: other apps point at steps with related_name="+".
    for relation in obj._meta.get_fields(include_hidden=True):
        if (
            relation.auto_created
            and not relation.concrete
            and relation.is_relation
            and (relation.one_to_many or relation.one_to_one)
        ):
            model = relation.related_model
            if model._default_manager.filter(**{relation.field.name: obj}).exists():
                return True
    return False


def _sync_children(
    *,
    standard: ServiceStandard,
    model: type[models.Model],
    key: str,
    rows: list[dict[str, Any]],
    file: str,
) -> bool:
    """Makes the rows of `model` match `rows`; True if anything changed."""
    existing = {child.code: child for child in model._default_manager.filter(standard=standard)}
    wanted = {row["code"] for row in rows}
    changed = False
    for code, child in existing.items():
        if code not in wanted:
            if _is_referenced(child):
                raise _fail(
                    MSG_ITEM_IN_USE, file=file, key=key, code=code, revision=standard.revision
                )
            child.delete()
            changed = True
    if model is ProcedureStep and any(
        existing[row["code"]].order != row["order"] for row in rows if row["code"] in existing
    ):
        # (standard, order) is unique: move the old rows aside before renumbering.
        ProcedureStep.objects.filter(standard=standard).update(order=models.F("order") + 1000)
        for child in existing.values():
            child.order += 1000
    for row in rows:
        child = existing.get(row["code"]) or model(standard=standard, code=row["code"])
        if _assign(child, row) or child.pk is None:
            child.full_clean(exclude=["standard"])
            child.save()
            changed = True
    return changed


def _requirement_rows(data: CatalogueFile) -> list[dict[str, Any]]:
    return [
        {
            "order": order,
            "code": item.code,
            "label": item.label,
            "kind": item.kind,
            "mandatory": item.mandatory,
            "product_codes": list(item.product_codes),
            "help_text": item.help_text,
            "options": list(item.options),
            "due_at_step": item.due_at_step or "",
        }
        for order, item in enumerate(data.requirements.items, start=1)
    ]


def _step_rows(data: CatalogueFile) -> list[dict[str, Any]]:
    return [
        {
            "order": order,
            "code": item.code,
            "label": item.label,
            "role": item.role,
            "actions": list(item.actions),
        }
        for order, item in enumerate(data.procedure.items, start=1)
    ]


def _product_rows(data: CatalogueFile) -> list[dict[str, Any]]:
    return [
        {
            "order": order,
            "code": item.code,
            "label": item.label,
            "kind": item.kind,
            "template_code": item.template_code or "",
        }
        for order, item in enumerate(data.products.items, start=1)
    ]


def _standard_values(data: CatalogueFile, *, unit: Unit | None, file: str) -> dict[str, Any]:
    signer = data.signer
    values = {field: getattr(data, field) for field in _PLAIN_FIELDS}
    values.update(
        unit=unit,
        signer_title=signer.title if signer else "",
        signer_name=signer.name if signer else "",
        signer_rank=signer.rank if signer else "",
        signer_nip=(signer.nip or "") if signer else "",
        time_limit_kind=data.time_limit.kind,
        time_limit_value=data.time_limit.value,
        time_limit_text=data.time_limit.text,
        fee_amount=data.fee.amount,
        fee_text=data.fee.text,
        components=_components(data),
        extra=data.extra_dict(),
        applicant_kinds=list(data.applicant_kinds),
        is_published=data.published,
        catalogue_file=file,
    )
    return values


@transaction.atomic
def standard_upsert_from_catalogue(*, data: CatalogueFile, file: str) -> ServiceStandard:
    """Creates or updates the revision `data` describes, with its requirements, steps, products."""
    office = _office_for(code=data.office, file=file)
    other = ServiceStandard.objects.filter(code=data.code).exclude(office=office).first()
    if other is not None:
        raise _fail(MSG_CODE_OF_OTHER_OFFICE, file=file, code=data.code, other=other.office.code)
    unit = _unit_for(office=office, code=data.unit, file=file)
    standard = ServiceStandard.objects.filter(
        office=office, code=data.code, revision=data.revision
    ).first() or ServiceStandard(office=office, code=data.code, revision=data.revision)
    if _assign(standard, _standard_values(data, unit=unit, file=file)) or standard.pk is None:
        standard.full_clean()
        standard.save()
    children_changed = [
        _sync_children(
            standard=standard,
            model=Requirement,
            key="requirements",
            rows=_requirement_rows(data),
            file=file,
        ),
        _sync_children(
            standard=standard,
            model=ProcedureStep,
            key="procedure",
            rows=_step_rows(data),
            file=file,
        ),
        _sync_children(
            standard=standard, model=Product, key="products", rows=_product_rows(data), file=file
        ),
    ]
    if any(children_changed):
        # updated_at stands for the whole revision (cached PDFs are keyed on it).
        standard.save(update_fields=["updated_at"])
    return standard


@transaction.atomic
def standard_load_catalogue(*, path: Path | str | None = None) -> list[ServiceStandard]:
    """Loads every catalogue file (or the one file `path` names); all or nothing.

    Every file is checked before anything is stored; a problem raises ValidationError with a
    message naming the file and the key.
    """
    parsed: list[tuple[str, CatalogueFile]] = []
    seen: dict[str, str] = {}
    for file_path in _catalogue_paths(path):
        data = catalogue_file_parse(path=file_path)
        if data.code in seen:
            raise _fail(MSG_CODE_TWICE, file=file_path.name, code=data.code, other=seen[data.code])
        seen[data.code] = file_path.name
        parsed.append((file_path.name, data))
    return [standard_upsert_from_catalogue(data=data, file=file) for file, data in parsed]
