"""The version of the kzpk package (the dataset has its own, in ``dataset.json``)."""

__version__ = "0.1.0"
