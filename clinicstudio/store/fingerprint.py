"""A post's content fingerprint: what an approver approved.

Everything that reaches the networks is in it (the words, each network's own version, which
networks, the images and their descriptions, a reply's context); the date is not, so moving an
approved post to another day does not need a second approval, while changing a word does.
"""

from __future__ import annotations

import hashlib
import json

from clinicstudio.store.models import Post


def content_fingerprint(post: Post) -> str:
    content = {
        "body": post.body,
        "kind": post.kind,
        "reply_context": post.reply_context,
        "networks": sorted(post.networks),
        "versions": {v.network: v.text_override for v in post.variants
                     if v.enabled and v.text_override is not None},
        "images": [[link.media_id, link.media.alt_text if link.media else ""]
                   for link in post.media_links],
    }
    data = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
