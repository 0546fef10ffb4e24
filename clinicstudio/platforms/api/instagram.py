"""Instagram posts (professional accounts) through the Content Publishing API.

Instagram fetches every image from a public web address; it does not take an upload. So each
local image is first uploaded, unpublished and invisible, to the Facebook Page the Instagram
account is linked to (which every professional account using this API has), and Instagram is
given that photo's Facebook CDN address. Nothing needs hosting by hand and no image ever sits
on a server the clinic does not already use.
"""

from __future__ import annotations

import time
from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING

from clinicstudio.domain import Platform
from clinicstudio.platforms.api.base import (
    Connection,
    OutgoingImage,
    OutgoingPost,
    Published,
    made_since,
    same_text,
)
from clinicstudio.platforms.api.errors import PublishError, check_image_size
from clinicstudio.platforms.api.facebook import FacebookClient
from clinicstudio.platforms.api.graph import DEFAULT_GRAPH_URL, translate_graph_error
from clinicstudio.platforms.api.http import Api, json_body

if TYPE_CHECKING:
    from clinicstudio.platforms.api.meta_inbox import InstagramInbox

MIN_RATIO, MAX_RATIO = 4 / 5, 1.91
# Instagram takes 8 MB, but each image travels through the Page as a Facebook photo (4 MB).
IMAGE_LIMIT = 4_000_000


def aspect_label(width: int, height: int) -> str:
    """``1080x1920`` -> ``9:16``; odd sizes are rounded to a readable ratio."""
    ratio = Fraction(width, height).limit_denominator(20)
    return f"{ratio.numerator}:{ratio.denominator}"


def check_image(image: OutgoingImage) -> None:
    ratio = image.width / image.height
    if not MIN_RATIO - 0.005 <= ratio <= MAX_RATIO + 0.005:
        raise PublishError(
            f"Instagram needs images between 4:5 and 1.91:1; this one is "
            f"{aspect_label(image.width, image.height)}.",
            "Crop it to a square or a 4:5 portrait and publish again.", code="aspect_ratio")


class InstagramClient:
    network = Platform.INSTAGRAM
    max_images = 10
    poll_interval = 2.0
    poll_limit = 150  # about five minutes at the default interval

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.ig_user = connection.remote_id
        base = connection.base_url or DEFAULT_GRAPH_URL
        self.api = Api("Instagram", base, lambda r: translate_graph_error("Instagram", r),
                       secrets=connection.secret_values)
        page = Connection(Platform.FACEBOOK, str(connection.details.get("facebook_url") or base),
                          connection.secrets, remote_id=str(connection.details.get("page_id", "")))
        self.page = FacebookClient(page)

    @property
    def token(self) -> str:
        return str(self.connection.secrets["access_token"])

    def close(self) -> None:
        self.api.close()
        self.page.close()

    def inbox(self) -> InstagramInbox:
        from clinicstudio.platforms.api.meta_inbox import InstagramInbox

        return InstagramInbox(self)

    def publish(self, post: OutgoingPost) -> Published:
        if post.reply_to is not None:
            return self.inbox().reply(post)  # into the comment thread, never the feed
        if not post.images:
            raise PublishError("Instagram posts need at least one image.",
                               "Add a picture to this post, or leave Instagram out.",
                               code="no_image")
        for image in post.images:
            check_image(image)
            check_image_size("Instagram", image.data, image.name, IMAGE_LIMIT)
        if not self.page.page_id:
            raise PublishError("This Instagram account has no linked Facebook Page on record.",
                               "Reconnect Instagram in Accounts.", reconnect=True)
        carousel = len(post.images) > 1
        children = [self._container(image, "" if carousel else post.text, carousel)
                    for image in post.images]
        if carousel:
            for child in children:
                self._wait_until_ready(child)
            response = self.api.call("POST", f"{self.ig_user}/media", data={
                "media_type": "CAROUSEL", "children": ",".join(children), "caption": post.text,
                "access_token": self.token})
            creation = str(json_body(response)["id"])
        else:
            creation = children[0]
        self._wait_until_ready(creation)
        # Creating containers is invisible; publishing one is the step that makes the post.
        response = self.api.call("POST", f"{self.ig_user}/media_publish", sends_post=True, data={
            "creation_id": creation, "access_token": self.token})
        media_id = str(json_body(response)["id"])
        return Published(media_id, self._permalink(media_id))

    def _container(self, image: OutgoingImage, caption: str, carousel_item: bool) -> str:
        photo_id = self.page.upload_unpublished_photo(image.data, image.mime_type, image.name)
        form = {"image_url": self.page.photo_url(photo_id), "access_token": self.token}
        if image.alt_text:
            form["alt_text"] = image.alt_text
        if carousel_item:
            form["is_carousel_item"] = "true"
        else:
            form["caption"] = caption
        response = self.api.call("POST", f"{self.ig_user}/media", data=form)
        return str(json_body(response)["id"])

    def _wait_until_ready(self, container: str) -> None:
        for _ in range(self.poll_limit):
            response = self.api.call("GET", container, params={
                "fields": "status_code,status", "access_token": self.token})
            status = str(json_body(response).get("status_code", "FINISHED"))
            if status in ("FINISHED", "PUBLISHED"):
                return
            if status in ("ERROR", "EXPIRED"):
                detail = json_body(response).get("status") or status
                raise PublishError(f"Instagram could not prepare the image ({detail}).",
                                   "Check the image size and format, then publish again.",
                                   retryable=status == "EXPIRED", code=status)
            time.sleep(self.poll_interval)
        raise PublishError("Instagram is taking too long to prepare the image.",
                           "It will try again by itself.", retryable=True, code="IN_PROGRESS")

    def _permalink(self, media_id: str) -> str:
        try:
            response = self.api.call("GET", media_id, params={"fields": "permalink",
                                                              "access_token": self.token})
            url = json_body(response).get("permalink")
        except PublishError:
            url = None
        return str(url or f"https://www.instagram.com/{self.connection.handle}/")

    def find_existing(self, post: OutgoingPost, since: datetime) -> Published | None:
        if post.reply_to is not None:
            return self.inbox().find_reply(post, since)
        response = self.api.call("GET", f"{self.ig_user}/media", params={
            "fields": "id,caption,permalink,timestamp", "limit": 25, "access_token": self.token})
        for item in json_body(response).get("data") or []:
            if same_text(post.text, str(item.get("caption", ""))) and made_since(
                    item.get("timestamp"), since):
                return Published(str(item["id"]), str(item.get("permalink", "")))
        return None
