"""Schemathesis against the app's own OpenAPI description: requests built
from the spec, valid and invalid, never get a server error, and every
response matches what the spec says (status code, content type, body
schema). Kept small (a few examples per operation and mode) so the suite
stays fast; the examples in the spec (CHN, 1992, 2020) make some requests
real ones.

One check is left out: "a schema-valid request is accepted". A country
parameter is any short string to the schema, but only a name the resolver
knows is a state; the app rightly answers an unknown one with a 400 that
says so. Every other check runs, server errors first.

Schemathesis's own pytest plugin does not run under pytest 9 (it sets a
node attribute pytest removed), so each operation's strategy is drawn with
Hypothesis directly.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install -e '.[test]')")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from schemathesis.checks import positive_data_acceptance  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402

#: Examples per operation and mode: enough to probe every parameter's edges, few enough to run in seconds.
MAX_EXAMPLES = 10
#: Every operation in the spec (a test below fails if one is added without being listed here).
OPERATIONS = [
    ("GET", "/api/countries"), ("GET", "/api/countries/{country}"), ("GET", "/api/measures/{a}/{b}"),
    ("GET", "/api/partners/{a}"), ("GET", "/api/explain/{a}/{b}"), ("GET", "/api/report/{a}/{b}"),
    ("GET", "/api/region/{a}"), ("GET", "/api/regions"), ("GET", "/api/sources"), ("POST", "/api/check"),
]  # fmt: skip
#: Operations without parameters: there is no invalid request to make of them.
NO_PARAMETERS = {("GET", "/api/regions"), ("GET", "/api/sources")}


@pytest.fixture(scope="module")
def api_schema(web_app):
    return schemathesis.openapi.from_asgi("/api/openapi.json", web_app)


def _operation(schema, method: str, path: str):
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) == (method, path):
            return operation
    raise AssertionError(f"{method} {path} is not in the spec")


def test_every_operation_is_exercised(api_schema):
    found = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize("method, path", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_api_keeps_its_spec_and_never_errs(api_schema, method, path, mode):
    if mode == GenerationMode.NEGATIVE and (method, path) in NO_PARAMETERS:
        pytest.skip("no parameters, so no invalid request to make")
    operation = _operation(api_schema, method, path)
    statuses = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def check(case):
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        statuses.append(response.status_code)
        assert response.status_code < 500, (case.path, case.path_parameters, case.query, response.text[:300])

    check()
    assert statuses and max(statuses) < 500
