"""Identity providers for the single sign-on tests, each run in its own process on a loopback
port: ``python -m tests.security.sso_providers oidc|cas PORT`` with the people it knows in
``SSO_USERS`` (JSON: username → claims). Small on purpose: they speak just enough of OpenID
Connect (authorization code flow, HS256 ID token) and CAS 3 for jixiao's real clients
(mozilla-django-oidc, django-cas-ng) to run their whole protocol against them."""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, make_server
from xml.sax.saxutils import escape

import jwt

CLIENT_ID = "jixiao-test"
CLIENT_SECRET = "jixiao-test-secret-for-hs256-signing-0123456789"
USERS: dict[str, dict[str, Any]] = json.loads(os.environ.get("SSO_USERS", "{}"))
CODES: dict[str, dict[str, str]] = {}
TICKETS: dict[str, str] = {}


def _query(environ: dict[str, Any]) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}


def _form(environ: dict[str, Any]) -> dict[str, str]:
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(size).decode()
    return {k: v[0] for k, v in parse_qs(body).items()}


def _answer(start: Any, status: str, body: bytes | str, kind: str, **headers: str) -> list[bytes]:
    data = body.encode() if isinstance(body, str) else body
    start(status, [("Content-Type", kind), *headers.items()])
    return [data]


def oidc(environ: dict[str, Any], start: Any) -> list[bytes]:
    path = environ["PATH_INFO"]
    if path == "/authorize":
        q = _query(environ)
        user = q.get("login_hint", "")
        if user not in USERS or q.get("client_id") != CLIENT_ID:
            return _answer(start, "403 Forbidden", "unknown user or client", "text/plain")
        code = secrets.token_urlsafe(16)
        CODES[code] = {"user": user, "nonce": q.get("nonce", "")}
        target = f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}"
        return _answer(start, "302 Found", "", "text/plain", Location=target)
    if path == "/token":
        form = _form(environ)
        grant = CODES.pop(form.get("code", ""), None)
        if grant is None or form.get("client_secret") != CLIENT_SECRET:
            return _answer(
                start, "400 Bad Request", '{"error":"invalid_grant"}', "application/json"
            )
        now = int(time.time())
        claims = {
            "iss": "http://127.0.0.1",
            "sub": grant["user"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
        }
        token = {
            "access_token": "at-" + grant["user"],
            "token_type": "Bearer",
            "id_token": jwt.encode(claims, CLIENT_SECRET, algorithm="HS256"),
        }
        return _answer(start, "200 OK", json.dumps(token), "application/json")
    if path == "/userinfo":
        user = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer at-")
        if user not in USERS:
            return _answer(start, "401 Unauthorized", "{}", "application/json")
        claims = {"sub": user, "preferred_username": user, **USERS[user]}
        return _answer(start, "200 OK", json.dumps(claims, ensure_ascii=False), "application/json")
    return _answer(start, "404 Not Found", "", "text/plain")


def cas(environ: dict[str, Any], start: Any) -> list[bytes]:
    path = environ["PATH_INFO"]
    q = _query(environ)
    if path == "/login":
        user = q.get("user", "")
        if user not in USERS:
            return _answer(start, "403 Forbidden", "unknown user", "text/plain")
        ticket = "ST-" + secrets.token_urlsafe(16)
        TICKETS[ticket] = user
        service = q["service"]
        glue = "&" if "?" in service else "?"
        return _answer(
            start, "302 Found", "", "text/plain", Location=f"{service}{glue}ticket={ticket}"
        )
    if path in ("/p3/serviceValidate", "/serviceValidate"):
        user = TICKETS.pop(q.get("ticket", ""), None)
        if user is None:
            body = (
                '<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">'
                '<cas:authenticationFailure code="INVALID_TICKET">no</cas:authenticationFailure>'
                "</cas:serviceResponse>"
            )
            return _answer(start, "200 OK", body, "text/xml; charset=utf-8")
        attributes = "".join(
            f"<cas:{escape(k)}>{escape(str(v))}</cas:{escape(k)}>" for k, v in USERS[user].items()
        )
        body = (
            '<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">'
            f"<cas:authenticationSuccess><cas:user>{escape(user)}</cas:user>"
            f"<cas:attributes>{attributes}</cas:attributes></cas:authenticationSuccess>"
            "</cas:serviceResponse>"
        )
        return _answer(start, "200 OK", body, "text/xml; charset=utf-8")
    if path == "/logout":
        return _answer(start, "200 OK", "logged out", "text/plain")
    return _answer(start, "404 Not Found", "", "text/plain")


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def main() -> None:
    kind, port = sys.argv[1], int(sys.argv[2])
    app = {"oidc": oidc, "cas": cas}[kind]
    make_server("127.0.0.1", port, app, handler_class=_Quiet).serve_forever()


if __name__ == "__main__":
    main()
