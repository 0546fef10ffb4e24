"""Six loopback networks with connected accounts, for publishing tests and the benchmark."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PIL import Image

from clinicstudio.accounts import SecretVault, save_connection
from clinicstudio.domain import Category, Finding, Platform, Severity
from clinicstudio.store.database import Database
from clinicstudio.store.media import import_image
from clinicstudio.store.posts import PostDraft, create_post
from tests.helpers.fake_bluesky import FakeBluesky
from tests.helpers.fake_facebook import FakeFacebook
from tests.helpers.fake_instagram import FakeInstagram
from tests.helpers.fake_linkedin import FakeLinkedIn
from tests.helpers.fake_mastodon import FakeMastodon
from tests.helpers.fake_server import FakeNetwork
from tests.helpers.fake_x import FakeX

ALL = list(Platform)


@contextmanager
def running_fakes(latency: float = 0.0, networks: list[Platform] | None = None
                  ) -> Iterator[dict[Platform, Any]]:
    """Started fakes for ``networks`` (default all six); stopped and joined afterwards."""
    kinds: dict[Platform, type[FakeNetwork]] = {
        Platform.FACEBOOK: FakeFacebook, Platform.INSTAGRAM: FakeInstagram, Platform.X: FakeX,
        Platform.LINKEDIN: FakeLinkedIn, Platform.MASTODON: FakeMastodon,
        Platform.BLUESKY: FakeBluesky}
    with ExitStack() as stack:
        yield {n: stack.enter_context(kinds[n](latency)) for n in (networks or ALL)}


def connect_accounts(db: Database, vault: SecretVault, fakes: dict[Platform, Any]) -> None:
    """Connected accounts pointing at the fakes, with their secrets in ``vault``."""
    with db.transaction() as session:
        for network, fake in fakes.items():
            kwargs: dict[str, Any] = {"service_url": fake.url}
            if network is Platform.FACEBOOK:
                kwargs.update(service_url=fake.base_url, remote_id=fake.page_id,
                              secrets={"access_token": fake.page_token})
            elif network is Platform.INSTAGRAM:
                kwargs.update(service_url=fake.base_url, remote_id=fake.ig_user,
                              secrets={"access_token": fake.page_token},
                              details={"page_id": fake.page_id})
            elif network is Platform.X:
                tokens = fake.issue()
                kwargs.update(remote_id=fake.user_id, handle=fake.username, secrets={
                    "access_token": tokens["access_token"],
                    "refresh_token": tokens["refresh_token"], "client_id": fake.client_id,
                    "expires_at": time.time() + 7200})
            elif network is Platform.LINKEDIN:
                kwargs.update(remote_id=fake.organization, secrets={"access_token": "li-token"},
                              details={"api_version": "202601"},
                              expires_at=datetime.now(UTC) + timedelta(days=50))
            elif network is Platform.MASTODON:
                kwargs.update(remote_id=fake.account_id, handle="maple",
                              secrets={"access_token": "masto-token"})
            else:
                body = fake.session_body()
                kwargs.update(remote_id=fake.did, handle=fake.user_handle, secrets={
                    "accessJwt": body["accessJwt"], "refreshJwt": body["refreshJwt"],
                    "did": fake.did, "handle": fake.user_handle,
                    "app_password": fake.app_password})
            save_connection(session, vault, network=network, name=f"{network.label} test",
                            **kwargs)


def square_photo(path: Path, size: tuple[int, int] = (64, 64), gps: bool = False) -> Path:
    picture = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "PhoneMaker"  # camera make
        exif[0x8825] = {1: "N", 2: (45.0, 30.0, 0.0)}  # GPS position
    picture.save(path, "JPEG", exif=exif.tobytes())
    return path


def add_post(db: Database, text: str, networks: list[Platform] | None = None, *,
             images: list[Path] = (), at: datetime | None = None,  # type: ignore[assignment]
             alt: str = "A smiling nurse at the front desk") -> int:
    with db.transaction() as session:
        ids = [import_image(session, db.media_dir, p, alt_text=alt)[0].id for p in images]
        post, _ = create_post(session, PostDraft(
            body=text, networks=[n.value for n in (networks or ALL)], media_ids=ids,
            scheduled_at=at))
        return post.id


class WordChecker:
    """A compliance checker for tests: the word ``PATIENTNAME`` blocks (rule TEST-PHI)."""

    def __init__(self, identity: object) -> None:
        self.identity = identity

    def check(self, text: str, kind: str = "post", platform: Platform | None = None) -> Any:
        findings = []
        start = text.find("PATIENTNAME")
        if start >= 0:
            findings.append(Finding("TEST-PHI", Category.PHI, Severity.BLOCK, start,
                                    start + len("PATIENTNAME"), "Names a patient."))
        return _Result(findings)


@dataclass
class _Result:
    findings: list[Finding]

    @property
    def blocked(self) -> bool:
        return any(f.blocks for f in self.findings)
