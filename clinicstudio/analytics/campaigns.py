"""Campaigns' money: budget, spend entries, conversions, cost per acquisition, return on ad spend.

Cost per acquisition is spend / conversions and is None ("no conversions yet") when nothing
converted; return on ad spend is revenue / spend and is None when nothing was spent. Figures
come per campaign and per network: spend entered for a network, conversions whose traffic
source (``utm_source``) is that network, and engagement from the networks' own readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import case, func, literal, or_, select
from sqlalchemy.orm import Session

from clinicstudio.analytics.readings import ENGAGING
from clinicstudio.domain import Platform, UserError
from clinicstudio.platforms.links import is_sensitive
from clinicstudio.store.models import (
    Campaign,
    CampaignSpend,
    ConversionRecord,
    MetricLatest,
    Post,
)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:100] or "campaign"


def slug_of(campaign: Campaign) -> str:
    """The name the campaign has in tagged links (``utm_campaign``)."""
    return campaign.slug or str((campaign.utm_defaults or {}).get("utm_campaign") or "") \
        or slugify(campaign.name)


def check_slug(slug: str) -> str:
    slug = slug.strip().lower()
    if not _SLUG.match(slug):
        raise UserError(f"“{slug}” cannot be a link name; use lower-case letters, digits and "
                        "dashes, such as flu-shots-fall.")
    if is_sensitive("utm_campaign", slug):
        raise UserError(f"The link name “{slug}” could reveal a health condition or a patient "
                        "in every link; choose a neutral one such as flu-shots-fall.")
    return slug


def add_campaign(session: Session, name: str, *, budget_cents: int = 0,
                 slug: str | None = None) -> Campaign:
    name = name.strip()
    if not name:
        raise UserError("A campaign needs a name.")
    slug = check_slug(slug or slugify(name))
    if session.scalars(select(Campaign).where(Campaign.name == name)).first():
        raise UserError(f"There is already a campaign called “{name}”.")
    if session.scalars(select(Campaign).where(Campaign.slug == slug)).first():
        raise UserError(f"Another campaign already uses the link name “{slug}”; give this one "
                        "its own with --slug.")
    campaign = Campaign(name=name, slug=slug, budget_cents=budget_cents,
                        utm_defaults={"utm_campaign": slug})
    session.add(campaign)
    session.flush()
    return campaign


def find_campaign(session: Session, name: str) -> Campaign:
    found = session.scalars(select(Campaign).where(
        or_(Campaign.name == name, Campaign.slug == name))).first()
    if found is None:
        found = next((c for c in session.scalars(select(Campaign))
                      if c.name.casefold() == name.casefold() or slug_of(c) == name), None)
    if found is None:
        raise UserError(f"There is no campaign called “{name}”; see `clinicstudio campaigns "
                        "list`.")
    return found


def campaign_for_slug(session: Session, slug: str) -> Campaign | None:
    slug = slug.strip().lower()
    if not slug:
        return None
    return next((c for c in session.scalars(select(Campaign)) if slug_of(c) == slug), None)


def parse_network(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return Platform(text.strip().lower()).value
    except ValueError:
        known = ", ".join(p.value for p in Platform)
        raise UserError(f"“{text}” is not a network; use one of {known}.") from None


def add_spend(session: Session, campaign: Campaign, amount_cents: int, on: date,
              network: str | None = None, note: str = "") -> CampaignSpend:
    entry = CampaignSpend(campaign_id=campaign.id, spent_on=on, amount_cents=amount_cents,
                          network=parse_network(network), note=note)
    session.add(entry)
    session.flush()
    return entry


@dataclass
class Figures:
    """Money and results for a campaign, or for one network of it."""

    spend_cents: int = 0
    conversions: int = 0
    revenue_cents: int = 0
    engagements: int | None = None
    # Engagements on posts whose network reports an audience, and that audience: the rate
    # leaves out networks that report no reach or views rather than count them as unseen.
    rated_engagements: int = 0
    audience: int | None = None
    clicks: int | None = None

    @property
    def cpa_cents(self) -> float | None:
        return self.spend_cents / self.conversions if self.conversions else None

    @property
    def roas(self) -> float | None:
        return self.revenue_cents / self.spend_cents if self.spend_cents else None

    @property
    def engagement_rate(self) -> float | None:
        return self.rated_engagements / self.audience if self.audience else None

    def as_json(self) -> dict[str, Any]:
        return {"spend": round(self.spend_cents / 100, 2), "conversions": self.conversions,
                "revenue": round(self.revenue_cents / 100, 2),
                "cpa": None if self.cpa_cents is None else round(self.cpa_cents / 100, 2),
                "roas": None if self.roas is None else round(self.roas, 2),
                "engagement_rate": (None if self.engagement_rate is None
                                    else round(self.engagement_rate, 4)),
                "clicks": self.clicks}


@dataclass
class CampaignResults:
    campaign_id: int
    name: str
    slug: str
    budget_cents: int
    currency: str
    total: Figures
    networks: dict[str, Figures] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "slug": self.slug,
                "budget": round(self.budget_cents / 100, 2), "currency": self.currency,
                **self.total.as_json(),
                "networks": {n: f.as_json() for n, f in sorted(self.networks.items())}}


def _add(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else a + b


def campaign_results(session: Session, campaign: Campaign, *, start: date | None = None,
                     end: date | None = None,
                     engagement: EngagementRows | None = None) -> CampaignResults:
    """Spend, conversions, CPA, ROAS and engagement, in total and per network.

    ``engagement`` is :func:`engagement_rows` read once for many campaigns."""
    result = CampaignResults(campaign.id, campaign.name, slug_of(campaign),
                             campaign.budget_cents, campaign.currency, Figures())
    networks = result.networks

    def figures(network: str | None) -> Figures | None:
        if network is None:
            return None
        return networks.setdefault(network, Figures())

    spend = select(CampaignSpend.network, func.sum(CampaignSpend.amount_cents)).where(
        CampaignSpend.campaign_id == campaign.id).group_by(CampaignSpend.network)
    if start:
        spend = spend.where(CampaignSpend.spent_on >= start)
    if end:
        spend = spend.where(CampaignSpend.spent_on <= end)
    for network, cents in session.execute(spend):
        result.total.spend_cents += int(cents or 0)
        target = figures(network)
        if target is not None:
            target.spend_cents += int(cents or 0)
    converted = select(ConversionRecord.network, func.sum(ConversionRecord.conversions),
                       func.sum(ConversionRecord.revenue_cents)).where(
        ConversionRecord.campaign_id == campaign.id).group_by(ConversionRecord.network)
    if start:
        converted = converted.where(ConversionRecord.occurred_on >= start)
    if end:
        converted = converted.where(ConversionRecord.occurred_on <= end)
    for network, conversions, revenue in session.execute(converted):
        result.total.conversions += int(conversions or 0)
        result.total.revenue_cents += int(revenue or 0)
        target = figures(network)
        if target is not None:
            target.conversions += int(conversions or 0)
            target.revenue_cents += int(revenue or 0)
    if engagement is None:
        engagement = engagement_rows(session, campaign.id)
    for network, engaged, rated, audience, clicks in engagement.get(campaign.id, []):
        for target in (result.total, figures(network)):
            assert target is not None
            target.engagements = _add(target.engagements, _int(engaged))
            target.audience = _add(target.audience, _int(audience) or None)
            target.rated_engagements += int(rated or 0)
            target.clicks = _add(target.clicks, _int(clicks))
    return result


def _int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


EngagementRows = dict[int, list[tuple[str, Any, Any, Any, Any]]]
_ENGAGING_COLUMNS = [getattr(MetricLatest, name) for name in ENGAGING]
#: Everything people did with a post, added in the database; NULL when none was reported.
ENGAGED = case((or_(*(c.is_not(None) for c in _ENGAGING_COLUMNS)),
                sum((func.coalesce(c, 0) for c in _ENGAGING_COLUMNS), start=literal(0))))
_AUDIENCE = func.coalesce(MetricLatest.reach, MetricLatest.impressions)


def engagement_rows(session: Session, campaign_id: int | None = None) -> EngagementRows:
    """Per campaign and network: engagements, engagements on posts with a known audience, that
    audience (reach, else views) and clicks, added up in the database (a busy clinic has
    thousands of post readings per campaign)."""
    query = (select(Post.campaign_id, MetricLatest.network, func.sum(ENGAGED),
                    func.sum(case((_AUDIENCE > 0, func.coalesce(ENGAGED, 0)), else_=0)),
                    func.sum(case((_AUDIENCE > 0, _AUDIENCE))), func.sum(MetricLatest.clicks))
             .join(Post, Post.id == MetricLatest.post_id)
             .where(Post.campaign_id.is_not(None))
             .group_by(Post.campaign_id, MetricLatest.network))
    if campaign_id is not None:
        query = query.where(Post.campaign_id == campaign_id)
    rows: EngagementRows = {}
    for campaign, *figures in session.execute(query):
        rows.setdefault(campaign, []).append(tuple(figures))  # type: ignore[arg-type]
    return rows


def all_campaign_results(session: Session) -> list[CampaignResults]:
    engagement = engagement_rows(session)
    return [campaign_results(session, c, engagement=engagement) for c in all_campaigns(session)]


def all_campaigns(session: Session) -> list[Campaign]:
    return list(session.scalars(select(Campaign).order_by(Campaign.name)))
