"""Agreements and sectors: lookup by sector (with sub-sectors and broader areas), summaries."""

from kzpk.accords._agreements import (
    AgreementMatch,
    AgreementSummary,
    SectorNode,
    SectorSummary,
    agreement_matches,
    agreement_summary,
    agreements,
    sector,
    sector_tree,
    sectors,
)

__all__ = [
    "AgreementMatch",
    "AgreementSummary",
    "SectorNode",
    "SectorSummary",
    "agreement_matches",
    "agreement_summary",
    "agreements",
    "sector",
    "sector_tree",
    "sectors",
]
