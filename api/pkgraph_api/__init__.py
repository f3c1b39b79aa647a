"""pkgraph's HTTP service: SPARQL 1.1 endpoint, search, questions, linked data and pages.

Build the app with :func:`pkgraph_api.app.create_app`; ``pkgraph serve`` runs it with uvicorn.
"""
