"""A hand list of hostile bodies and parameters over every API operation: never a 5xx.

Schemathesis (test_schemathesis.py) explores what the description allows; this sends what a
probe sends: a body over the size limit, deep nesting, null bytes, unicode, wrong types, and
the same in query strings and path parameters.
"""

import json
import re

from django.test import Client

from sigap.accounts.roles import Role
from sigap.api.router import api
from sigap.api.testing import bearer

MB = 1024 * 1024
BAD_VALUES = ["a\x00b", "𝕏ñ你好\u202e\U0001f600", [], {"$gt": ""}, 1e308, -1, True, None]
BODIES = {
    "not an object": "[1, 2, 3]",
    "deep nesting": "[" * 5000 + "]" * 5000,
    "null byte key": json.dumps({"a\x00": 1}),
    "broken json": '{"a": ',
}


def _operations():
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def _fill(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def _properties(operation: dict, schemas: dict) -> list[str]:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    return list(schema.get("properties", {})) or ["x"]


def test_no_api_operation_answers_5xx_to_the_hand_list(cast, catalogue, settings):
    settings.SIGAP_LOOKUP_RATE_PER_ADDRESS = 100_000
    settings.SIGAP_LOOKUP_MISSES_OVERALL = 100_000
    headers = bearer(cast.user("tarakan", Role.HEAD_OF_DIVISION))
    client = Client(raise_request_exception=False)
    schemas = api.get_openapi_schema()["components"]["schemas"]
    failures: list[str] = []
    oversized = json.dumps({"x": "A" * (6 * MB)})

    def send(method: str, path: str, label: str, **kwargs) -> int:
        response = getattr(client, method)(path, headers=headers, **kwargs)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {path} [{label}] -> {response.status_code}")
        return response.status_code

    for template, method, operation in _operations():
        for path_value in ("1", "0", "ZZ%00", "%F0%9F%98%80", "9" * 30):
            send(method, _fill(template, path_value), f"path {path_value}")
        path = _fill(template, "1")
        query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        for value in ("a\x00b", "𝕏ñ", "[]", "-1", "9" * 40):
            send(method, path, f"query {value!r}", data={name: value for name in query or ["q"]})
        if method not in {"post", "put", "patch"}:
            continue
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            status = send(
                method, path, "oversized", data=oversized, content_type="application/json"
            )
            assert status in {401, 403, 404, 405, 413}, (path, status)
            for label, body in BODIES.items():
                send(method, path, label, data=body, content_type="application/json")
            for value in BAD_VALUES:
                body = json.dumps({name: value for name in _properties(operation, schemas)})
                send(method, path, f"body {value!r}", data=body, content_type="application/json")
        else:
            # Multipart operations: wrong types in the form fields, text where a file goes.
            for value in ("a\x00b", "𝕏ñ", "[]", "-1"):
                send(method, path, f"form {value!r}", data={"file": value, "requirement": value})
    assert failures == []
