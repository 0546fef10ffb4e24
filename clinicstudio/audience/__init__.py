"""Audience segments: who a post is aimed at, by place, age and language, never by health.

No Qt here. The window and the command line use :class:`SegmentService`.
"""

from clinicstudio.audience.findings import Remedy, SegmentFinding, ValidationContext
from clinicstudio.audience.mapping import NetworkTargeting, all_networks, network_targeting
from clinicstudio.audience.operations import SegmentBlocked, SegmentNotFound
from clinicstudio.audience.performance import AimedPost, SegmentPerformance
from clinicstudio.audience.segment import Place, SegmentRecord, SegmentSpec
from clinicstudio.audience.service import SegmentService
from clinicstudio.audience.validation import validate_segment

__all__ = [
    "AimedPost",
    "NetworkTargeting",
    "Place",
    "Remedy",
    "SegmentBlocked",
    "SegmentFinding",
    "SegmentNotFound",
    "SegmentPerformance",
    "SegmentRecord",
    "SegmentService",
    "SegmentSpec",
    "ValidationContext",
    "all_networks",
    "network_targeting",
    "validate_segment",
]
