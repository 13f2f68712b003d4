"""Every schema in the OpenAPI description is one class: two classes with one name collide.

django-ninja files each pydantic model under its class name in `components.schemas`; a
second class of the same name silently replaces the first, so an operation would be
documented with another operation's body. This walks every operation's models (and the
models inside them) and fails on a name two classes share.
"""

import typing
from collections import defaultdict

import pydantic

from sigap.api.router import api


def _walk(annotation, seen: set, found: dict[str, set[str]]) -> None:
    if annotation in seen:
        return
    seen.add(annotation)
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        found[annotation.__name__].add(f"{annotation.__module__}.{annotation.__qualname__}")
        for field in annotation.model_fields.values():
            _walk(field.annotation, seen, found)
    for argument in typing.get_args(annotation):
        _walk(argument, seen, found)


def _schema_classes() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    seen: set = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _walk(model, seen, found)
                for response in operation.response_models.values():
                    _walk(response, seen, found)
    return found


def test_no_two_schema_classes_share_a_name():
    found = _schema_classes()
    collisions = {name: sorted(classes) for name, classes in found.items() if len(classes) > 1}
    assert collisions == {}


def test_the_walk_sees_the_request_bodies_that_once_collided():
    found = _schema_classes()
    for name in ("RequestAssignIn", "CaseAssignIn", "LogisticsReviewIn", "CaseReviewIn"):
        assert len(found[name]) == 1, name


def test_each_body_is_documented_with_its_own_fields():
    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert {"expected_version", "username"} <= set(schemas["RequestAssignIn"]["properties"])
    assert {"role", "to_user", "reason"} <= set(schemas["CaseAssignIn"]["properties"])
    paths = api.get_openapi_schema()["paths"]
    review = paths["/api/v1/logistics/requests/{request_id}/review"]["post"]
    ref = review["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/LogisticsReviewIn")
