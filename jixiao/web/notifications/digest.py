"""每日汇总: one e-mail per person per day summarising what waits for them.

``manage.py send_digest`` (a systemd timer or cron, once a day) starts a job; the task
:func:`digest_send` runs on the task queue and writes its progress on the job, which
administrators see under 后台任务. A person gets the e-mail when they have an address, have
not turned e-mail off under 通知方式, and something waits: unread notifications, and whatever
the apps above register with :func:`register_digest_section` (the 自评 season adds its overdue
tasks). Running it twice a day sends nothing twice; a failed e-mail is tried again by the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User as Account
from django.db import IntegrityError, transaction
from django_tasks import task

from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import job_running, job_start
from jixiao.web.notifications import channels
from jixiao.web.notifications.models import ChannelChoice, DigestSent, Notification
from jixiao.web.notifications.services import site_url

log = logging.getLogger("jixiao.web.notifications")

#: Unread notifications listed by name; the rest are counted.
LISTED = 10

#: A section: the lines it adds to ``user``'s digest for ``day`` (none when nothing is due).
Section = Callable[[Account, date], list[str]]


@dataclass(frozen=True)
class _Registered:
    title: str
    lines: Section


_sections: dict[str, _Registered] = {}


def register_digest_section(key: str, title: str, lines: Section) -> None:
    """Add a section (under ``title``) to every digest; registering ``key`` again replaces it."""
    _sections[key] = _Registered(title, lines)


def _unread(user: Account, day: date) -> list[str]:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    total = unread.count()
    lines = []
    for note in unread[:LISTED]:
        link = f"（{site_url(note.url)}）" if note.url else ""
        lines.append(f"{note.created_at:%m-%d} {note.title}{link}")
    if total > LISTED:
        lines.append(f"……另有 {total - LISTED} 条，请登录系统在“消息”中查看")
    return lines


register_digest_section("unread", "未读消息", _unread)


def digest_text(user: Account, day: date) -> tuple[str, int] | None:
    """The e-mail's body and how many items it lists, or ``None`` when nothing waits."""
    parts = []
    items = 0
    for section in _sections.values():
        lines = section.lines(user, day)
        if lines:
            items += len(lines)
            parts += [f"【{section.title}】", *(f"· {line}" for line in lines), ""]
    if not parts:
        return None
    name = user.get_full_name() or user.get_username()
    head = [f"{name}，您好：", "", f"截至 {day:%Y年%m月%d日}，以下事项等待您处理：", ""]
    tail = ["—— 预算绩效管理系统每日汇总（本邮件由系统自动发送，请勿回复）"]
    return "\n".join(head + parts + tail), items


def digest_start(day: date) -> Job:
    """Queue the day's digests as one job (started by the schedule, so it has no owner)."""
    return job_start(
        digest_send, title=f"{day:%Y-%m-%d} 每日汇总邮件", user=None, day=day.isoformat()
    )


def _recipients() -> list[Account]:
    no_email = ChannelChoice.objects.filter(email=False).values("user_id")
    return list(
        Account.objects.filter(is_active=True)
        .exclude(email="")
        .exclude(pk__in=no_email)
        .order_by("pk")
    )


@task()
def digest_send(job_id: str, day: str) -> None:
    """Each person's digest for ``day``, at most once."""
    when = date.fromisoformat(day)
    with job_running(job_id) as job:
        people = _recipients()
        sent = quiet = already = failed = 0
        for number, user in enumerate(people, start=1):
            outcome = _send_one(user, when)
            sent += outcome == "sent"
            quiet += outcome == "quiet"
            already += outcome == "already"
            failed += outcome == "failed"
            job.progress(number, len(people), f"已处理 {number} / {len(people)} 人")
        message = f"已发送 {sent} 封每日汇总邮件；{quiet} 人没有待办，{already} 人今天已发送过"
        if failed:
            message += f"；{failed} 封发送失败，下次运行时重试（详见日志）"
        job.progress(len(people), len(people), message)


def _send_one(user: Account, day: date) -> str:
    content = digest_text(user, day)
    if content is None:
        return "quiet"
    body, items = content
    try:
        with transaction.atomic():
            claim = DigestSent.objects.create(user=user, day=day, lines=items)
    except IntegrityError:
        return "already"
    try:
        channels.send_email(
            to=user.email, subject=f"【预算绩效管理】{day:%m月%d日}待办汇总", body=body
        )
    except channels.DeliveryError as exc:
        log.warning("digest to user %s for %s failed: %s", user.pk, day, exc)
        claim.delete()
        return "failed"
    return "sent"
