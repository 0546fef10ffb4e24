"""Facebook Page posts through the Graph API: text, a link card, or one to ten photos."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

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
        # The feed call is the one that creates the post: it is made once per attempt.
        response = self.api.call("POST", f"{self.page_id}/feed", data=form, sends_post=True)
        body = json_body(response)
        post_id = str(body["id"])
        return Published(post_id, str(body.get("permalink_url") or self._permalink(post_id)))

    def delete(self, remote_id: str) -> None:
        """Take a Page post down (DELETE /{post-id})."""
        self.api.call("DELETE", remote_id, params={"access_token": self.token})

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
