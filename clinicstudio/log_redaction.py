"""Every log line passes the redaction, whoever writes it (ours, urllib3, requests, keyring ...).

Third-party libraries log URLs and headers at DEBUG level (urllib3 writes each request line,
query string and all, so a Facebook ``access_token`` in a URL would land in the log). Filters on
our own loggers would not see those lines; a record factory sees every record as it is made.
"""

from __future__ import annotations

import logging
import re
from typing import Any

# A secret-named field in a query string, a form or a JSON answer: name=value or "name": "value".
SECRET_PARAMS = re.compile(
    r'("?(?:access_token|refresh_token|accessjwt|refreshjwt|client_secret|password|'
    r'app_password|code_verifier|input_token|fb_exchange_token)"?\s*[=:]\s*"?)[^&\s",}\']+',
    re.IGNORECASE)
# An Authorization header's credentials, in whatever way a library prints the header.
AUTH_HEADER = re.compile(r"((?:Bearer|Basic|DPoP|OAuth)\s+)[A-Za-z0-9._~+/=\-]{8,}")

_installed = False


def redact_params(text: str) -> str:
    """``text`` with secret-looking parameters and Authorization credentials blanked out."""
    text = SECRET_PARAMS.sub(lambda m: m.group(1) + "***", text)
    return AUTH_HEADER.sub(lambda m: m.group(1) + "***", text)


def install() -> None:
    """Redact every log record from now on (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: leave it to logging to report
            return record
        cleaned = redact_params(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return record

    logging.setLogRecordFactory(redacting_factory)
    _installed = True
