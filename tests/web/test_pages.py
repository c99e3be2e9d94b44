"""Every kind of page, at a desktop width (1366×768) and a phone width (390×844): no page scrolls
sideways, axe-core finds no accessibility violation, and a screenshot is taken for a person to
look at (``make screenshots`` writes them to ``var/screenshots/pages``).

axe-core is the npm package pinned in ``scripts/vendor-assets`` (integrity-checked there,
committed in ``tests/web/vendor`` with its sha256, which is checked before each use; the pages
never serve it). The Django admin and the Swagger page are not
jixiao's own pages and are left out.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from jixiao.web.evaluations import demo
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evaluations.services import (
    evaluation_approve,
    evaluation_publish,
    evaluation_submit,
)
from jixiao.web.evidence.services import evidence_upload, monitoring_evidence_upload
from jixiao.web.indicators.services import library_import
from jixiao.web.monitoring.demo import december_spender
from jixiao.web.monitoring.services import monitoring_create
from jixiao.web.review.models import ReviewPhrase
from jixiao.web.review.services import evaluation_return_with_comments
from jixiao.web.sealing.demo import activity_photo, ledger_pdf
from jixiao.web.sealing.services import anchor_create
from jixiao.web.season.services import task_issue
from jixiao.web.targets.services import targets_create
from tests.web.conftest import PASSWORD, make_form
from tests.web.indicators.test_library import GOOD, VAGUE, xlsx
from tests.web.test_browser import chromium  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
SHOTS = Path(os.environ.get("JIXIAO_SCREENSHOTS", ROOT / "var" / "screenshots" / "pages"))
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class PageKind:
    name: str  # the screenshot's file name
    persona: str | None  # None: not logged in
    path: str
    # Settings the page is seen with (e.g. the login page with LDAP and single sign-on on).
    settings: dict[str, object] = field(default_factory=dict)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> Path:
    """A throwaway signing certificate, made once for the module (it takes a few seconds)."""
    folder = tmp_path_factory.mktemp("signing")
    call_command("demo_certificate", str(folder), verbosity=0)
    return folder


def _with_evidence(evaluation: Evaluation, user) -> None:
    """A ledger on the first indicator of the first task and a photo on the form itself, both
    shown on the portal once the form is published."""
    evidence_upload(
        evaluation=evaluation,
        user=user,
        name="2021年调处台账.pdf",
        content=ledger_pdf("Mediation ledger 2021", ["Disputes mediated: 1,204"]),
        anchor_path="tasks[0].indicators[0]",
        public=True,
    )
    evidence_upload(
        evaluation=evaluation,
        user=user,
        name="综治中心挂牌照片.jpg",
        content=activity_photo("Centre 2021"),
        public=True,
    )


@contextlib.contextmanager
def _outside_playwrights_loop() -> Iterator[None]:
    """Publishing signs the PDF with pyHanko, which runs its own asyncio loop; Playwright's
    synchronous API keeps a loop running in this thread, so it is set aside meanwhile (the
    server's threads, where publishing happens in real use, have none)."""
    running = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(running)
        if running is not None:
            asyncio.set_event_loop(running)


@pytest.fixture
def pages(world, settings, certificate) -> list[PageKind]:
    """A world where every page kind has something to show, and the address of each."""
    settings.SIGNING_PKCS12 = str(certificate / "bureau.p12")
    settings.SIGNING_PASSWORD_FILE = str(certificate / "password")
    published = make_form(world.unit, demo.centre_form(2021))
    _with_evidence(published, world.unit_user)
    evaluation_submit(evaluation=published, user=world.unit_user, explanation="")
    evaluation_approve(evaluation=published, user=world.reviewer)
    evaluation_approve(evaluation=published, user=world.finance)
    with _outside_playwrights_loop():
        evaluation_publish(evaluation=published, user=world.finance)
    project = make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    draft_project = make_form(world.unit, demo.centre_project_form(2023, world.department.name))
    submitted = world.unit_form
    evaluation_submit(evaluation=submitted, user=world.unit_user, explanation="")
    returned = world.other_form
    evaluation_submit(evaluation=returned, user=world.other_unit_user, explanation="")
    evaluation_return_with_comments(
        evaluation=returned,
        user=world.reviewer,
        comment="请补充存在问题的原因分析。",
        field_comments=[("problems", "只写了现象，没有原因。")],
    )
    ReviewPhrase.objects.create(organisation=world.department, text="请核对实际支出数。")
    targets = targets_create(organisation=world.unit, year=2023, user=world.unit_user)
    record = monitoring_create(
        organisation=world.unit,
        year=2023,
        kind="unit",
        name="",
        user=None,
        form=december_spender(world.unit.name, world.department.name, month=7),
    )
    monitoring_evidence_upload(
        record=record,
        user=world.unit_user,
        month=7,
        name="7月支出台账.pdf",
        content=ledger_pdf("Spending ledger July", ["Spent: 29.40"]),
    )
    library_import(
        keeper=world.bureau,
        user=world.finance,
        content=xlsx(GOOD, VAGUE),
    )
    today = timezone.localdate()
    task = task_issue(
        issuer=world.bureau,
        user=world.finance,
        year=2022,
        title="2022年度部门整体支出和项目绩效自评",
        form_types=["department_overall", "project"],
        departments=[world.department],
        unit_due=today + timedelta(days=10),
        department_due=today + timedelta(days=20),
        instructions="请按时填报，逾期将通报。",
        today=today,
    )
    evaluation_submit(evaluation=project, user=world.unit_user, explanation="")
    evaluation_approve(evaluation=project, user=world.reviewer)
    evaluation_approve(evaluation=project, user=world.finance)
    anchor_create()
    dept, bureau = world.department.pk, world.bureau.pk
    return [
        PageKind("login", None, "/login/"),
        PageKind(
            "login-sso",
            None,
            "/login/",
            {"LDAP_ENABLED": True, "OIDC_ENABLED": True, "CAS_ENABLED": True},
        ),
        PageKind("list", "unit_user", "/"),
        PageKind("queue", "reviewer", "/queue/"),
        PageKind("new", "unit_user", "/evaluations/new/"),
        PageKind("import", "unit_user", "/import/"),
        PageKind("detail-review", "reviewer", f"/evaluations/{submitted.pk}/"),
        PageKind("detail-returned", "other_unit_user", f"/evaluations/{returned.pk}/"),
        PageKind("editor-department", "other_unit_user", f"/evaluations/{returned.pk}/edit/"),
        PageKind("editor-project", "unit_user", f"/evaluations/{draft_project.pk}/edit/"),
        PageKind("history", "reviewer", f"/evaluations/{submitted.pk}/history/"),
        PageKind("detail-published", "unit_user", f"/evaluations/{published.pk}/"),
        PageKind("history-published", "unit_user", f"/evaluations/{published.pk}/history/"),
        PageKind("targets-list", "unit_user", "/targets/"),
        PageKind("targets-editor", "unit_user", f"/targets/{targets.pk}/"),
        PageKind("monitoring-list", "unit_user", "/monitoring/"),
        PageKind("monitoring-editor", "unit_user", f"/monitoring/{record.pk}/"),
        PageKind("monitoring-warnings", "finance", "/monitoring/warnings/"),
        PageKind("monitoring-import", "unit_user", "/monitoring/import/"),
        PageKind("consolidation-index", "reviewer", "/consolidation/"),
        PageKind("consolidation-overview", "reviewer", f"/consolidation/{dept}/2022/"),
        PageKind("dashboard", "finance", f"/dashboards/{bureau}/?year=2022"),
        PageKind("linking", "reviewer", f"/linking/{dept}/"),
        PageKind("portal", None, "/public/"),
        PageKind("portal-form", None, f"/public/forms/{published.pk}/"),
        PageKind("portal-schema", None, "/public/schema/"),
        PageKind("tokens", "unit_user", "/account/tokens/"),
        PageKind("jobs", "unit_user", "/jobs/"),
        PageKind("indicator-library", "finance", "/indicators/"),
        PageKind("review-phrases", "reviewer", "/review/phrases/"),
        PageKind("season-tasks", "finance", "/season/"),
        PageKind("season-new", "finance", "/season/new/"),
        PageKind("season-task", "finance", f"/season/{task.pk}/"),
        PageKind("season-score", "finance", f"/season/score/{project.pk}/"),
        PageKind("detail-approved", "finance", f"/evaluations/{project.pk}/"),
        PageKind("notifications", "other_unit_user", "/notifications/"),
        PageKind("notification-settings", "unit_user", "/notifications/settings/"),
        PageKind("password", "unit_user", "/account/password/"),
        PageKind("sealing-anchors", "finance", "/evaluations/anchors/"),
        PageKind("not-found", "unit_user", "/evaluations/999999/"),
    ]


class Visitor:
    """One browser context per persona at one viewport, logged in once."""

    def __init__(self, browser: Browser, base: str, viewport: dict[str, int], world) -> None:
        self.browser, self.base, self.viewport, self.world = browser, base, viewport, world
        self.contexts: dict[str | None, BrowserContext] = {}

    def page(self, persona: str | None) -> Page:
        if persona not in self.contexts:
            context = self.browser.new_context(locale="zh-CN", viewport=self.viewport)
            context.set_default_timeout(10_000)
            self.contexts[persona] = context
            if persona is not None:
                page = context.new_page()
                page.goto(f"{self.base}/login/")
                page.get_by_label("用户名").fill(getattr(self.world, persona).username)
                page.get_by_label("密码").fill(PASSWORD)
                page.get_by_role("button", name="登录").click()
                page.wait_for_url(f"{self.base}/")
                page.close()
        return self.contexts[persona].new_page()

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture
def visit(chromium, live_server, world) -> Iterator:  # noqa: F811
    visitors: list[Visitor] = []

    def make(viewport: dict[str, int]) -> Visitor:
        visitor = Visitor(chromium, live_server.url, viewport, world)
        visitors.append(visitor)
        return visitor

    yield make
    for visitor in visitors:
        visitor.close()


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page, one line each: rule, impact, the elements."""
    code = AXE.read_bytes()
    assert hashlib.sha256(code).hexdigest() == AXE_SHA256, "axe-core differs from SOURCES.txt"
    # Evaluated through the browser's devtools channel, which the pages' Content Security
    # Policy (script-src 'self', no inline script) rightly does not let a <script> tag do.
    page.evaluate("source => { (0, eval)(source); }", code.decode("utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            }));
        }"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {json.dumps(v['nodes'], ensure_ascii=False)}"
        for v in result
    ]


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


def widest(page: Page) -> str:
    """The elements that first reach past the window's right edge (for the failure message)."""
    return str(
        page.evaluate(
            """() => {
                const past = el => el.getBoundingClientRect().right > window.innerWidth + 1;
                return [...document.querySelectorAll('body *')]
                    .filter(el => past(el) && !past(el.parentElement))
                    .slice(0, 5)
                    .map(el => el.tagName.toLowerCase() + '.' + el.className)
                    .join(', ');
            }"""
        )
    )


def unlabelled(page: Page) -> list[str]:
    """Cells of lists shown as cards (phones hide the column heads) without the label that
    says what they are; rows that do not span the head's columns (an empty list's row) aside."""
    return list(
        page.evaluate(
            """() => {
                const out = [];
                for (const table of document.querySelectorAll('table.grid')) {
                    const heads = table.querySelectorAll('thead tr:last-child th');
                    let columns = 0;
                    heads.forEach(h => { columns += parseInt(h.getAttribute('colspan') || '1'); });
                    for (const row of table.querySelectorAll('tbody > tr')) {
                        if (row.children.length !== columns) continue;
                        for (const cell of row.children) {
                            const text = cell.textContent.trim();
                            const said = cell.hasAttribute('data-label');
                            if (!said && text) out.push(text.slice(0, 20));
                        }
                    }
                }
                return out.slice(0, 5);
            }"""
        )
    )


def tour(visitor: Visitor, pages: list[PageKind], suffix: str) -> list[str]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for kind in pages:
        page = visitor.page(kind.persona)
        with override_settings(**kind.settings):
            page.goto(f"{visitor.base}{kind.path}")
            page.wait_for_load_state("networkidle")
        if kind.name == "dashboard":
            page.wait_for_timeout(1200)  # the charts' entry animation
        wider = overflow(page)
        if wider > 0:
            problems.append(
                f"{kind.name}: the page is {wider}px wider than the window ({widest(page)})"
            )
        problems += [f"{kind.name}: {v}" for v in axe_violations(page)]
        if suffix == "390":
            problems += [
                f"{kind.name}: a card cell says not what it is: {c}" for c in unlabelled(page)
            ]
        # The whole page, so a person looking sees the panels below the fold too.
        page.screenshot(path=str(SHOTS / f"{kind.name}-{suffix}.png"), full_page=True)
        page.close()
    return problems


def test_every_page_at_desktop_width_is_accessible(pages, visit):
    problems = tour(visit(DESKTOP), pages, "1366")
    assert not problems, "\n".join(problems)


def test_every_page_at_phone_width_fits_and_is_accessible(pages, visit):
    problems = tour(visit(PHONE), pages, "390")
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_menu_folds_and_a_skip_link_leads_to_the_content(visit):
    visitor = visit(PHONE)
    page = visitor.page("unit_user")
    page.goto(f"{visitor.base}/")
    logout = page.get_by_role("button", name="退出")
    expect(logout).to_be_hidden()
    page.get_by_text("菜单").click()
    expect(logout).to_be_visible()
    expect(
        page.get_by_role("navigation", name="主菜单").get_by_role("link", name="绩效目标")
    ).to_be_visible()
    assert overflow(page) == 0
    # The first Tab reaches the skip link; following it puts the focus on the page's content.
    page.reload()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


FOCUSED = """() => {
    const el = document.activeElement;
    return {name: el.name || '', label: el.getAttribute('aria-label') || el.textContent.trim(),
            tag: el.tagName.toLowerCase()};
}"""


def test_a_whole_form_is_filled_by_keyboard_alone(world, visit):
    """From the top of the editor, Tab reaches every field of the form in turn; the unit types
    into some on the way and saves with Enter, never touching the mouse."""
    visitor = visit(DESKTOP)
    page = visitor.page("unit_user")
    page.goto(f"{visitor.base}/evaluations/{world.unit_form.pk}/edit/")
    fields = set(
        page.evaluate(
            """() => [...document.querySelectorAll('#editor [name]')]
                .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
                .map(el => el.name)"""
        )
    )
    typed = {
        "funds-actual_spending": "300.00",
        "funds-spending_by_source-general_public_budget": "300.00",
        "problems": "支出集中在下半年。",
    }
    reached: set[str] = set()
    for _ in range(600):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["name"] in typed:
            page.keyboard.press("Control+A")
            page.keyboard.type(typed[focused["name"]])
        reached.add(focused["name"])
        if focused["label"] == "保存草稿":
            break
    assert focused["label"] == "保存草稿", "Tab never reached the save button"
    assert fields - reached == set()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("草稿已保存")
    world.refresh()
    assert world.unit_form.data["funds"]["actual_spending"] == "300.00"
    assert world.unit_form.data["problems"] == "支出集中在下半年。"


def test_a_leader_returns_and_approves_from_a_phone(world, visit):
    """At 390 px the review box, the phrases and both buttons are there without sideways
    scrolling; returning and (after a resubmission) approving both work."""
    form = evaluation_submit(evaluation=world.unit_form, user=world.unit_user, explanation="")
    visitor = visit(PHONE)
    page = visitor.page("reviewer")
    page.goto(f"{visitor.base}/evaluations/{form.pk}/")
    page.get_by_label("审核意见").fill("请补充存在问题的原因分析。")
    page.get_by_role("button", name="退回修改").click()
    expect(page.locator(".pagehead .status")).to_have_text("退回")
    assert overflow(page) == 0
    evaluation_submit(evaluation=form, user=world.unit_user, explanation="")
    page.goto(f"{visitor.base}/evaluations/{form.pk}/")
    approve = page.get_by_role("button", name="审核通过")
    approve.scroll_into_view_if_needed()
    box = approve.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    assert box["height"] >= 36  # big enough for a thumb
    approve.click()
    expect(page.locator(".pagehead .status")).to_have_text("主管部门审核通过")
