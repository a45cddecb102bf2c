"""Export the dataset for other tools, and explore it with pandas (pip install 'kzpk[pandas]')."""

import tempfile
from pathlib import Path

import kzpk

frames = kzpk.to_frames()
agreements = frames["agreements"]
print(agreements[["id", "kind", "signed"]].head())
sectors = frames["agreements__sectors"].merge(frames["sectors"], left_on="value", right_on="id")
print(sectors.groupby("name").size().sort_values(ascending=False).head())

with tempfile.TemporaryDirectory() as folder:
    for path in kzpk.export(Path(folder) / "package", "datapackage")[-1:]:
        print("wrote", path.name)
