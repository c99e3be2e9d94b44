"""Telling people: :func:`notify` writes one notification per recipient (the in-app centre) and
one delivery per extra channel they chose; the task :func:`delivery_send` sends one delivery on
the task queue. A failed delivery is queued again after a growing delay (1, 2, 4… minutes) up to
``NOTIFICATION_MAX_ATTEMPTS`` attempts; every attempt is logged on its row, and
``send_notifications`` retries whatever is still pending (after a queue outage, say).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User as Account
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from jixiao.web.notifications import channels
from jixiao.web.notifications.models import ChannelChoice, Delivery, Notification
from jixiao.web.notifications.queue import enqueue

log = logging.getLogger("jixiao.web.notifications")


def max_attempts() -> int:
    return int(getattr(settings, "NOTIFICATION_MAX_ATTEMPTS", 5))


def site_url(path: str) -> str:
    base = str(getattr(settings, "JIXIAO_SITE_URL", "")).rstrip("/")
    return f"{base}{path}" if path and base else path


@transaction.atomic
def notify(
    *, recipients: Iterable[Account], kind: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    """Tell each recipient (once, however often they are listed); inactive accounts are
    skipped."""
    people = {user.pk: user for user in recipients if user.is_active}
    if not people:
        return []
    choices = {c.user_id: c for c in ChannelChoice.objects.filter(user_id__in=people)}
    created = []
    for user in people.values():
        notification = Notification.objects.create(
            recipient=user, kind=kind, title=title[:300], body=body, url=url
        )
        created.append(notification)
        choice = choices.get(user.pk) or ChannelChoice(user=user)
        if choice.email and user.email:
            _deliver_later(notification, Delivery.Channel.EMAIL, user.email)
        if choice.webhook and choice.webhook_url:
            _deliver_later(notification, Delivery.Channel.WEBHOOK, choice.webhook_url)
    return created


def _deliver_later(notification: Notification, channel: str, target: str) -> None:
    delivery = Delivery.objects.create(notification=notification, channel=channel, target=target)
    enqueue(delivery_send, delivery.pk)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait before the next attempt: 1, 2, 4, 8… minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


@task()
def delivery_send(delivery_id: int) -> None:
    """One attempt at one delivery (a task on the queue); the outcome is written on its row and
    a failure queues the next attempt."""
    if _attempt(delivery_id) == Delivery.State.PENDING:
        attempts = Delivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True)
        enqueue(delivery_send, delivery_id, delay=retry_delay(attempts.first() or 1))


def _attempt(delivery_id: int) -> str | None:
    delivery = (
        Delivery.objects.select_related("notification__recipient").filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.state != Delivery.State.PENDING:
        return None
    notification = delivery.notification
    delivery.attempts += 1
    try:
        if delivery.channel == Delivery.Channel.EMAIL:
            channels.send_email(
                to=delivery.target,
                subject=f"【预算绩效管理】{notification.title}",
                body=_email_body(notification),
            )
        else:
            choice = ChannelChoice.objects.filter(user=notification.recipient_id).first()
            kind = choice.webhook_kind if choice else ChannelChoice.WebhookKind.WECOM
            url = delivery.target
            if choice and kind == ChannelChoice.WebhookKind.DINGTALK and choice.webhook_secret:
                url = channels.dingtalk_signed(url, choice.webhook_secret)
            channels.send_webhook(
                url=url,
                payload=channels.webhook_payload(
                    kind, notification.title, notification.body, site_url(notification.url)
                ),
            )
    except channels.DeliveryError as exc:
        delivery.last_error = str(exc)[:2000]
        delivery.state = (
            Delivery.State.FAILED if delivery.attempts >= max_attempts() else Delivery.State.PENDING
        )
        log.warning(
            "notification delivery %s failed (attempt %s): %s", delivery.pk, delivery.attempts, exc
        )
    else:
        delivery.state = Delivery.State.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
    delivery.save(update_fields=["attempts", "state", "last_error", "sent_at"])
    return delivery.state


def _email_body(notification: Notification) -> str:
    lines = [notification.title, "", notification.body]
    if notification.url:
        lines += ["", f"查看：{site_url(notification.url)}"]
    lines += ["", "—— 预算绩效管理系统（本邮件由系统自动发送，请勿回复）"]
    return "\n".join(lines)


def deliveries_retry() -> int:
    """Try every delivery still pending again (the retry step, run by the queue's schedule or
    ``manage.py send_notifications``). Returns how many were tried."""
    ids = list(
        Delivery.objects.filter(
            state=Delivery.State.PENDING, attempts__lt=max_attempts()
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        _attempt(pk)
    return len(ids)


def unread_of(user: Account) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def notifications_mark_read(*, user: Account, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when ``ids`` is None)."""
    unread = unread_of(user)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
