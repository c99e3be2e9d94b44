"""The season's last day, as locust users on loopback: fillers saving their own forms through
the real editor page (CSRF and all) and then submitting them, reviewers approving what was
submitted through the form's own page, the public reading the portal. Started by
``benchmarks/load/__main__.py``; never aimed anywhere but 127.0.0.1.

What each user saw succeed is written to ``JIXIAO_LOAD_SAVES`` at the end: per form, the markers
of its saves, and the submissions and approvals answered with success; the run then checks the
database against it.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

PHASE = os.environ["JIXIAO_LOAD_PHASE"]  # each phase has forms of its own
FORMS = json.loads(os.environ["JIXIAO_LOAD_FORMS"])[PHASE]  # [[username, form id], …]
FORM_IDS = {str(pk) for _user, pk in FORMS}
SAVES_FILE = os.environ["JIXIAO_LOAD_SAVES"]
PASSWORD = os.environ["JIXIAO_LOAD_PASSWORD"]
#: Saves before a filler submits its form (then it only reads it).
SAVES_BEFORE_SUBMIT = int(os.environ.get("JIXIAO_LOAD_SAVES_BEFORE_SUBMIT", "4"))
_next_filler = itertools.count()
# form id → markers saved (302 from the editor), in order; and the steps answered with success.
saves: dict[str, list[str]] = {}
steps: dict[str, list[str]] = {}


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


def _csrf(page: str, action: str) -> str | None:
    """The CSRF token of the page's form posting to ``action`` (None: no such form)."""
    form = re.search(
        rf'<form method="post" action="{re.escape(action)}"[^>]*>\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
    )
    return form.group(1) if form else None


def _step(user: HttpUser, form_id: str, step: str, data: dict[str, str], name: str) -> None:
    """Post a workflow step from the form's page, as its button does; a refusal (someone else
    was first) is a redirect to the page's #problem, counted apart from errors."""
    detail = f"/evaluations/{form_id}/"
    page = user.client.get(detail, name="form page")
    action = f"/evaluations/{form_id}/{step}/"
    token = _csrf(page.text, action)
    if token is None:
        return  # the button is not there (already done by someone else)
    with user.client.post(
        action,
        data={**data, "csrfmiddlewaretoken": token},
        headers={"Referer": page.url},
        allow_redirects=False,
        name=name,
        catch_response=True,
    ) as response:
        location = response.headers.get("Location", "")
        if response.status_code == 302 and "#problem" not in location:
            steps.setdefault(form_id, []).append(step)
            response.success()
        elif response.status_code == 302:
            response.success()  # refused in Chinese on the page: a lost race, not an error
        else:
            response.failure(f"{step} answered {response.status_code}")


class Filler(HttpUser):
    weight = 6
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.username, self.form_id = FORMS[next(_next_filler) % len(FORMS)]
        self.form_id = str(self.form_id)
        self.count = 0
        self.submitted = False
        _login(self, self.username)

    @task
    def work(self) -> None:
        if self.submitted:
            self.client.get(f"/evaluations/{self.form_id}/", name="form page")
        elif self.count >= SAVES_BEFORE_SUBMIT:
            _step(self, self.form_id, "submit", {"explanation": "压测：已核对"}, "submit POST")
            self.submitted = "submit" in steps.get(self.form_id, [])
        else:
            self.save()

    def save(self) -> None:
        page = self.client.get(f"/evaluations/{self.form_id}/edit/", name="editor GET")
        parser = FormFields()
        parser.feed(page.text)
        fields = dict(parser.fields)
        text_fields = parser.textareas[-1:]  # the last free-text box (problems, measures…)
        if "version" not in fields:
            self.submitted = True  # not the editor (the form left draft): only read it now
            return
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
                saves.setdefault(self.form_id, []).append(marker if target else "")
                response.success()
            else:
                response.failure(f"save answered {response.status_code}")


class Reviewer(HttpUser):
    weight = 1
    wait_time = between(2, 5)

    def on_start(self) -> None:
        _login(self, "dept_reviewer")

    @task
    def review(self) -> None:
        queue = self.client.get("/queue/", name="queue").text
        self.client.get("/", name="form list")
        waiting = [
            pk
            for pk in dict.fromkeys(re.findall(r'href="/evaluations/(\d+)/"', queue))
            if pk in FORM_IDS
        ]
        if waiting:
            pk = random.choice(waiting[:5])
            _step(self, pk, "approve", {"comment": "压测：同意"}, "approve POST")


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
        json.dump({"saves": saves, "steps": steps}, f)
