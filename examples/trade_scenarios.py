"""How fast must trade grow to reach $1 billion, under each source's horizon?"""

import kzpk

for scenario in kzpk.trade_scenarios():
    print(f"{scenario.years:5.2f} years  {scenario.cagr:8.1%} a year  {scenario.horizon}")
print()
print(kzpk.trade_gap())
for derived in kzpk.implied_previous_trade():
    print(f"derived: {kzpk.format_usd(derived.value)} — {derived.method}")
