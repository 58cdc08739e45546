"""Link: place articles into stories and trace reuse between them."""

from crosswire.link.features import LinkFeatures, link_features
from crosswire.link.reuse import find_reuse, origin_groups
from crosswire.link.stories import (
    DEFAULT_PARAMS,
    LinkParams,
    LinkState,
    MemoryLinkState,
    Regrouping,
    place,
    story_title,
)

__all__ = [
    "DEFAULT_PARAMS",
    "LinkFeatures",
    "LinkParams",
    "LinkState",
    "MemoryLinkState",
    "Regrouping",
    "find_reuse",
    "link_features",
    "origin_groups",
    "place",
    "story_title",
]
