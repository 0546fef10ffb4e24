"""Plays the person in the browser for command-line sign-in tests.

``BROWSER="python tests/helpers/fake_browser.py %s"`` makes Python's ``webbrowser`` run this
instead of a browser: it opens the sign-in page, which agrees at once and redirects to
ClinicStudio's loopback listener.
"""

from __future__ import annotations

import sys
import urllib.request

if __name__ == "__main__":
    with urllib.request.urlopen(sys.argv[1], timeout=30) as answer:
        answer.read()
