"""The monthly checklist: the organisation's guides and each pair's adapted copy."""
