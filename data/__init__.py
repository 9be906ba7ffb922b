"""casegraph's curated data, shipped as package data.

`sources.yaml` lists the source documents; `reference/` holds reference data
(local authorities, the indicator taxonomy); `london/` holds the curated
London dataset drawn from the Express/MyLondon investigation (one YAML file
per case, plus shared institutions, people, places, reviews and statements).
"""
