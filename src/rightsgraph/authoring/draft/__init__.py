"""`rightsgraph draft SLUG`: an assisted first draft of an article's annotation, for a researcher to confirm.

Rules only (spaCy's blank English tokenizer and matchers, dateparser, the lexicon in lexicon.yaml); no model is
downloaded. Every proposed node carries `draft: true` and an evidence quote that occurs once in the text. The
modules, by kind: mentions (register actors and places, candidate new actors), counts, times, events, statements
(statements from reporting verbs, assembled from: verbs, which words are speech acts; speakers, who speaks them;
references, pronouns and descriptions of earlier speakers; unnamed, unnamed sources and reports; stance, stances
and hedges; words, the word classes these read), document (assembly), writer (YAML), files (where a draft comes
from and goes), score (precision and recall against a finished annotation). spaCy, dateparser and rapidfuzz
are the optional extra rightsgraph[draft]; import rightsgraph.authoring.draft.files only where they are wanted.
"""
