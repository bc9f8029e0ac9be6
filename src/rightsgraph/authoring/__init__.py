"""Step 1, data/ -> RDF: YAML with line numbers, read as written (yaml_lines), the JSON-LD context that
names the keys (context), the YAML-to-RDF converter (yamlld), text grounding of quotes (ground), which
files of data/ are read (datafiles) and the article and register files (annotations)."""
