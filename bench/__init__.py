"""The pairapp benchmark: `make bench` (python -m bench)."""
