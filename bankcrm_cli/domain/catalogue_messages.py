"""PLACEHOLDER"""

from __future__ import annotations

MESSAGE_ENTRIES: dict[str, dict[str, str | tuple[str, str]]] = {}
