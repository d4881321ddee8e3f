"""Property-based fuzzing of the OpenAPI schema (schemathesis): no input makes the server fail."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from regatlas.interfaces.api.app import create_app

# The ASGI client names its host "testserver"; the app answers only to hosts it is told of.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(hosts=["testserver"]))
# Uploads start background jobs; they are tested directly in test_api.py.
schema = schema.exclude(path_regex=r"^/api/v1/screen")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, case.body, response.text[:300])
