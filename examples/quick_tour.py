"""A first look: what the dataset holds, and who signed what, when, where, says who."""

import datetime as dt

import kzpk

print(kzpk.load())
for agreement in kzpk.agreements(signed=dt.date(2026, 2, 4)):
    print(agreement.signed, agreement.title, "—", ", ".join(agreement.parties))
    print(kzpk.cite(agreement))
