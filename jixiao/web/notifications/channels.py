"""The ways a notification leaves jixiao: e-mail through the configured SMTP server, and the
webhook of a group robot (企业微信 and 政务微信 share one payload; 钉钉 has its own and may sign
the address with a secret). Each sender raises :class:`DeliveryError` with a message for the log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage


class DeliveryError(Exception):
    pass


def send_email(*, to: str, subject: str, body: str) -> None:
    message = EmailMessage(subject=subject, body=body, to=[to])
    try:
        sent = message.send(fail_silently=False)
    except (OSError, Exception) as exc:  # smtplib errors are OSError subclasses or SMTPException
        raise DeliveryError(f"SMTP: {exc}") from exc
    if sent != 1:
        raise DeliveryError("SMTP: the server accepted no message")


def webhook_payload(kind: str, title: str, body: str, link: str) -> dict[str, Any]:
    """A text message in the robot's format. Both robots show plain text reliably (markdown
    differs between 企业微信, 政务微信 and 钉钉 versions)."""
    content = f"【预算绩效管理】{title}\n{body}".strip()
    if link:
        content += f"\n{link}"
    if kind == "dingtalk":
        return {"msgtype": "text", "text": {"content": content}}
    return {"msgtype": "text", "text": {"content": content}}


def dingtalk_signed(url: str, secret: str, now_ms: int | None = None) -> str:
    """钉钉's 加签: timestamp and HMAC-SHA256 of "timestamp\\nsecret" appended to the address."""
    timestamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp}&sign={sign}"


def send_webhook(*, url: str, payload: dict[str, Any]) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    timeout = getattr(settings, "JIXIAO_WEBHOOK_TIMEOUT", 10)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(65536)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DeliveryError(f"webhook: {exc}") from exc
    # Both robots answer 200 with {"errcode": 0} on success and a non-zero errcode otherwise.
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        return
    if isinstance(answer, dict) and answer.get("errcode", 0) not in (0, "0"):
        raise DeliveryError(f"webhook: errcode {answer.get('errcode')} {answer.get('errmsg', '')}")
