"""The schema: the single source of truth for every record casegraph knows.

Node and relationship types are pydantic models; relationship types declare
their endpoints as data. Store DDL, constraints, JSON Schema and the schema
documentation are all generated from here (see `registry`, `ddl`,
`jsonschema`, `docs`), never written twice.
"""

from casegraph.schemas.common import ClaimStatus, Sensitivity
from casegraph.schemas.registry import NodeType, RelType, Schema, schema

__all__ = ["ClaimStatus", "Sensitivity", "NodeType", "RelType", "Schema", "schema"]
