"""``/docs`` (Swagger UI) and ``/redoc`` from bundled files, so they work offline.

FastAPI's own pages load Swagger UI, ReDoc, a favicon and Google Fonts from CDNs and stay blank
without network. The same pages here point at ``static/vendor/swagger-ui`` and
``static/vendor/redoc`` (provenance in ``static/vendor/README-docs.md``), with the Swagger
validator badge (another external request) turned off.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

SWAGGER = "/static/vendor/swagger-ui"
REDOC = "/static/vendor/redoc"


def install(app: FastAPI) -> None:
    """Add the two documentation pages (the app is created with ``docs_url=None``)."""

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} – API",
            swagger_js_url=f"{root}{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{root}{SWAGGER}/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} – API",
            redoc_js_url=f"{root}{REDOC}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{SWAGGER}/favicon-32x32.png",
            with_google_fonts=False,
        )
