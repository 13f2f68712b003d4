"""Public API of the region codes (public data, no authentication): search and one region."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from sigap.regions.codes import region_code_normalise
from sigap.regions.models import Region
from sigap.regions.selectors import SEARCH_LIMIT_MAX, region_get, region_path, regions_search

router = Router(tags=["regions"])

LevelName = Literal["province", "regency", "district", "village"]
QUERY_MAX = 100


class RegionOut(Schema):
    code: str = Field(description="Kemendagri code, PP.KK.CC.NNNN")
    name: str
    level: LevelName
    parent_code: str | None
    retired: bool = Field(description="Dropped by a later edition; kept so old addresses resolve")


class RegionRef(Schema):
    code: str
    name: str
    level: LevelName


class RegionDetailOut(RegionOut):
    edition: str = Field(description="The latest edition that lists this code")
    village_kind: Literal["kelurahan", "desa", "desa adat"] | None = Field(
        description="For villages: kelurahan (code 1xxx), desa (2xxx) or desa adat (3xxx)"
    )
    path: list[RegionRef] = Field(description="The region and its ancestors, province last")


class RegionSearchParams(Schema):
    q: str = Field("", max_length=QUERY_MAX, description="Part of a name, or a code prefix")
    level: LevelName | None = None
    parent: str | None = Field(None, max_length=13, description="Only children of this code")
    limit: int = Field(20, ge=1, le=SEARCH_LIMIT_MAX)


def _out(region: Region) -> dict:
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "parent_code": region.parent_id,
        "retired": region.is_retired,
    }


@router.get("/regions", response=list[RegionOut], summary="Search regions")
def regions_list(request: HttpRequest, params: Query[RegionSearchParams]):
    """Without `q`: the provinces, or the children of `parent`. With `q`: a name search."""
    parent = None
    if params.parent:
        try:
            parent = region_code_normalise(params.parent)
        except ValidationError as exc:
            raise ValidationError({"parent": exc.messages}) from exc
    results = regions_search(params.q, level=params.level, parent=parent, limit=params.limit)
    return [_out(region) for region in results]


@router.get(
    "/regions/{code}",
    response=RegionDetailOut,
    summary="One region with its path",
    openapi_extra={"responses": {404: {"description": "Unknown code"}}},
)
def region_detail(request: HttpRequest, code: str):
    region = region_get(code)
    if region is None:
        raise Http404(_("No region has this code."))
    path = region_path(region.code)
    return {
        **_out(region),
        "edition": region.edition.name,
        "village_kind": region.village_kind,
        "path": [{"code": r.code, "name": r.name, "level": r.level} for r in path],
    }
