"""The record kinds docgen knows, by the name a record gives in its ``kind:`` field."""

from __future__ import annotations

from docgen.models.base import Model
from docgen.models.best_value import BestValue
from docgen.models.commission import Commission, CommissionSet
from docgen.models.committee_report import CommitteeReport
from docgen.models.concern_case import ConcernCase, Radar
from docgen.models.meeting import Meeting
from docgen.models.peer_challenge import PeerChallenge

RECORD_KINDS: dict[str, type[Model]] = {
    model.kind: model
    for model in (
        CommitteeReport,
        Commission,
        CommissionSet,
        ConcernCase,
        Radar,
        PeerChallenge,
        BestValue,
        Meeting,
    )
}

__all__ = [
    "RECORD_KINDS",
    "BestValue",
    "Commission",
    "CommissionSet",
    "CommitteeReport",
    "ConcernCase",
    "Meeting",
    "Model",
    "PeerChallenge",
    "Radar",
]
