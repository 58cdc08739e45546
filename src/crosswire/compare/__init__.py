"""Compare: what the sources of a story agree on, who said what, and the brief."""

from crosswire.compare.statements import report_people
from crosswire.compare.story import compare_story

__all__ = ["compare_story", "report_people"]
