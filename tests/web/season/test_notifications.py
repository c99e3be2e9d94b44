"""Every step tells those concerned: in the centre, by e-mail through a real local SMTP server
and by a robot webhook to a real local HTTP receiver."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from django_tasks_db.models import DBTaskResult

from jixiao.web.evaluations import services as evaluation_services
from jixiao.web.jobs.services import jobs_run_pending
from jixiao.web.notifications.models import ChannelChoice, Delivery, Notification
from jixiao.web.notifications.services import deliveries_retry


def _submit(world):
    submitted = evaluation_services.evaluation_submit(
        evaluation=world.unit_form, user=world.unit_user, explanation="已核对"
    )
    jobs_run_pending()  # the worker sends what was queued
    return submitted


def test_a_return_really_tells_the_unit_by_e_mail_with_the_reason(world, client_for, smtp):
    world.unit_user.email = "unit@example.gov.cn"
    world.unit_user.save()
    _submit(world)
    response = client_for(world.reviewer).post(
        f"/evaluations/{world.unit_form.pk}/return/",
        {"comment": "年初预算数与批复不符"},
        follow=True,
    )
    assert not smtp.messages, "sent by the worker, not by the request"
    jobs_run_pending()
    assert "已退回，并通知填报单位修改" in response.content.decode()
    note = Notification.objects.get(kind="returned", recipient=world.unit_user)
    assert "年初预算数与批复不符" in note.body
    assert note.url == f"/evaluations/{world.unit_form.pk}/edit/"
    [envelope] = [m for m in smtp.messages if "unit@example.gov.cn" in m.rcpt_tos]
    text = envelope.content.decode("utf-8", "replace")
    assert "Subject:" in text
    delivery = Delivery.objects.get(notification=note)
    assert delivery.state == Delivery.State.SENT and delivery.attempts == 1


def test_a_submission_tells_the_reviewers_in_the_centre_with_a_badge(world, client_for):
    _submit(world)
    client = client_for(world.reviewer)
    home = client.get("/").content.decode()
    assert 'id="nav-notifications">消息<span class="badge"' in home
    centre = client.get("/notifications/").content.decode()
    assert f"待审核：{world.unit.name}" in centre
    note = Notification.objects.get(recipient=world.reviewer, kind="submitted")
    client.get(f"/notifications/{note.pk}/")
    note.refresh_from_db()
    assert note.read_at is not None
    client.post("/notifications/read/")
    assert not Notification.objects.filter(recipient=world.reviewer, read_at__isnull=True).exists()


def test_wecom_and_dingtalk_robots_get_their_payloads(world, webhook):
    ChannelChoice.objects.create(
        user=world.reviewer,
        email=False,
        webhook=True,
        webhook_kind="wecom",
        webhook_url=f"{webhook.url}/cgi-bin/webhook/send?key=abc",
    )
    ChannelChoice.objects.create(
        user=world.finance,
        email=False,
        webhook=True,
        webhook_kind="dingtalk",
        webhook_url=f"{webhook.url}/robot/send?access_token=t",
        webhook_secret="SECxyz",
    )
    _submit(world)
    evaluation_services.evaluation_approve(evaluation=world.unit_form, user=world.reviewer)
    jobs_run_pending()
    paths = [path for path, _payload in webhook.received]
    wecom = [p for p in webhook.received if p[0].startswith("/cgi-bin")]
    assert wecom[0][1]["msgtype"] == "text"
    assert "待审核" in wecom[0][1]["text"]["content"]
    ding = [p for p in webhook.received if p[0].startswith("/robot")]
    assert "主管部门审核通过" in ding[0][1]["text"]["content"]
    query = parse_qs(urlparse(ding[0][0]).query)
    assert query["access_token"] == ["t"] and query["timestamp"] and query["sign"]
    assert len(paths) == 2


def test_a_failed_delivery_is_logged_and_retried(world, webhook):
    webhook.answer = {"errcode": 93000, "errmsg": "invalid webhook url"}
    ChannelChoice.objects.create(
        user=world.reviewer, email=False, webhook=True, webhook_url=f"{webhook.url}/hook"
    )
    _submit(world)
    delivery = Delivery.objects.get(channel="webhook")
    assert delivery.state == Delivery.State.PENDING and delivery.attempts == 1
    assert "93000" in delivery.last_error
    # The next attempt is queued for later (a minute), not run at once.
    assert DBTaskResult.objects.filter(status="READY", run_after__isnull=False).exists()
    webhook.answer = {"errcode": 0}
    assert deliveries_retry() == 1
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SENT and delivery.attempts == 2


def test_each_user_chooses_channels_and_a_robot_needs_an_address(world, client_for):
    client = client_for(world.unit_user)
    response = client.post("/notifications/settings/", {"email": "on", "webhook": "on"})
    assert response.status_code == 400
    assert "请填写机器人的 Webhook 地址" in response.content.decode()
    client.post(
        "/notifications/settings/",
        {
            "webhook": "on",
            "webhook_kind": "dingtalk",
            "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=x",
        },
    )
    choice = ChannelChoice.objects.get(user=world.unit_user)
    assert not choice.email and choice.webhook and choice.webhook_kind == "dingtalk"
