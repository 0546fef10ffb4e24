"""LinkedIn organization page posts through the versioned Community Management API."""

from __future__ import annotations

from collections.abc import Mapping
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
from clinicstudio.platforms.linkedin import escape_for_linkedin

if TYPE_CHECKING:
    from clinicstudio.platforms.api.linkedin_inbox import LinkedInInbox

DEFAULT_LINKEDIN_URL = "https://api.linkedin.com"
DEFAULT_VERSION = "202601"


def escape_commentary(text: str) -> str:
    """LinkedIn's "little text": reserved characters escaped, or the post is cut short.

    Hashtags stay as they are (that is how LinkedIn writes them) and links stay intact.
    """
    return escape_for_linkedin(text)


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
            "distribution": {"feedDistribution": "MAIN_FEED",
                             "targetEntities": self.target_entities(post.targeting),
                             "thirdPartyDistributionChannels": []},
            "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False}
        images = [{"id": self._upload(image.data), "altText": image.alt_text}
                  for image in post.images]
        if len(images) == 1:
            body["content"] = {"media": images[0]}
        elif images:
            body["content"] = {"multiImage": {"images": images}}
        elif post.link_card is not None:
            card = post.link_card
            article: dict[str, Any] = {"source": card.url, "title": card.title}
            if card.description:
                article["description"] = card.description
            if card.thumbnail is not None:
                article["thumbnail"] = self._upload(card.thumbnail.data)
            body["content"] = {"article": article}
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

    def target_entities(self, targeting: Mapping[str, Any] | None) -> list[dict[str, Any]]:
        """The segment's ``targetEntities`` with place names turned into LinkedIn place ids
        and language codes into LinkedIn's locale records."""
        if not targeting:
            return []
        entities = []
        for entity in targeting.get("distribution", {}).get("targetEntities", []):
            resolved = dict(entity)
            if entity.get("geoLocations"):
                resolved["geoLocations"] = [self.place_urn(name)
                                            for name in entity["geoLocations"]]
            if entity.get("interfaceLocales"):
                resolved["interfaceLocales"] = [{"language": code}
                                                for code in entity["interfaceLocales"]]
            entities.append(resolved)
        return entities

    def place_urn(self, name: str) -> str:
        """LinkedIn's id for a place name ("Springfield, IL" -> urn:li:geo:...)."""
        if name.startswith("urn:li:geo:"):
            return name
        town, _, qualifier = (part.strip() for part in name.partition(","))
        response = self.api.call("GET", "rest/adTargetingEntities", headers=self._headers(),
                                 params={"q": "typeahead", "query": town,
                                         "facet": "urn:li:adTargetingFacet:locations"})
        elements = json_body(response).get("elements") or []
        best = _best_place(elements, town, qualifier)
        if best is None:
            raise PublishError(f"LinkedIn does not know the place “{name}” in the segment.",
                               "Check its spelling under Audience (a town, region or country "
                               "LinkedIn lists), then publish again.", code="unknown_place")
        return str(best["urn"])

    def follower_count(self) -> int:
        """How many members follow the Page (for the Audience pane's size estimate)."""
        response = self.api.call(
            "GET", f"rest/networkSizes/{quote(self.author, safe='')}", headers=self._headers(),
            params={"edgeType": "COMPANY_FOLLOWED_BY_MEMBER"})
        return int(json_body(response)["firstDegreeSize"])

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


def _best_place(elements: list[dict[str, Any]], town: str,
                qualifier: str) -> dict[str, Any] | None:
    """The typeahead answer for ``town``; with a qualifier ("IL", "Illinois"), the one naming it."""
    named = [e for e in elements if e.get("urn") and
             str(e.get("name", "")).casefold().startswith(town.casefold())]
    if qualifier:
        words = qualifier.casefold()
        for element in named:
            rest = str(element.get("name", "")).casefold().split(",")[1:]
            if any(part.strip() == words or part.strip().startswith(words) for part in rest):
                return element
    return named[0] if named else None
