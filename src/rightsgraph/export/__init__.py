"""Step 5, dist/: the dataset dumps (dumps, jsonld), its VoID description (void), the ontology
documentation (docs) and the docs derived from ontology/, shapes/ and queries/ (docgen)."""
