"""Connecting an account to each network, the way a desktop app may.

Every flow verifies the connection against the network before anything is saved, then stores
the secret in the keyring and the rest in the database (:func:`save_connection`). Each takes
the API base URL, so self-hosted servers (and loopback test servers) work. ``open_browser`` is
``webbrowser.open`` unless a caller (a test, the window) gives its own.
"""

from __future__ import annotations

import time
import webbrowser
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from clinicstudio.accounts.connections import DEFAULT_URLS, save_connection
from clinicstudio.accounts.oauth import LoopbackRedirect, pkce_pair
from clinicstudio.accounts.vault import SecretVault
from clinicstudio.domain import Platform, UserError
from clinicstudio.platforms.api import bluesky, x
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.graph import translate_graph_error
from clinicstudio.platforms.api.http import Api, json_body
from clinicstudio.platforms.api.linkedin import DEFAULT_VERSION, translate_linkedin_error
from clinicstudio.platforms.api.mastodon import translate_mastodon_error
from clinicstudio.store.models import ConnectedAccount

OpenBrowser = Callable[[str], object]
X_SCOPES = "tweet.read tweet.write users.read media.write offline.access"
X_PORT = 8765
MASTODON_SCOPES = "read:accounts read:statuses write:statuses write:media"
LINKEDIN_SCOPES = "w_organization_social r_organization_social rw_organization_admin"
LINKEDIN_DAYS = 60


def _refused(exc: PublishError) -> UserError:
    return UserError(f"The connection was not saved: {exc.plain}")


def _authorize(open_browser: OpenBrowser, url: str, listener: LoopbackRedirect,
               timeout: float) -> dict[str, str]:
    open_browser(url)
    return listener.wait(timeout)


def connect_x(session: Session, vault: SecretVault, *, name: str, client_id: str,
              service_url: str = "", authorize_url: str = "https://x.com/i/oauth2/authorize",
              port: int = X_PORT, open_browser: OpenBrowser = webbrowser.open,
              timeout: float = 300.0) -> ConnectedAccount:
    """X: OAuth 2.0 with PKCE as a public client, redirect to the registered loopback port."""
    base = service_url or DEFAULT_URLS[Platform.X]
    verifier, challenge = pkce_pair()
    with LoopbackRedirect(port) as listener:
        query = urlencode({"response_type": "code", "client_id": client_id,
                           "redirect_uri": listener.redirect_uri, "scope": X_SCOPES,
                           "state": listener.state, "code_challenge": challenge,
                           "code_challenge_method": "S256"})
        params = _authorize(open_browser, f"{authorize_url}?{query}", listener, timeout)
        redirect_uri = listener.redirect_uri
    try:
        secrets = x.exchange_token(base, {"grant_type": "authorization_code",
                                          "code": params["code"], "client_id": client_id,
                                          "redirect_uri": redirect_uri,
                                          "code_verifier": verifier})
        api = Api("X", base, x.translate_x_error)
        try:
            me = json_body(api.call("GET", "2/users/me", headers={
                "Authorization": f"Bearer {secrets['access_token']}"}))["data"]
        finally:
            api.close()
    except PublishError as exc:
        raise _refused(exc) from exc
    account, _ = save_connection(session, vault, network=Platform.X, name=name, secrets=secrets,
                                 handle=str(me.get("username", "")),
                                 display_name=str(me.get("name", "")), remote_id=str(me["id"]),
                                 service_url=base)
    return account


