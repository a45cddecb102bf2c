"""Provenance: citations, conflicts between sources, the timeline and commitments' states."""

from kzpk.provenance._provenance import (
    CommitmentState,
    CommitmentView,
    HorizonState,
    SourceUse,
    cite,
    commitment_states,
    commitments,
    conflicts,
    sources,
    sources_cited,
    timeline,
)

__all__ = [
    "CommitmentState",
    "CommitmentView",
    "HorizonState",
    "SourceUse",
    "cite",
    "commitment_states",
    "commitments",
    "conflicts",
    "sources",
    "sources_cited",
    "timeline",
]
