"""A full disk: the upload gets a Chinese page (not a traceback), nothing is half-written (no
partial file, no row naming a missing file), and uploads work again once space returns, with
nothing restarted. On a real, tiny ext4 filesystem mounted from a loop device (root only)."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from jixiao.web.evidence.models import Evidence
from jixiao.web.ops.storage import PARTIAL_PREFIX, WholeFileSystemStorage

ROW = "tasks[0].indicators[0]"


def _noise_png(side: int) -> bytes:
    """A PNG that does not compress: about 3 × side² bytes."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(3 * side * side)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def small_disk(tmp_path, settings):
    """MEDIA_ROOT on a 4 MB ext4 filesystem of its own; unmounted and removed afterwards."""
    if os.geteuid() != 0 or not shutil.which("mkfs.ext4"):
        pytest.skip("a loop mount needs root and mkfs.ext4 (e2fsprogs)")
    image, mount = tmp_path / "disk.img", tmp_path / "files"
    mount.mkdir()
    subprocess.run(["truncate", "-s", "4M", str(image)], check=True)
    subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", str(image)], check=True)
    done = subprocess.run(["mount", "-o", "loop", str(image), str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip(f"loop mount refused here: {done.stderr.decode(errors='replace').strip()}")
    settings.MEDIA_ROOT = str(mount)
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        image.unlink(missing_ok=True)


def _fill(mount: Path, leave: int) -> Path:
    """Take all of the filesystem's space but ``leave`` bytes."""
    filler = mount / "filler"
    free = shutil.disk_usage(mount).free - leave
    with open(filler, "wb") as out:
        out.write(b"\0" * max(0, free))
        out.flush()
        os.fsync(out.fileno())
    return filler


def _files(mount: Path) -> list[str]:
    return sorted(
        str(p.relative_to(mount))
        for p in mount.rglob("*")
        if p.is_file() and p.name != "filler" and "lost+found" not in p.parts
    )


def _upload(client, form, content: bytes, name: str):
    return client.post(
        reverse("evidence:upload", args=[form.pk]),
        {"file": SimpleUploadedFile("upload.png", content), "name": name, "path": ROW},
    )


def test_a_full_disk_is_a_chinese_page_leaves_nothing_and_recovers(world, client_for, small_disk):
    client = client_for(world.unit_user)
    (small_disk / "evidence" / str(world.unit_form.pk)).mkdir(parents=True)
    filler = _fill(small_disk, leave=64 * 1024)
    photo = _noise_png(300)  # about 270 KB: more than is left
    assert len(photo) > 4 * 64 * 1024

    response = _upload(client, world.unit_form, photo, "现场照片.png")

    page = response.content.decode()
    assert response.status_code == 507
    assert "存储空间已满，文件未保存" in page and "Traceback" not in page
    assert response["X-Request-ID"] in page
    assert not Evidence.objects.exists(), "no row naming a file that is not there"
    assert _files(small_disk) == [], "no partial file, under its name or any other"

    filler.unlink()  # space returns; nothing is restarted
    again = _upload(client, world.unit_form, photo, "现场照片.png")
    assert again.status_code == 302
    item = Evidence.objects.get()
    assert default_storage.open(item.storage_key, "rb").read() == photo
    assert _files(small_disk) == [item.storage_key]


def test_a_write_that_fails_half_way_leaves_no_partial_file(tmp_path):
    class DiskFull(File):
        """A source that gives one chunk, then fails as a full disk does."""

        def chunks(self, chunk_size=None):
            yield b"x" * 1000
            raise OSError(errno.ENOSPC, "No space left on device")

    storage = WholeFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError) as failure:
        storage.save("evidence/1/a.pdf", DiskFull(io.BytesIO(b"")))
    assert failure.value.errno == errno.ENOSPC
    assert list((tmp_path / "evidence" / "1").iterdir()) == []

    saved = storage.save("evidence/1/a.pdf", File(io.BytesIO(b"whole")))
    assert (tmp_path / saved).read_bytes() == b"whole"
    assert not [
        p for p in (tmp_path / "evidence" / "1").iterdir() if p.name.startswith(PARTIAL_PREFIX)
    ]
    assert oct((tmp_path / saved).stat().st_mode & 0o777) == oct(0o644)