def connect_mastodon(session: Session, vault: SecretVault, *, name: str, service_url: str,
                     open_browser: OpenBrowser = webbrowser.open,
                     timeout: float = 300.0) -> ConnectedAccount:
    """Mastodon: register ClinicStudio with the instance, then the code flow with PKCE."""
    if not service_url:
        raise UserError("Give the Mastodon server's address with --service "
                        "(for example https://mastodon.social).")
    if "://" not in service_url:
        service_url = "https://" + service_url
    api = Api("Mastodon", service_url, translate_mastodon_error)
    verifier, challenge = pkce_pair()
    try:
        with LoopbackRedirect(0) as listener:
            app = json_body(api.call("POST", "api/v1/apps", data={
                "client_name": "ClinicStudio", "redirect_uris": listener.redirect_uri,
                "scopes": MASTODON_SCOPES}))
            query = urlencode({"response_type": "code", "client_id": app["client_id"],
                               "redirect_uri": listener.redirect_uri, "scope": MASTODON_SCOPES,
                               "state": listener.state, "code_challenge": challenge,
                               "code_challenge_method": "S256"})
            params = _authorize(open_browser, f"{api.url('oauth/authorize')}?{query}",
                                listener, timeout)
            redirect_uri = listener.redirect_uri
        token = json_body(api.call("POST", "oauth/token", data={
            "grant_type": "authorization_code", "code": params["code"],
            "client_id": app["client_id"], "client_secret": app.get("client_secret", ""),
            "redirect_uri": redirect_uri, "code_verifier": verifier, "scope": MASTODON_SCOPES}))
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        me = json_body(api.call("GET", "api/v1/accounts/verify_credentials", headers=auth))
        details = _mastodon_limits(api)
    except PublishError as exc:
        raise _refused(exc) from exc
    finally:
        api.close()
    secrets = {"access_token": token["access_token"], "client_id": app["client_id"],
               "client_secret": app.get("client_secret", "")}
    account, _ = save_connection(session, vault, network=Platform.MASTODON, name=name,
                                 secrets=secrets, handle=str(me.get("acct", "")),
                                 display_name=str(me.get("display_name", "")),
                                 remote_id=str(me["id"]), service_url=service_url,
                                 details=details)
    return account


def _mastodon_limits(api: Api) -> dict[str, Any]:
    """The instance's own limits (they differ between servers); defaults when it won't say."""
    try:
        config = json_body(api.call("GET", "api/v2/instance")).get("configuration") or {}
    except PublishError:
        return {}
    statuses = config.get("statuses") or {}
    media = config.get("media_attachments") or {}
    limits = {k: statuses[k] for k in ("max_characters", "max_media_attachments",
                                       "characters_reserved_per_url") if k in statuses}
    # The server's own upload limits: uploads are checked (and shrunk) against these.
    limits.update({k: media[k] for k in ("image_size_limit", "image_matrix_limit")
                   if isinstance(media.get(k), int) and media[k] > 0})
    return limits


def connect_bluesky(session: Session, vault: SecretVault, *, name: str, handle: str,
                    app_password: str, service_url: str = "") -> ConnectedAccount:
    """Bluesky: handle and app password, one createSession; the session is then refreshed.

    The app password is kept too (in the keyring), only to log in again if the refresh token
    itself runs out (after 90 days unused), so the connection does not expire in practice.
    """
    if not handle or not app_password:
        raise UserError("Bluesky needs the handle (--handle) and an app password "
                        "on standard input.")
    base = service_url or DEFAULT_URLS[Platform.BLUESKY]
    try:
        secrets = bluesky.create_session(base, handle, app_password)
    except PublishError as exc:
        raise _refused(exc) from exc
    secrets["app_password"] = app_password
    pds = str(secrets.pop("pds", "")) if not service_url else ""
    secrets.pop("pds", None)
    account, _ = save_connection(session, vault, network=Platform.BLUESKY, name=name,
                                 secrets=secrets, handle=str(secrets.get("handle", handle)),
                                 remote_id=str(secrets["did"]), service_url=pds or base)
    return account


def connect_linkedin(session: Session, vault: SecretVault, *, name: str, client_id: str = "",
                     token: str = "", organization: str = "", service_url: str = "",
                     auth_url: str = "https://www.linkedin.com",
                     open_browser: OpenBrowser = webbrowser.open,
                     timeout: float = 300.0) -> ConnectedAccount:
    """LinkedIn: a pasted token, or OAuth with PKCE on loopback when LinkedIn enabled it."""
    base = service_url or DEFAULT_URLS[Platform.LINKEDIN]
    expires_in = LINKEDIN_DAYS * 86400.0
    secrets: dict[str, Any] = {}
    if not token:
        if not client_id:
            raise UserError("Give LinkedIn's client id (--client-id), or paste a token on "
                            "standard input with --token.")
        verifier, challenge = pkce_pair()
        with LoopbackRedirect(0) as listener:
            query = urlencode({"response_type": "code", "client_id": client_id,
                               "redirect_uri": listener.redirect_uri, "scope": LINKEDIN_SCOPES,
                               "state": listener.state, "code_challenge": challenge,
                               "code_challenge_method": "S256"})
            params = _authorize(open_browser, f"{auth_url}/oauth/v2/authorization?{query}",
                                listener, timeout)
            redirect_uri = listener.redirect_uri
        api = Api("LinkedIn", auth_url, translate_linkedin_error)
        try:
            body = json_body(api.call("POST", "oauth/v2/accessToken", data={
                "grant_type": "authorization_code", "code": params["code"],
                "client_id": client_id, "redirect_uri": redirect_uri,
                "code_verifier": verifier}))
        except PublishError as exc:
            raise _refused(exc) from exc
        finally:
            api.close()
        token = str(body["access_token"])
        expires_in = float(body.get("expires_in", expires_in))
        if body.get("refresh_token"):
            secrets["refresh_token"] = body["refresh_token"]
    secrets["access_token"] = token
    organization = organization or _linkedin_organization(base, token)
    if organization.isdigit():
        organization = f"urn:li:organization:{organization}"
    account, _ = save_connection(session, vault, network=Platform.LINKEDIN, name=name,
                                 secrets=secrets, handle=organization, remote_id=organization,
                                 service_url=base,
                                 expires_at=datetime.now(UTC) + timedelta(seconds=expires_in))
    return account


