"""Step 4, the actor network: projected from the dataset (graph), measured (measures), written for
Gephi and other tools (export), drawn as a figure and a browser page (view); pipeline runs the steps."""

FORMATS = ("graphml", "gexf", "json", "csv")  # what `rightsgraph network export` writes (export)
