"""lmskg: an open knowledge graph of the leiomyosarcoma literature."""

from lmskg.errors import DocumentError, LmskgError, OntologyError, QueryError, StoreError
from lmskg.settings import Settings

__version__ = "0.1.0"

__all__ = ["DocumentError", "LmskgError", "OntologyError", "QueryError", "Settings", "StoreError", "__version__"]
