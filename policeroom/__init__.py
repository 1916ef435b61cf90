"""policeroom: the desk application of a community police room (社区警务室)."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "policeroom"
APP_TITLE = "社区警务室工作台"
