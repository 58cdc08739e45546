"""Link: place articles into stories and trace reuse between them."""

from crosswire.link.reuse import find_reuse, origin_groups
from crosswire.link.stories import StoryProfile, place_article

__all__ = ["StoryProfile", "find_reuse", "origin_groups", "place_article"]
