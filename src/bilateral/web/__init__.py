"""The web app, ``bilateral serve``: pick two states, read their brief with
interactive charts, compare peers, rank partners, check an article.

It is thin: every figure comes from the same Python API the CLI calls
(:mod:`bilateral.measures.api`, :mod:`bilateral.explain`,
:mod:`bilateral.report`, :mod:`bilateral.claims`). Modules:

- :mod:`.app`: the factory (:func:`create_app`), read-only connection, error handlers;
- :mod:`.pages` and :mod:`.api`: HTML pages and JSON routes;
- :mod:`.data`: what both read, shaped as JSON;
- :mod:`.validation`: strict checks on every parameter (400 with a clear message);
- :mod:`.security`: headers, body-size cap, no tracebacks to clients;
- :mod:`.check`: the claim checker, when the build has one;
- :mod:`.vendor`: Vega, Vega-Lite, vega-embed and Swagger UI, fetched from npm with sha256 checks.
"""


def create_app(*args, **kwargs):
    """See :func:`bilateral.web.app.create_app` (imported lazily: FastAPI is only needed to serve)."""
    from bilateral.web.app import create_app as make

    return make(*args, **kwargs)


__all__ = ["create_app"]
