"""Document template bodies: the defaults apps ship as files, edited copies in the database,
and a restricted engine that renders a body with only the context it is given.

An app ships a default as `sigap/<app>/document_templates/<code>.html`; its first line may be
`{# title: Surat Keterangan ... #}`.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.defaulttags import DebugNode, LoadNode
from django.template.loader_tags import BlockNode, ExtendsNode, IncludeNode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

UNKNOWN_TEMPLATE = _("There is no document template with this code.")
TEMPLATE_SYNTAX = _("The template has an error: %(error)s")
TEMPLATE_FORBIDDEN_TAG = _(
    "Template tags that read files or print debug data (include, extends, debug) are not allowed."
)
TEMPLATE_RENDER_FAILED = _("The template could not be filled in: %(error)s")

_TITLE_LINE = re.compile(r"^\{#\s*title:\s*(?P<title>.+?)\s*#\}\s*\n?")
_FORBIDDEN_NODES = (DebugNode, ExtendsNode, IncludeNode, BlockNode, LoadNode)

# No loaders and no tag libraries: a body cannot read files, load tags or reach settings; it
# sees only the dict it is rendered with. Autoescape is on, so data never becomes markup.
ENGINE = Engine(
    dirs=[],
    app_dirs=False,
    loaders=[],
    libraries={},
    builtins=["sigap.documents.templatetags.letter"],
    autoescape=True,
    debug=False,
    string_if_invalid="",
)


@dataclass(frozen=True)
class FileTemplate:
    code: str
    title: str
    body: str
    app: str


@dataclass(frozen=True)
class ResolvedTemplate:
    code: str
    title: str
    body: str
    version: int  # 0: the file default; n >= 1: the n-th edited copy in the database
    source: str  # "file", "office" or "global"


def _split_title(text: str, default: str) -> tuple[str, str]:
    match = _TITLE_LINE.match(text)
    if not match:
        return default, text
    return match.group("title"), text[match.end() :]


@cache
def file_templates() -> dict[str, FileTemplate]:
    """Every default template shipped by the apps in SIGAP_APPS, by code."""
    found: dict[str, FileTemplate] = {}
    for app in settings.SIGAP_APPS:
        module = import_module(app)
        folder = Path(module.__file__).parent / "document_templates"
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.html")):
            code = path.stem
            if code in found:
                raise ImproperlyConfigured(
                    f"Document template {code!r} is shipped by both {found[code].app} and {app}."
                )
            title, body = _split_title(path.read_text(encoding="utf-8"), code)
            found[code] = FileTemplate(code=code, title=title, body=body, app=app)
    return found


def check_body(body: str) -> None:
    """Raises ValidationError if the body does not compile or uses a forbidden tag."""
    try:
        compiled = ENGINE.from_string(body)
    except TemplateSyntaxError as exc:
        raise ValidationError(TEMPLATE_SYNTAX, params={"error": str(exc)}) from exc
    for node_type in _FORBIDDEN_NODES:
        if compiled.nodelist.get_nodes_by_type(node_type):
            raise ValidationError(TEMPLATE_FORBIDDEN_TAG)


_PLAIN = (str, int, float, Decimal, bool, datetime.date, datetime.time, type(None))


def plain_data(value, *, depth: int = 0):
    """Dicts, lists and scalars as they are; anything else becomes its text.

    A model instance in the context would let a body walk its relations
    (`{{ request.office.staff.all }}`); as plain data it can only print what was given.
    """
    if depth > 8:
        return ""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dict):
        return {str(k): plain_data(v, depth=depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(v, depth=depth + 1) for v in value]
    return str(value)


def render_body(body: str, context: dict) -> SafeString:
    """Renders a template body (autoescaped) with exactly `context`, as plain data."""
    check_body(body)
    try:
        html = ENGINE.from_string(body).render(Context(plain_data(context), autoescape=True))
    except Exception as exc:  # a template error must reach the user as a message, not a 500
        raise ValidationError(TEMPLATE_RENDER_FAILED, params={"error": str(exc)}) from exc
    return mark_safe(html)  # noqa: S308 - produced by the autoescaping engine above


def resolve_template(*, office, code: str) -> ResolvedTemplate:
    """The body in force for `office`: its own edited copy, else the global copy, else the file."""
    from sigap.documents.models import DocumentTemplate

    copies = {
        row.office_id: row
        for row in DocumentTemplate.objects.filter(code=code, is_active=True).filter(
            models_q_office(office)
        )
    }
    office_id = getattr(office, "pk", None)
    row, source = (copies.get(office_id), "office") if office_id else (None, "office")
    if row is None:
        row, source = copies.get(None), "global"
    if row is not None:
        return ResolvedTemplate(
            code=code, title=row.title, body=row.body, version=row.version, source=source
        )
    default = file_templates().get(code)
    if default is None:
        raise ValidationError(UNKNOWN_TEMPLATE, code="unknown_template")
    return ResolvedTemplate(
        code=code, title=default.title, body=default.body, version=0, source="file"
    )


def models_q_office(office):
    from django.db.models import Q

    if office is None or getattr(office, "pk", None) is None:
        return Q(office__isnull=True)
    return Q(office__isnull=True) | Q(office=office)


def known_codes() -> list[str]:
    """Codes of every template that exists as a file default or as a global edited copy."""
    from sigap.documents.models import DocumentTemplate

    codes = set(file_templates())
    codes |= set(
        DocumentTemplate.objects.filter(office__isnull=True).values_list("code", flat=True)
    )
    return sorted(codes)
