"""Logging of the server: one line for an oversized request, not a traceback.

Django answers a POST of too many fields or too many bytes with 400 and logs it on the
`django.security.TooManyFieldsSent` / `RequestDataTooBig` loggers with the exception's traceback,
which reads like a crash. It is a refusal: logged as one warning line with who asked for what."""

from __future__ import annotations

import logging


class AsRefusal(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        request = getattr(record, "request", None)
        if request is not None:
            record.msg = f"refused {request.method} {request.path}: {record.getMessage()}"
            record.args = ()
        return True
