"""Offline compliance checks for clinic posts and review replies.

>>> from clinicstudio.compliance import Checker
>>> Checker().check("There is no cure for the common cold.").blocked
False

Pure Python, no Qt, no network: rule packs and word lists ship in resources/.
"""

from clinicstudio.compliance.accessibility import ImageFacts
from clinicstudio.compliance.engine import Checker, CheckResult

__all__ = ["CheckResult", "Checker", "ImageFacts"]
