"""Step 2, validation: SHACL with pySHACL (shacl) or rudof (rudof), chosen in validators; the ontology's own
checks and queries/checks/*-violation.rq (checks), and the scan of the terms project files use (terms)."""
