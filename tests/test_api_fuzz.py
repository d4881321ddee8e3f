"""Property-based API test (schemathesis): for generated requests to every operation, the server
never fails, answers only documented status codes and media types, and every body fits the
response schema /openapi.json publishes (the typed answer models and the Problem model)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from regatlas.interfaces.api.app import create_app

# The ASGI client names its host "testserver"; the app answers only to hosts it is told of.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(hosts=["testserver"]))
# An upload starts a background job; uploads are tested directly in test_api.py. Polling and
# downloading jobs stay in.
schema = schema.exclude(path="/api/v1/screen", method="POST")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case):
    case.call_and_validate(checks=CHECKS)
