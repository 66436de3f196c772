# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The HTTP SMS adapter against a fake gateway on 127.0.0.1 that fails, times out and succeeds.

The fake behaves like a provider with idempotency: a repeated ``Idempotency-Key`` is accepted but
not delivered again. A time-out is the hard case: the provider got the message, we did not hear so.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.utils import timezone

from naerhed.messaging import sending
from naerhed.messaging.gateways import GatewayError, HttpGateway, OutgoingSms, configured_gateway
from naerhed.messaging.models import Message, MessageStatus
from naerhed.messaging.outbox import enqueue

TOKEN = "test-token"


@dataclass
class FakeProvider:
    """Answers requests by the script (then "ok"): "500", "400", "timeout" (answers after 2 s)."""

    script: list[str] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    delivered: list[str] = field(default_factory=list)  # what reached a phone, by idempotency key
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = json.loads(handler.rfile.read(int(handler.headers["Content-Length"])))
        with self.lock:
            mode = self.script.pop(0) if self.script else "ok"
            self.requests.append({"headers": dict(handler.headers), "body": body, "mode": mode})
        if mode in ("500", "400"):
            handler.send_response(int(mode))
            handler.end_headers()
            return
        key = handler.headers["Idempotency-Key"]
        with self.lock:
            if key not in self.delivered:
                self.delivered.append(key)
        if mode == "timeout":
            time.sleep(2)
        answer = json.dumps({"id": f"prov-{key}"}).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(answer)))
        handler.end_headers()
        handler.wfile.write(answer)


@pytest.fixture
def provider(settings: Any) -> Iterator[FakeProvider]:
    fake = FakeProvider()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            fake.handle(self)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NAERHED_SMS_GATEWAY = "http"
    settings.NAERHED_SMS_URL = f"http://127.0.0.1:{server.server_address[1]}/sms"
    settings.NAERHED_SMS_TOKEN = TOKEN
    settings.NAERHED_SMS_SENDER = "Hjemmepleje"
    settings.NAERHED_SMS_TIMEOUT = 1
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def _send_until_settled(rounds: int = 10) -> None:
    """Run the sender, letting each back-off pass at once, until nothing waits any more."""
    for _ in range(rounds):
        sending.send_due()
        waiting = Message.objects.filter(status=MessageStatus.QUEUED)
        if not waiting.exists():
            return
        waiting.update(send_after=timezone.now())


def test_the_adapter_posts_json_with_the_token_and_keeps_the_providers_id(
    db: None, provider: FakeProvider
) -> None:
    message = enqueue(to="20304050", body="Hej Inger. Om lidt kommer Birthe.", kind="t", key="one")
    assert sending.send_message(message.pk) == MessageStatus.SENT

    request = provider.requests[0]
    assert request["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert request["body"] == {
        "to": "+4520304050",
        "from": "Hjemmepleje",
        "text": "Hej Inger. Om lidt kommer Birthe.",
        "reference": "one",
    }
    message.refresh_from_db()
    assert message.gateway_reference == "prov-one"


def test_failures_and_a_time_out_lose_nothing_and_deliver_nothing_twice(
    db: None, provider: FakeProvider
) -> None:
    provider.script = ["500", "timeout", "500", "500"]
    for n in range(5):
        enqueue(to="20304050", body=f"Besked {n}", kind="t", key=f"m{n}")

    _send_until_settled()

    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert sorted(provider.delivered) == [f"m{n}" for n in range(5)]
    timed_out = next(r for r in provider.requests if r["mode"] == "timeout")["headers"]["Idempotency-Key"]
    assert (
        Message.objects.get(key=timed_out).attempts == 2
    )  # retried with the same key; the fake deduplicated
    assert len(provider.requests) == 5 + 4


def test_a_refused_message_fails_at_once(db: None, provider: FakeProvider) -> None:
    provider.script = ["400"]
    message = enqueue(to="20304050", body="Hej", kind="t", key="bad")
    assert sending.send_message(message.pk) == MessageStatus.FAILED
    message.refresh_from_db()
    assert (message.attempts, message.last_error) == (1, "gateway answered HTTP 400")


def test_an_unreachable_gateway_is_a_temporary_failure(db: None, settings: Any) -> None:
    settings.NAERHED_SMS_GATEWAY = "http"
    settings.NAERHED_SMS_URL = "http://127.0.0.1:9/sms"  # the discard port: nothing listens
    settings.NAERHED_SMS_TOKEN = TOKEN
    settings.NAERHED_SMS_TIMEOUT = 1
    with pytest.raises(GatewayError) as error:
        configured_gateway().send(OutgoingSms(to="+4520304050", body="Hej", reference="r"))
    assert not error.value.permanent


def test_the_adapter_refuses_a_url_that_is_not_http() -> None:
    with pytest.raises(ValueError, match=r"^url:"):
        HttpGateway(url="file:///etc/passwd", token="t", sender="s", timeout=1)
