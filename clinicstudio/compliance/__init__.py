"""Offline compliance checks for clinic posts and review replies.

>>> from clinicstudio.compliance import Checker
>>> Checker().check("There is no cure for the common cold.").blocked
False

Pure Python, no Qt, no network: rule packs and word lists ship in resources/.
"""

from clinicstudio.compiled_patterns import reusing_compiled_patterns

# The rule modules compile their own patterns as they are imported: from the saved machine code
# too (about 75 ms of every start otherwise).
with reusing_compiled_patterns():
    from clinicstudio.compliance.accessibility import ImageFacts
    from clinicstudio.compliance.engine import Checker, CheckResult

__all__ = ["CheckResult", "Checker", "ImageFacts"]
