"""LinkedIn organization page posts through the versioned Community Management API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import requests

from clinicstudio.domain import Platform
from clinicstudio.platforms.api.base import (
    Connection,
    OutgoingPost,
    Published,
    made_since,
    same_text,
)
from clinicstudio.platforms.api.errors import PublishError, reconnect_error
from clinicstudio.platforms.api.http import Api, json_body, server_side

if TYPE_CHECKING:
    from clinicstudio.platforms.api.linkedin_inbox import LinkedInInbox

DEFAULT_LINKEDIN_URL = "https://api.linkedin.com"
DEFAULT_VERSION = "202601"
_RESERVED = set("\\|{}@[]()<>*_~")


def escape_commentary(text: str) -> str:
    """LinkedIn's "little text": reserved characters escaped, or the post is cut short.

    Hashtags stay as they are (that is how LinkedIn writes them) and links stay intact.
    """
    try:
        from clinicstudio.platforms import escape_for_linkedin
    except ImportError:
        escape_for_linkedin = None
    if escape_for_linkedin is not None:
        return str(escape_for_linkedin(text))
    from clinicstudio.platforms.api.base import URL_PATTERN

    out: list[str] = []
    last = 0
    for match in URL_PATTERN.finditer(text):
        out.append("".join("\\" + c if c in _RESERVED else c for c in text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append("".join("\\" + c if c in _RESERVED else c for c in text[last:]))
    return "".join(out)


def expiry_words(when: datetime | None) -> str:
    return f"{when.day} {when:%B %Y}" if when else ""


def translate_linkedin_error(response: requests.Response,
                             expired_on: datetime | None = None) -> PublishError:
    body = json_body(response)
    code = str(body.get("code") or body.get("serviceErrorCode") or response.status_code)
    message = str(body.get("message", ""))
    inputs = (body.get("errorDetails") or {}).get("inputErrors") or []
    if response.status_code == 401:
        return reconnect_error("LinkedIn", expired_on=expiry_words(expired_on), code=code)
    if response.status_code == 422 and (
            "DUPLICATE_POST" in {str(e.get("code")) for e in inputs}
            or "duplicate" in message.lower()):
        return PublishError("LinkedIn says this post is already there.", duplicate=True,
                            code="DUPLICATE_POST")
    if response.status_code == 426:
        return PublishError("ClinicStudio asked LinkedIn for an API version it has retired.",
                            "Update ClinicStudio (LinkedIn retires each version after about a "
                            "year), then publish again.", code=code)
    common = server_side(response, "LinkedIn", code)
    if common is not None:
        return common
    if response.status_code == 403:
        return PublishError("LinkedIn does not let this connection post for the page.",
                            "Make sure the person who connected it is a page admin, then "
                            "reconnect it in Accounts.", code=code)
    return PublishError(f"LinkedIn refused the post ({message or 'no reason given'}).",
                        "Check the post and try again.", code=code)


class LinkedInClient:
    network = Platform.LINKEDIN
    max_images = 20

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.author = connection.remote_id  # urn:li:organization:<id>
        self.version = str(connection.details.get("api_version") or DEFAULT_VERSION)
        self.api = Api("LinkedIn", connection.base_url or DEFAULT_LINKEDIN_URL, self._translate,
                       secrets=connection.secret_values)

    def close(self) -> None:
        self.api.close()

    def _translate(self, response: requests.Response) -> PublishError:
        return translate_linkedin_error(response, self._expired_on())

    def _expired_on(self) -> datetime | None:
        when = self.connection.expires_at
        return when if when and when <= datetime.now(UTC) else None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.connection.secrets['access_token']}",
                "LinkedIn-Version": self.version, "X-Restli-Protocol-Version": "2.0.0"}

    def inbox(self) -> LinkedInInbox:
        from clinicstudio.platforms.api.linkedin_inbox import LinkedInInbox

        return LinkedInInbox(self)

    def publish(self, post: OutgoingPost) -> Published:
        expired = self._expired_on()
        if expired is not None:
            raise reconnect_error("LinkedIn", expired_on=expiry_words(expired), code="expired")
        if post.reply_to is not None:
            return self.inbox().reply(post)  # a comment under the post, never a new post
        body: dict[str, Any] = {
            "author": self.author, "commentary": escape_commentary(post.text),
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                             "thirdPartyDistributionChannels": []},
            "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False}
        images = [{"id": self._upload(image.data), "altText": image.alt_text}
                  for image in post.images]
        if len(images) == 1:
            body["content"] = {"media": images[0]}
        elif images:
            body["content"] = {"multiImage": {"images": images}}
        elif post.link:
            title = post.text.strip().splitlines()[0][:200] if post.text.strip() else post.link
            body["content"] = {"article": {"source": post.link, "title": title}}
        response = self.api.call("POST", "rest/posts", json=body, headers=self._headers(),
                                 sends_post=True)
        urn = response.headers.get("x-restli-id") or str(json_body(response).get("id", ""))
        return Published(urn, f"https://www.linkedin.com/feed/update/{urn}")

    def delete(self, remote_id: str) -> None:
        """Take a post down (DELETE /rest/posts/{encoded urn}); an already deleted one is fine."""
        self.api.call("DELETE", f"rest/posts/{quote(remote_id, safe='')}", ok=(204, 200, 404),
                      headers=self._headers())

    def _upload(self, data: bytes) -> str:
        response = self.api.call("POST", "rest/images", params={"action": "initializeUpload"},
                                 json={"initializeUploadRequest": {"owner": self.author}},
                                 headers=self._headers())
        value = json_body(response)["value"]
        self.api.call("PUT", str(value["uploadUrl"]), data=data,
                      headers={"Authorization": self._headers()["Authorization"]})
        return str(value["image"])

    def find_existing(self, post: OutgoingPost, since: datetime) -> Published | None:
        if post.reply_to is not None:
            return self.inbox().find_reply(post, since)
        response = self.api.call("GET", "rest/posts", headers=self._headers(), params={
            "author": self.author, "q": "author", "count": 10})
        for item in json_body(response).get("elements") or []:
            if same_text(post.text, str(item.get("commentary", ""))) and made_since(
                    item.get("createdAt") or item.get("publishedAt"), since):
                urn = str(item["id"])
                return Published(urn, f"https://www.linkedin.com/feed/update/{urn}")
        return None
