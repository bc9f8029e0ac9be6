"""The namespaces and terms of other vocabularies that the code names, defined once."""

from __future__ import annotations

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

RDF_TYPE = ox.NamedNode(RDF + "type")
RDFS_SUBCLASS_OF = ox.NamedNode(RDFS + "subClassOf")
