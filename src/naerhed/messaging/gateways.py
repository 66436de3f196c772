# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""SMS gateways: a file gateway for the demo and development, and an HTTP adapter for a real provider.

The gateway is chosen by ``settings.NAERHED_SMS_GATEWAY`` ("file" or "http"). The HTTP adapter uses
only the standard library; it POSTs JSON and reads the provider's id from the answer.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class OutgoingSms:
    to: str
    body: str
    # The outbox key, sent along so a gateway that supports it can drop a duplicate delivery.
    reference: str


class GatewayError(Exception):
    """Sending failed. ``permanent`` failures (a rejected number) are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class Gateway(Protocol):
    def send(self, sms: OutgoingSms) -> str:
        """Deliver ``sms`` to the provider and return its id for it; raise :class:`GatewayError`."""
        ...


class FileGateway:
    """Appends each SMS as one JSON line to a file: what the demo "sends" can be read there."""

    _lock = threading.Lock()

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, sms: OutgoingSms) -> str:
        line = json.dumps(
            {"at": timezone.now().isoformat(), "to": sms.to, "body": sms.body, "reference": sms.reference},
            ensure_ascii=False,
        )
        try:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as file:
                    file.write(line + "\n")
        except OSError as exc:
            raise GatewayError(f"cannot write {self.path}: {exc.strerror}") from exc
        return f"file:{sms.reference}"


class HttpGateway:
    """POSTs ``{"to", "from", "text", "reference"}`` as JSON with a bearer token.

    2xx is success (the answer's ``id`` is kept if there is one); 429 and 5xx, time-outs and
    connection errors are retried; any other 4xx is permanent (the provider refused the message).
    """

    def __init__(self, *, url: str, token: str, sender: str, timeout: float) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"url: {url!r} must start with http:// or https://")
        self.url = url
        self.token = token
        self.sender = sender
        self.timeout = timeout

    def send(self, sms: OutgoingSms) -> str:
        payload = {"to": sms.to, "from": self.sender, "text": sms.body, "reference": sms.reference}
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked in __init__)
            self.url,
            data=json.dumps(payload).encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": sms.reference,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = response.read(64 * 1024)
        except urllib.error.HTTPError as exc:
            permanent = 400 <= exc.code < 500 and exc.code not in (408, 429)
            raise GatewayError(f"gateway answered HTTP {exc.code}", permanent=permanent) from None
        except TimeoutError:
            raise GatewayError(f"gateway did not answer within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            raise GatewayError(f"gateway not reachable: {exc.reason}") from None
        except OSError as exc:
            raise GatewayError(f"gateway connection failed: {exc}") from None
        return _reference_from(answer, fallback=sms.reference)


def _reference_from(answer: bytes, *, fallback: str) -> str:
    try:
        data = json.loads(answer.decode("utf-8")) if answer else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        return fallback
    if isinstance(data, dict) and isinstance(data.get("id"), str | int):
        return str(data["id"])[:100]
    return fallback


def configured_gateway() -> Gateway:
    """The gateway the settings name (read on every call, so tests can switch it)."""
    if settings.NAERHED_SMS_GATEWAY == "http":
        return HttpGateway(
            url=settings.NAERHED_SMS_URL or "",
            token=settings.NAERHED_SMS_TOKEN or "",
            sender=settings.NAERHED_SMS_SENDER,
            timeout=settings.NAERHED_SMS_TIMEOUT,
        )
    return FileGateway(Path(settings.NAERHED_SMS_FILE))
