"""Review sites the clinic connects for the inbox (today: Google Business Profile).

A review site is not a posting network, so it is kept apart from the connected accounts: its
settings in the office settings table (key ``review_sites``), its secrets in the OS keyring.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import UserError
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.google_reviews import GoogleReviews
from clinicstudio.store.audit import record
from clinicstudio.store.models import Setting

KEY = "review_sites"
GOOGLE = "google"


def _sites(session: Session) -> dict[str, Any]:
    row = session.get(Setting, KEY)
    return dict(row.value) if row is not None and isinstance(row.value, dict) else {}


def _save(session: Session, sites: dict[str, Any]) -> None:
    row = session.get(Setting, KEY)
    if row is None:
        session.add(Setting(key=KEY, value=sites))
    else:
        row.value = sites


def connect_google(session: Session, vault: SecretVault, *, location: str, client_id: str,
                   client_secret: str, refresh_token: str, service_url: str = "",
                   token_url: str = "", actor: str = "") -> int:
    """Check the Business Profile answers, then keep it; returns its review count."""
    location = location.strip().strip("/")
    if not location.startswith("accounts/") or "/locations/" not in location:
        raise UserError("Give the location as accounts/ACCOUNT_ID/locations/LOCATION_ID "
                        "(shown in Google's Business Profile API tools).")
    vault.ensure_secure()
    secrets = {"client_id": client_id, "client_secret": client_secret,
               "refresh_token": refresh_token}
    site = GoogleReviews(location, secrets, base_url=service_url, token_url=token_url)
    try:
        count = site.check()
    except PublishError as exc:
        raise UserError(f"Google did not accept the connection: {exc.plain}") from exc
    finally:
        site.close()
    key = f"clinicstudio-review-site-google-{location}"
    vault.save(key, site.secrets)
    sites = _sites(session)
    sites[GOOGLE] = {"location": location, "service_url": service_url, "token_url": token_url,
                     "keyring_key": key}
    _save(session, sites)
    record(session, "review_site_connected", actor=actor, site=GOOGLE, location=location)
    return count


def disconnect_google(session: Session, vault: SecretVault, actor: str = "") -> None:
    sites = _sites(session)
    google = sites.pop(GOOGLE, None)
    if google is None:
        raise UserError("No Google Business Profile is connected.")
    vault.delete(str(google["keyring_key"]))
    _save(session, sites)
    record(session, "review_site_disconnected", actor=actor, site=GOOGLE)


def google_reviews(session: Session, vault: SecretVault) -> GoogleReviews | None:
    """The connected Google location, ready to read and answer; None when not connected."""
    google = _sites(session).get(GOOGLE)
    if not google:
        return None
    key = str(google["keyring_key"])
    return GoogleReviews(str(google["location"]),
                         vault.load(key, label="the Google Business Profile"),
                         base_url=str(google.get("service_url") or ""),
                         token_url=str(google.get("token_url") or ""),
                         save_secrets=lambda secrets: vault.save(key, secrets))
