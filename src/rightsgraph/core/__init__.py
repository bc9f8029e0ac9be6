"""What every step shares: the project layout (project), user-facing errors (errors), the namespaces the
code names (namespaces), the prefix map (prefixes), RDF file loading (rdf_files), atomic dist/ writing
(distdir) and control characters in text from data (text)."""
