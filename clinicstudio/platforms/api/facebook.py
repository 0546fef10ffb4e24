"""Facebook Page posts through the Graph API: text, a link card, or one to ten photos."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clinicstudio.audience.segment import LANGUAGE_NAMES
from clinicstudio.domain import Platform
from clinicstudio.platforms.api.base import Connection, OutgoingPost, Published, same_text
from clinicstudio.platforms.api.errors import PublishError, check_image_size
from clinicstudio.platforms.api.graph import DEFAULT_GRAPH_URL, translate_graph_error
from clinicstudio.platforms.api.http import Api, json_body

if TYPE_CHECKING:
    from clinicstudio.platforms.api.meta_inbox import FacebookInbox

IMAGE_LIMIT = 4_000_000


class FacebookClient:
    network = Platform.FACEBOOK
    max_images = 10

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.page_id = connection.remote_id
        self.api = Api("Facebook", connection.base_url or DEFAULT_GRAPH_URL,
                       lambda r: translate_graph_error("Facebook", r),
                       secrets=connection.secret_values)

    @property
    def token(self) -> str:
        return str(self.connection.secrets["access_token"])

    def close(self) -> None:
        self.api.close()

    def upload_unpublished_photo(self, data: bytes, mime_type: str, name: str) -> str:
        """Upload a photo to the Page without showing it; returns its photo id.

        Unpublished photos are invisible and harmless, so this step may be repeated freely.
        """
        response = self.api.call(
            "POST", f"{self.page_id}/photos",
            data={"published": "false", "access_token": self.token},
            files={"source": (name, data, mime_type)},
        )
        return str(json_body(response)["id"])

    def photo_url(self, photo_id: str) -> str:
        """The CDN address of an uploaded photo (its largest size)."""
        response = self.api.call("GET", photo_id,
                                 params={"fields": "images", "access_token": self.token})
        images = json_body(response).get("images") or []
        best = max(images, key=lambda image: int(image.get("width", 0)), default=None)
        if not best or not best.get("source"):
            raise KeyError("Facebook gave no address for the uploaded photo")
        return str(best["source"])

    def inbox(self) -> FacebookInbox:
        from clinicstudio.platforms.api.meta_inbox import FacebookInbox

        return FacebookInbox(self)

    def publish(self, post: OutgoingPost) -> Published:
        if post.reply_to is not None:
            return self.inbox().reply(post)  # into the comment thread, never the feed
        form: dict[str, str] = {"message": post.text, "access_token": self.token,
                                "fields": "id,permalink_url"}
        for image in post.images:
            check_image_size("Facebook", image.data, image.name, IMAGE_LIMIT)
        if post.images:
            photo_ids = [self.upload_unpublished_photo(i.data, i.mime_type, i.name)
                         for i in post.images]
            form["attached_media"] = json.dumps([{"media_fbid": pid} for pid in photo_ids])
        elif post.link:
            form["link"] = post.link
        form.update(self.targeting_fields(post.targeting))
        # The feed call is the one that creates the post: it is made once per attempt.
        response = self.api.call("POST", f"{self.page_id}/feed", data=form, sends_post=True)
        body = json_body(response)
        post_id = str(body["id"])
        return Published(post_id, str(body.get("permalink_url") or self._permalink(post_id)))

    def delete(self, remote_id: str) -> None:
        """Take a Page post down (DELETE /{post-id})."""
        self.api.call("DELETE", remote_id, params={"access_token": self.token})

    def targeting_fields(self, targeting: Mapping[str, Any] | None) -> dict[str, str]:
        """The ``targeting`` and ``feed_targeting`` fields, with Facebook's keys for the
        places and languages the segment names."""
        fields: dict[str, str] = {}
        if not targeting:
            return fields
        if targeting.get("targeting"):
            aimed = dict(targeting["targeting"])
            if aimed.get("geo_locations"):
                aimed["geo_locations"] = self._geo_keys(aimed["geo_locations"])
            if aimed.get("locales"):
                aimed["locales"] = [self._lookup("adlocale", LANGUAGE_NAMES.get(code, code))
                                    for code in aimed["locales"]]
            fields["targeting"] = json.dumps(aimed)
        if targeting.get("feed_targeting"):
            fields["feed_targeting"] = json.dumps(dict(targeting["feed_targeting"]))
        return fields

    def _geo_keys(self, geo: Mapping[str, Any]) -> dict[str, Any]:
        resolved = {key: value for key, value in geo.items()
                    if key in ("countries", "custom_locations")}
        if geo.get("regions"):
            resolved["regions"] = [{"key": self._lookup("adgeolocation", r["name"], "region")}
                                   for r in geo["regions"]]
        if geo.get("cities"):
            resolved["cities"] = [
                {**{k: v for k, v in city.items() if k != "name"},
                 "key": self._lookup("adgeolocation", city["name"], "city")}
                for city in geo["cities"]]
        if geo.get("zips"):
            resolved["zips"] = [{"key": self._lookup("adgeolocation", z, "zip")}
                                for z in geo["zips"]]
        return resolved

    def _lookup(self, kind: str, name: str, location_type: str = "") -> Any:
        """Facebook's key for a place or a language (targeting search)."""
        town, _, qualifier = (part.strip() for part in str(name).partition(","))
        params: dict[str, str] = {"type": kind, "q": town, "access_token": self.token}
        if location_type:
            params["location_types"] = json.dumps([location_type])
        found = json_body(self.api.call("GET", "search", params=params)).get("data") or []
        best = _best_match(found, town, qualifier)
        if best is None:
            what = "language" if kind == "adlocale" else "place"
            raise PublishError(f"Facebook does not know the {what} “{name}” in the segment.",
                               "Check its spelling under Audience, then publish again.",
                               code=f"unknown_{what}")
        return best["key"]

    def _permalink(self, post_id: str) -> str:
        try:
            response = self.api.call("GET", post_id, params={"fields": "permalink_url",
                                                             "access_token": self.token})
            url = json_body(response).get("permalink_url")
        except PublishError:  # the post is out; a missing link is not a failure
            url = None
        return str(url or f"https://www.facebook.com/{post_id}")

    def find_existing(self, post: OutgoingPost, since: datetime) -> Published | None:
        if post.reply_to is not None:
            return self.inbox().find_reply(post, since)
        response = self.api.call("GET", f"{self.page_id}/published_posts", params={
            "since": int(since.timestamp()) - 60, "fields": "id,message,permalink_url",
            "access_token": self.token, "limit": 25})
        for item in json_body(response).get("data") or []:
            if same_text(post.text, str(item.get("message", ""))):
                post_id = str(item["id"])
                return Published(post_id, str(item.get("permalink_url")
                                              or f"https://www.facebook.com/{post_id}"))
        return None


def _best_match(found: list[dict[str, Any]], name: str,
                qualifier: str) -> dict[str, Any] | None:
    """The search answer named ``name`` (else Facebook's first answer); with a qualifier
    ("Illinois", "US"), the one in that region or country."""
    keyed = [item for item in found if "key" in item]
    named = [item for item in keyed
             if str(item.get("name", "")).casefold() == name.casefold()] or keyed
    if qualifier:
        words = qualifier.casefold()
        for item in named:
            places = (item.get("region"), item.get("region_code"), item.get("country_code"),
                      item.get("country_name"))
            if any(str(place or "").casefold() == words for place in places):
                return item
    return named[0] if named else None
