"""Evidence in the browser, in Chinese: drop and choose files, see progress and refusals,
preview a PDF and a photo, replace a ledger, and review the change after a return."""

from __future__ import annotations

import io
import zipfile

import pytest
from playwright.sync_api import Page, expect

from jixiao.web.sealing.demo import ledger_pdf
from tests.web.evidence.conftest import pdf_bytes, png_bytes
from tests.web.test_browser import chromium, open_as, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
LEDGER = ledger_pdf("Mediation ledger 2022", ["Disputes mediated: 1,204", "Success rate: 98.6%"])

ROW = "tasks[0].indicators[0]"  # 矛盾纠纷调处成功率 98.6%
PHOTO_ROW = "tasks[0].indicators[1]"  # 规范化建设综治中心数量 11个


def _row(page: Page, path: str):
    return page.locator(f'.evidence-row[data-path="{path}"]')


def _drop(page: Page, path: str, name: str, content: bytes, media_type: str) -> None:
    transfer = page.evaluate_handle(
        """([bytes, name, type]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
            return transfer;
        }""",
        [list(content), name, media_type],
    )
    _row(page, path).locator(".evidence-drop").dispatch_event("drop", {"dataTransfer": transfer})


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", bytes(30 * 1024 * 1024))
    return buffer.getvalue()


def test_upload_preview_replace_and_review_evidence(world, open_as, live_server, settings):  # noqa: F811
    settings.EVIDENCE_MAX_BYTES = 200 * 1024
    pk = world.unit_form.pk
    unit = open_as(world.unit_user)
    unit.goto(f"{live_server.url}/evaluations/{pk}/edit/")
    row = _row(unit, ROW)
    expect(row).to_contain_text("任务1 指标“矛盾纠纷调处成功率”")

    # Chosen with the file dialog, then dropped: both land on their rows.
    row.locator(".evidence-input").set_input_files(
        files=[{"name": "调处台账.pdf", "mimeType": "application/pdf", "buffer": LEDGER}]
    )
    expect(_row(unit, ROW).locator(".evidence-items")).to_contain_text("调处台账.pdf")
    _drop(unit, PHOTO_ROW, "综治中心挂牌照片.png", png_bytes(), "image/png")
    expect(_row(unit, PHOTO_ROW).locator(".evidence-items")).to_contain_text("综治中心挂牌照片.png")

    # Bad files are refused on their row, in Chinese.
    refusals = [
        ("会议纪要.pdf", b"MZ\x90\x00" + bytes(300), "文件内容不是允许的类型"),
        ("..\\..\\台账.pdf", pdf_bytes("x"), "路径分隔符"),
        ("全年台账.pdf", pdf_bytes() + bytes(300 * 1024), "每个佐证材料不能超过 200 KB"),
        ("照片.zip", _bomb(), "压缩炸弹"),
    ]
    message = _row(unit, ROW).locator(".evidence-message")
    for name, content, text in refusals:
        _drop(unit, ROW, name, content, "application/octet-stream")
        expect(message).to_contain_text(text)
    expect(_row(unit, ROW).locator(".evidence-items li")).to_have_count(1)
    unit.set_viewport_size({"width": 1366, "height": 768})
    row.scroll_into_view_if_needed()
    shot(unit, "evidence-editor-1366")

    # Preview: the PDF in the browser's viewer, the photo as an image.
    _row(unit, PHOTO_ROW).get_by_role("button", name="预览").click()
    viewer = unit.locator(".evidence-viewer")
    expect(viewer).to_be_visible()
    expect(viewer.locator("img.viewer-image")).to_be_visible()
    assert viewer.locator("img.viewer-image").evaluate("img => img.naturalWidth") == 16
    viewer.get_by_role("button", name="关闭").click()
    with unit.expect_response(lambda r: "inline=1" in r.url) as preview:
        _row(unit, ROW).get_by_role("button", name="预览").click()
    assert preview.value.headers["content-type"] == "application/pdf"
    expect(viewer.locator("iframe.viewer-pdf")).to_be_visible()
    shot(unit, "evidence-preview-1366")
    viewer.get_by_role("button", name="关闭").click()

    # Submitted, returned: the unit replaces its ledger; the old version is kept.
    unit.goto(f"{live_server.url}/evaluations/{pk}/")
    unit.get_by_role("button", name="提交审核").click()
    expect(unit.locator(".pagehead .status")).to_have_text("已提交")
    reviewer = open_as(world.reviewer)
    reviewer.goto(f"{live_server.url}/evaluations/{pk}/")
    expect(reviewer.locator("#evidence")).to_contain_text("调处台账.pdf")
    reviewer.get_by_label("审核意见").fill("调处台账缺少第四季度。")
    reviewer.get_by_role("button", name="退回修改").click()
    expect(reviewer.locator(".pagehead .status")).to_have_text("退回")

    unit.goto(f"{live_server.url}/evaluations/{pk}/edit/")
    expect(_row(unit, ROW).get_by_role("button", name="删除")).to_have_count(0)
    with unit.expect_file_chooser() as chooser:
        _row(unit, ROW).get_by_role("button", name="替换").click()
    chooser.value.set_files(
        files=[
            {
                "name": "调处台账（含四季度）.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_bytes("四季度"),
            }
        ]
    )
    expect(_row(unit, ROW).locator(".evidence-items")).to_contain_text("调处台账（含四季度）.pdf")
    expect(_row(unit, ROW)).to_contain_text("新版本（旧版本已保留）")
    expect(unit.locator("#evidence-changes")).to_contain_text("替换")
    unit.goto(f"{live_server.url}/evaluations/{pk}/")
    unit.get_by_role("button", name="提交审核").click()
    expect(unit.locator(".pagehead .status")).to_have_text("已提交")

    # The reviewer sees what changed in the evidence, and the sealed history verifies.
    reviewer.goto(f"{live_server.url}/evaluations/{pk}/")
    changes = reviewer.locator("#evidence-changes")
    expect(changes).to_contain_text("与上一轮提交相比，佐证材料的变化（1 处）")
    expect(changes).to_contain_text("调处台账.pdf → 调处台账（含四季度）.pdf")
    reviewer.set_viewport_size({"width": 1366, "height": 768})
    changes.scroll_into_view_if_needed()
    shot(reviewer, "evidence-review-1366")
    reviewer.goto(f"{live_server.url}/evaluations/{pk}/history/")
    expect(reviewer.locator(".chain-event")).to_have_count(3)
    expect(reviewer.locator(".verified")).to_have_count(3)
    shot(reviewer, "history-chain-1366")
    reviewer.set_viewport_size({"width": 390, "height": 844})
    shot(reviewer, "history-chain-390")
    reviewer.goto(f"{live_server.url}/evaluations/{pk}/")
    reviewer.locator("#evidence").scroll_into_view_if_needed()
    shot(reviewer, "evidence-review-390")


