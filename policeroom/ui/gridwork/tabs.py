"""Which tabs 网格工作 has: each area of grid work registers its own here (one import line each)."""

from __future__ import annotations
