"""rightsgraph: human-rights news as a grounded, validated, queryable knowledge graph."""

__version__ = "0.1.0"
