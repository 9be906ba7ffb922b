"""Loaders: data files -> validated, resolved records (a Dataset).

Hand-curated YAML, bulk CSV and JSONL. Every problem names file, line,
record and field, and says what was expected; references are checked before
anything is written.
"""

from casegraph.loaders.dataset import Dataset
from casegraph.loaders.load import data_files, default_data_dir, load
from casegraph.loaders.problems import LoadError, Problem

__all__ = ["Dataset", "LoadError", "Problem", "data_files", "default_data_dir", "load"]