def test_monitoring_month_evidence_upload_preview_replace_and_read(
    world,
    open_as,  # noqa: F811
    live_server,
) -> None:
    from jixiao.web.monitoring.demo import december_spender
    from jixiao.web.monitoring.services import monitoring_create

    record = monitoring_create(
        organisation=world.unit,
        year=2023,
        kind="unit",
        name="",
        user=None,
        form=december_spender(world.unit.name, world.department.name, month=7),
    )
    url = f"{live_server.url}/monitoring/{record.pk}/"
    unit = open_as(world.unit_user)
    unit.set_viewport_size({"width": 1366, "height": 768})
    unit.goto(url)
    panel = unit.locator("#evidence")
    expect(panel).to_contain_text("各月佐证材料")
    expect(unit.locator(".evidence-row")).to_have_count(7)  # January to July

    # July's ledger chosen with the dialog, June's photo dropped; a bad file refused in Chinese.
    _row(unit, "7").locator(".evidence-input").set_input_files(
        files=[{"name": "7月支出台账.pdf", "mimeType": "application/pdf", "buffer": LEDGER}]
    )
    expect(_row(unit, "7").locator(".evidence-items")).to_contain_text("7月支出台账.pdf")
    _drop(unit, "6", "6月项目现场照片.png", png_bytes(), "image/png")
    expect(_row(unit, "6").locator(".evidence-items")).to_contain_text("6月项目现场照片.png")
    _drop(unit, "5", "凭证.pdf", b"MZ\x90\x00" + bytes(300), "application/octet-stream")
    expect(_row(unit, "5").locator(".evidence-message")).to_contain_text("文件内容不是允许的类型")
    expect(_row(unit, "5").locator(".evidence-items")).to_have_count(0)

    # Preview in the page's viewer.
    with unit.expect_response(lambda r: "inline=1" in r.url) as preview:
        _row(unit, "7").get_by_role("button", name="预览").click()
    assert preview.value.headers["content-type"] == "application/pdf"
    viewer = unit.locator(".evidence-viewer")
    expect(viewer.locator("iframe.viewer-pdf")).to_be_visible()
    viewer.get_by_role("button", name="关闭").click()

    # Replace: the new version listed, the old one kept.
    with unit.expect_file_chooser() as chooser:
        _row(unit, "7").get_by_role("button", name="替换").click()
    chooser.value.set_files(
        files=[
            {
                "name": "7月支出台账（更正）.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_bytes("更正"),
            }
        ]
    )
    expect(_row(unit, "7")).to_contain_text("新版本（旧版本已保留）")
    expect(_row(unit, "7").locator(".evidence-items li")).to_have_count(1)

    # A ledger put on the wrong month is removed: off the list, counted as kept.
    _drop(unit, "4", "5月台账.pdf", pdf_bytes("5月"), "application/pdf")
    expect(_row(unit, "4").locator(".evidence-items")).to_contain_text("5月台账.pdf")
    _row(unit, "4").get_by_role("button", name="删除").click()
    expect(unit.locator(".messages")).to_contain_text("已删除佐证材料“5月台账.pdf”。")
    expect(_row(unit, "4").locator(".evidence-items")).to_have_count(0)
    expect(unit.locator("#evidence-removed")).to_contain_text("另有 1 份已删除的佐证材料")
    _row(unit, "7").scroll_into_view_if_needed()
    shot(unit, "monitoring-evidence-1366")

    # The department's reviewer reads it (and previews the photo) but uploads nothing.
    reviewer = open_as(world.reviewer)
    reviewer.set_viewport_size({"width": 1366, "height": 768})
    reviewer.goto(url)
    expect(reviewer.locator("#evidence")).to_contain_text("7月支出台账（更正）.pdf")
    expect(reviewer.locator(".evidence-drop")).to_have_count(0)
    expect(reviewer.locator("#evidence").get_by_role("button", name="删除")).to_have_count(0)
    _row(reviewer, "6").get_by_role("button", name="预览").click()
    expect(reviewer.locator(".evidence-viewer img.viewer-image")).to_be_visible()
