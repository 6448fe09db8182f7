"""The paper kinds; importing this package registers every one of them."""

from docgen.papers import commissions, committee_report  # noqa: F401 - registers the paper kinds
from docgen.papers.base import PAPERS, Paper, Source, papers_for

__all__ = ["PAPERS", "Paper", "Source", "papers_for"]
