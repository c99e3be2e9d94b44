"""每日汇总: ``send_digest`` queues a job; the worker sends each person one e-mail a day (through
a real local SMTP server) listing their unread notifications and their units' overdue tasks."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import jobs_run_pending
from jixiao.web.notifications.models import ChannelChoice, DigestSent, Notification
from jixiao.web.notifications.services import notify


def _mails(smtp) -> dict[str, str]:
    """Recipient → decoded message of every e-mail received."""
    import email

    out = {}
    for envelope in smtp.messages:
        message = email.message_from_bytes(envelope.content)
        body = message.get_payload(decode=True).decode("utf-8")
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        for rcpt in envelope.rcpt_tos:
            out[rcpt] = f"{subject}\n{body}"
    return out


def _people(world):
    for user, address in (
        (world.unit_user, "unit@example.gov.cn"),
        (world.reviewer, "reviewer@example.gov.cn"),
        (world.finance, "finance@example.gov.cn"),
    ):
        user.email = address
        user.save()
    ChannelChoice.objects.create(user=world.finance, email=False)
    Notification.objects.all().delete()  # start from a known inbox
    notify(recipients=[world.unit_user], kind="returned", title="已退回：请核对年初预算数")
    notify(recipients=[world.finance], kind="submitted", title="待审核：测试")
    jobs_run_pending()  # the instant e-mails of those notifications


def test_the_digest_runs_as_a_job_and_sends_each_person_once_a_day(world, task, today, smtp):
    _people(world)
    smtp.messages.clear()
    late = today + timedelta(days=12)  # two days past the units' due date
    call_command("send_digest", date=late.isoformat())
    job = Job.objects.get(title=f"{late:%Y-%m-%d} 每日汇总邮件")
    assert job.status == Job.Status.QUEUED and not smtp.messages, "sent by the worker"

    jobs_run_pending()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.total == 2, "the two people with an address who did not turn e-mail off"
    mails = _mails(smtp)
    assert set(mails) == {"unit@example.gov.cn"}, "the reviewer has nothing waiting"
    text = mails["unit@example.gov.cn"]
    assert "待办汇总" in text
    assert "【未读消息】" in text and "已退回：请核对年初预算数" in text
    assert "【逾期未报的自评任务】" in text
    assert f"{task.title}（{world.unit.name}）" in text and "逾期 2 天" in text
    assert "已发送 1 封每日汇总邮件；1 人没有待办" in job.message

    smtp.messages.clear()
    call_command("send_digest", date=late.isoformat())
    jobs_run_pending()
    assert not smtp.messages, "twice a day sends nothing twice"
    assert "1 人今天已发送过" in Job.objects.order_by("-created_at").first().message
    assert DigestSent.objects.filter(user=world.unit_user, day=late).count() == 1


def test_nothing_overdue_and_nothing_unread_sends_nothing(world, task, today, smtp):
    _people(world)
    Notification.objects.update(read_at=timezone.now())
    smtp.messages.clear()
    call_command("send_digest", date=today.isoformat())
    jobs_run_pending()
    assert not smtp.messages
    assert not DigestSent.objects.exists()


def test_a_failed_e_mail_is_sent_by_the_next_run(world, task, today, smtp, settings):
    _people(world)
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens: the SMTP connection is refused
    smtp.messages.clear()
    call_command("send_digest", date=today.isoformat())
    jobs_run_pending()
    job = Job.objects.get()
    assert job.status == Job.Status.DONE and "1 封发送失败，下次运行时重试" in job.message
    assert not DigestSent.objects.exists()

    settings.EMAIL_PORT = port
    call_command("send_digest", date=today.isoformat())
    jobs_run_pending()
    assert set(_mails(smtp)) == {"unit@example.gov.cn"}
    assert DigestSent.objects.get().user == world.unit_user
