"""The server's logs: readable lines on a terminal, or one JSON object a line for a log
pipeline (`server run --log-format json` or `CLIENTELING_LOG_FORMAT=json`)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from typing import Any

ENV_LOG_FORMAT = "CLIENTELING_LOG_FORMAT"
LOG_FORMATS = ("text", "json")
# Uvicorn's access record carries (client, method, path, HTTP version, status) as its args.
_ACCESS_FIELDS = ("client", "method", "path", "http_version", "status")
# Record attributes that are not the caller's `extra=` (Uvicorn adds a coloured copy too).
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName",
                                                          "color_message"}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, the exception's
    traceback when there is one, access fields for Uvicorn's access log, and any `extra=`."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if (record.name == "uvicorn.access" and isinstance(record.args, tuple)
                and len(record.args) == len(_ACCESS_FIELDS)):
            entry.update(zip(_ACCESS_FIELDS, record.args, strict=True))
        for name, value in vars(record).items():
            if name not in _STANDARD and name not in entry:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def log_format(chosen: str | None = None) -> str:
    """`chosen`, else `CLIENTELING_LOG_FORMAT`, else text."""
    value = (chosen or os.environ.get(ENV_LOG_FORMAT) or "text").lower()
    if value not in LOG_FORMATS:
        raise ValueError(f"the log format is text or json, not {value!r}")
    return value


def logging_config(fmt: str, level: str = "info") -> dict[str, Any]:
    """A `logging.config.dictConfig` for Uvicorn and the app's own loggers, on standard error."""
    formatter: dict[str, Any] = (
        {"()": f"{__name__}.JsonFormatter"} if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"})
    handler = {"class": "logging.StreamHandler", "formatter": "main",
               "stream": "ext://sys.stderr"}
    loud = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"main": handler},
        "loggers": {
            "uvicorn": {"handlers": ["main"], "level": loud, "propagate": False},
            "uvicorn.error": {"level": loud},
            "uvicorn.access": {"handlers": ["main"], "level": loud, "propagate": False},
            "clienteling": {"handlers": ["main"], "level": loud, "propagate": False},
        },
    }
