"""Step 3, stores: the persistent store of incremental builds (persistent), the built dataset loaded
in memory (embedded) and the store of a local Oxigraph server (server)."""
