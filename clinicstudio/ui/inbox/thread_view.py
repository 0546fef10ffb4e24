"""How an inbox item and its conversation read on screen: plain words, calm colours."""

from __future__ import annotations

from html import escape
from typing import Any

from clinicstudio.inbox.items import network_label

KIND_WORDS = {"comment": "commented", "reply": "replied", "mention": "mentioned the clinic",
              "quote": "quoted a post", "review": "left a review"}


def item_line(row: dict[str, Any]) -> str:
    """One line of the list: who, where, what, and a mark for unhappy or removed items."""
    text = " ".join(row["text"].split())
    text = text if len(text) <= 110 else text[:109] + "…"
    marks = []
    if row["tone"] == "angry":
        marks.append("⚠ angry")
    elif row["tone"] == "negative":
        marks.append("⚠ unhappy")
    if row["deleted"]:
        marks.append("removed by its author")
    if row["state"] not in ("new",):
        marks.append(row["state"])
    mark = f"   [{', '.join(marks)}]" if marks else ""
    return (f"{row['author']} {KIND_WORDS.get(row['kind'], row['kind'])} on "
            f"{network_label(row['network'])}{mark}\n{text}")


def thread_html(view: Any) -> str:
    """The clinic's post, then the conversation, with the chosen item highlighted."""
    item = view.item
    parts = ["<div style='font-size:10.5pt'>"]
    if view.own_post:
        parts.append("<div style='background:#eef4fb;border-radius:6px;padding:8px;"
                     "margin-bottom:8px'><b>Your post</b><br>"
                     f"{escape(view.own_post)}</div>")
    for other in view.thread or [item]:
        chosen = other["id"] == item["id"]
        style = ("border-left:4px solid #2f6fb3;padding:6px 8px;background:#f7f9fc"
                 if chosen else "border-left:4px solid #d8dde3;padding:6px 8px")
        removed = (" <i style='color:#8a5a00'>(removed by its author; kept here)</i>"
                   if other["deleted"] else "")
        parts.append(f"<div style='{style};margin-bottom:6px'><b>{escape(other['author'])}"
                     f"</b> <span style='color:#667'>{other['received_at'][:16].replace('T', ' ')}"
                     f"</span>{removed}<br>{escape(other['text'])}</div>")
    if view.reply_text:
        parts.append("<div style='border-left:4px solid #3c8d5a;padding:6px 8px'>"
                     f"<b>Your reply</b><br>{escape(view.reply_text)}</div>")
    if view.notes:
        parts.append("<p style='margin-top:10px'><b>Notes for the team</b></p>")
        for author, text, at in view.notes:
            parts.append(f"<div style='color:#444'>• {escape(text)} "
                         f"<span style='color:#889'>— {escape(author or 'someone')}, "
                         f"{at:%d %b %H:%M}</span></div>")
    parts.append("</div>")
    return "".join(parts)
