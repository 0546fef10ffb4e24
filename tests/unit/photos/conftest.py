"""Picture checks need the optional ``photos`` extra; the test extra installs it."""

from __future__ import annotations

import pytest

from clinicstudio.compliance import Checker
from clinicstudio.domain import ClinicIdentity
from tests.helpers.photo_samples import CLINIC_NAME, CLINIC_PHONE, STAFF


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker(ClinicIdentity(name=CLINIC_NAME, phones=(CLINIC_PHONE,), staff=STAFF))


@pytest.fixture(scope="session")
def inspector(checker: Checker):
    from clinicstudio.photos.inspection import PhotoInspector

    return PhotoInspector(checker)
