"""Agreements by priority area, with sub-sectors, beside the totals the sources report."""

import kzpk

for root in kzpk.sector_tree():
    found = kzpk.agreements(root.sector)
    print(f"{root.sector.name}: {len(found)}")
    for agreement in found:
        print(f"   {agreement.kind.value:<12} {agreement.title}")
print()
print(kzpk.agreement_summary())
