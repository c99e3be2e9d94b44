"""The season's last day, as locust users on loopback: fillers saving their own forms through
the real editor page (CSRF and all), reviewers working through their queue, the public
reading the portal. Started by ``benchmarks/load/__main__.py``; never aimed anywhere but
127.0.0.1."""

from __future__ import annotations

import itertools
import json
import os
import re
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

FORMS = json.loads(os.environ["JIXIAO_LOAD_FORMS"])  # [[username, form id], …]
SAVES_FILE = os.environ["JIXIAO_LOAD_SAVES"]
PHASE = os.environ["JIXIAO_LOAD_PHASE"]  # markers stay unique across the runs
PASSWORD = os.environ["JIXIAO_LOAD_PASSWORD"]
_next_filler = itertools.count()
saves: dict[str, list[str]] = {}  # form id → markers saved (302 from the editor), in order


class FormFields(HTMLParser):
    """The editor form's fields as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self.textareas: list[str] = []
        self.select: str | None = None
        self.in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "editor":
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"submit", "button", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.textareas.append(a["name"])
            self.fields.append((a["name"], ""))
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form = False


def _login(user: HttpUser, username: str) -> None:
    page = user.client.get("/login/", name="/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    user.client.post(
        "/login/",
        {
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": token.group(1) if token else "",
        },
        name="/login/ POST",
    )


class Filler(HttpUser):
    weight = 6
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.username, self.form_id = FORMS[next(_next_filler) % len(FORMS)]
        self.count = 0
        _login(self, self.username)

    @task
    def save(self) -> None:
        page = self.client.get(f"/evaluations/{self.form_id}/edit/", name="editor GET")
        parser = FormFields()
        parser.feed(page.text)
        fields = dict(parser.fields)
        text_fields = parser.textareas[-1:]  # the last free-text box (problems, measures…)
        if "version" not in fields:
            return  # not the editor (logged out, or the form left draft): nothing to save
        self.count += 1
        marker = f"load-{PHASE}-{self.username}-{self.count}"
        target = text_fields[0] if text_fields else None
        if target:
            fields[target] = marker
        with self.client.post(
            f"/evaluations/{self.form_id}/edit/",
            data=fields,
            headers={"Referer": page.url},
            allow_redirects=False,
            name="editor POST",
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                saves.setdefault(str(self.form_id), []).append(marker if target else "")
                response.success()
            else:
                response.failure(f"save answered {response.status_code}")


class Reviewer(HttpUser):
    weight = 1
    wait_time = between(2, 5)

    def on_start(self) -> None:
        _login(self, "dept_reviewer")

    @task
    def queue(self) -> None:
        self.client.get("/queue/", name="queue")
        self.client.get("/", name="form list")


class Public(HttpUser):
    weight = 3
    wait_time = between(1, 4)

    @task(3)
    def index(self) -> None:
        self.client.get("/public/", name="portal")

    @task(1)
    def open_data(self) -> None:
        self.client.get("/public/2022/indicators.csv", name="open data csv")


@events.test_stop.add_listener
def _write_saves(**_: object) -> None:
    with open(SAVES_FILE, "w", encoding="utf-8") as f:
        json.dump(saves, f)
