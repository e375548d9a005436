"""The monthly checklist: the organisation's guides and each pair's adapted copy."""

from .commands import guide_group
from .data import start_checklist

__all__ = ["guide_group", "start_checklist"]
