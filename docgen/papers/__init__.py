"""The paper kinds; importing this package registers every one of them."""

from docgen.papers import (  # noqa: F401 - importing registers the paper kinds
    best_value,
    commissions,
    committee_report,
    concern_cases,
    meeting,
    notices,
    pack,
    peer_challenges,
)
from docgen.papers.base import PAPERS, Paper, Source, papers_for

__all__ = ["PAPERS", "Paper", "Source", "papers_for"]
