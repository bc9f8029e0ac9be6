"""SPARQL: the query files of queries/ (queries), the question library with parameters (library), any
SPARQL 1.1 endpoint (remote) and the output formats of results (results)."""
