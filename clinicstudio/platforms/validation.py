"""What a network would refuse or cut, as findings in the editor (category ``platform``)."""

from __future__ import annotations

from collections.abc import Sequence

from clinicstudio.domain import Category, Finding, Platform, Severity
from clinicstudio.platforms.counting.graphemes import utf8_length
from clinicstudio.platforms.entities import HASHTAG, MENTION
from clinicstudio.platforms.media import image_problems
from clinicstudio.platforms.networks import fits_until, profile
from clinicstudio.platforms.profile import ImageRef


def _finding(rule: str, severity: Severity, start: int, end: int, message: str,
             suggestion: str = "") -> Finding:
    return Finding(rule, Category.PLATFORM, severity, start, end, message, suggestion)


def validate(
    network: str | Platform,
    text: str,
    images: Sequence[ImageRef] = (),
    *,
    instance_limit: int | None = None,
) -> list[Finding]:
    """Everything the network would refuse or cut in this post, in plain words.

    Spans are Python indices into ``text``; image findings have an empty span at 0."""
    rules = profile(network, instance_limit)
    name = rules.label
    findings: list[Finding] = []
    length = rules.count(text)
    too_many_bytes = bool(rules.byte_limit and utf8_length(text) > rules.byte_limit)
    if length > rules.text_limit or too_many_bytes:
        cut = fits_until(rules, text)
        over = length - rules.text_limit
        if over > 0:
            message = f"{name} allows {rules.text_limit:,} characters; this post has {length:,}."
            suggestion = f"Remove {over:,} character{'s' if over != 1 else ''}."
        else:
            message = f"{name} allows {rules.byte_limit:,} bytes of text; this post is longer."
            suggestion = "Shorten the post; emoji and accented letters take more room."
        findings.append(_finding("PLT-LENGTH", Severity.BLOCK, cut, len(text), message, suggestion))
    if rules.hashtag_limit is not None:
        tags = list(HASHTAG.finditer(text)) if "#" in text else []
        if len(tags) > rules.hashtag_limit:
            extra = tags[rules.hashtag_limit]
            findings.append(_finding(
                "PLT-HASHTAGS", Severity.BLOCK, extra.start(), tags[-1].end(),
                f"{name} allows {rules.hashtag_limit} hashtags per post; this one has "
                f"{len(tags)}.", "Keep the five that matter most."))
    if rules.mention_limit is not None and "@" in text:
        marks = list(MENTION.finditer(text))
        if len(marks) > rules.mention_limit:
            findings.append(_finding(
                "PLT-MENTIONS", Severity.BLOCK, marks[rules.mention_limit].start(),
                marks[-1].end(), f"{name} allows {rules.mention_limit} mentions per post; this "
                f"one has {len(marks)}."))
    if len(images) < rules.images_min:
        findings.append(_finding(
            "PLT-NO-IMAGE", Severity.BLOCK, 0, 0,
            f"{name} posts need at least one image.", "Add a photo or a graphic."))
    if len(images) > rules.images_max:
        findings.append(_finding(
            "PLT-IMAGE-COUNT", Severity.BLOCK, 0, 0,
            f"{name} takes up to {rules.images_max} images per post; this one has "
            f"{len(images)}.", f"Remove {len(images) - rules.images_max}."))
    for number, image in enumerate(images, start=1):
        for problem in image_problems(rules, image):
            findings.append(_finding(
                "PLT-IMAGE", Severity.BLOCK, 0, 0, f"Image {number}: {problem.message}",
                "Use the suggested fix in the image list." if problem.fix else ""))
    return findings
