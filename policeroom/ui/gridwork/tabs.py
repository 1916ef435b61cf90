"""Which tabs 网格工作 has: each area of grid work registers its own here (one import line each).

``TABS`` lists (key, title, order, factory) tuples of areas whose modules do not import the page
(no import circle); the page adds them to its registry when it is first opened.
"""

from __future__ import annotations

from policeroom.ui.fieldwork.tabs import FIELDWORK_TABS

TABS = (*FIELDWORK_TABS,)