def _linkedin_organization(base: str, token: str) -> str:
    api = Api("LinkedIn", base, translate_linkedin_error)
    try:
        body = json_body(api.call("GET", "rest/organizationAcls", params={
            "q": "roleAssignee", "state": "APPROVED"}, headers={
            "Authorization": f"Bearer {token}", "LinkedIn-Version": DEFAULT_VERSION,
            "X-Restli-Protocol-Version": "2.0.0"}))
    except PublishError as exc:
        raise UserError("LinkedIn did not accept that token. Copy it again from the LinkedIn "
                        "developer portal, or connect with --client-id.") from exc
    finally:
        api.close()
    for element in body.get("elements") or []:
        if element.get("organization"):
            return str(element["organization"])
    raise UserError("That LinkedIn token cannot post for any company page. Ask a page admin to "
                    "connect it, or give the page with --org.")


def token_from_broker(broker_url: str, network: Platform, *,
                      open_browser: OpenBrowser = webbrowser.open, timeout: float = 300.0) -> str:
    """A Meta token from the office's token broker (which holds the app secret)."""
    with LoopbackRedirect(0) as listener:
        query = urlencode({"network": network.value, "redirect_uri": listener.redirect_uri,
                           "state": listener.state})
        params = _authorize(open_browser, f"{broker_url}?{query}", listener, timeout)
    if "access_token" not in params:
        raise UserError("The token broker did not hand back a token. Try again.")
    return params["access_token"]


def connect_meta(session: Session, vault: SecretVault, network: Platform, *, name: str,
                 token: str, page_id: str = "", service_url: str = "") -> ConnectedAccount:
    """Facebook Page or Instagram: a long-lived Page (or system-user) token, checked first."""
    base = service_url or DEFAULT_URLS[network]
    api = Api(network.label, base, lambda r: translate_graph_error(network.label, r),
              secrets=lambda: [token])
    try:
        me = json_body(api.call("GET", "me", params={"fields": "id,name",
                                                     "access_token": token}))
        if page_id and str(me.get("id")) != page_id:
            # A user token: find the Page among those the person manages, and use its token.
            pages = json_body(api.call("GET", "me/accounts", params={
                "fields": "id,name,access_token", "access_token": token})).get("data") or []
            page = next((p for p in pages if str(p.get("id")) == page_id), None)
            if page is None:
                raise UserError(f"That token cannot manage the Facebook Page {page_id}.")
            me, token = page, str(page["access_token"])
        details: dict[str, Any] = {"page_id": str(me["id"])}
        remote_id, handle = str(me["id"]), str(me.get("name", ""))
        if network is Platform.INSTAGRAM:
            linked = json_body(api.call("GET", str(me["id"]), params={
                "fields": "instagram_business_account{id,username}", "access_token": token}))
            ig = linked.get("instagram_business_account") or {}
            if not ig.get("id"):
                raise UserError("This Facebook Page has no Instagram professional account linked. "
                                "Link one in the Page's settings, then connect again.")
            remote_id, handle = str(ig["id"]), str(ig.get("username", ""))
            details["facebook_url"] = base
    except PublishError as exc:
        raise _refused(exc) from exc
    finally:
        api.close()
    account, _ = save_connection(session, vault, network=network, name=name,
                                 secrets={"access_token": token, "checked_at": time.time()},
                                 handle=handle, display_name=str(me.get("name", "")),
                                 remote_id=remote_id, service_url=base, details=details)
    return account
