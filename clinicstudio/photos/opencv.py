"""OpenCV, imported so that it cannot disturb the Qt of the desktop application.

The ``opencv-python`` wheel (which RapidOCR requires) sets ``QT_QPA_PLATFORM_PLUGIN_PATH`` and
``QT_QPA_FONTDIR`` to its own Qt plugins on Linux when imported; PySide6 would then look for its
platform plugins there and fail to open a window. We put those variables back as they were.
"""

from __future__ import annotations

import os
from functools import cache
from types import ModuleType

_QT_VARIABLES = ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")


@cache
def opencv() -> ModuleType | None:
    """The ``cv2`` module, or None when OpenCV is not installed."""
    saved = {name: os.environ.get(name) for name in _QT_VARIABLES}
    try:
        import cv2
    except ImportError:
        return None
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return cv2
