"""The web layer: HTTP API and pages over a store (``crosswire serve``)."""

from crosswire.web.app import create_app

__all__ = ["create_app"]
