"""The pipeline: an incremental build of data/ into the persistent store (incremental, with its manifest,
workers, reference checks and validation schedule), the rules and type closure it adds, and the steps
from the built store to dist/ (pipeline)."""
