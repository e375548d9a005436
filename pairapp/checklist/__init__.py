"""The monthly checklist: the organisation's guides and each pair's adapted copy."""

from .commands import guide_group

__all__ = ["guide_group"]
