"""pkgraph: German council documents on prevention programs as a queryable knowledge graph."""

__version__ = "0.1.0"
