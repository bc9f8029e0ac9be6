"""The closed word classes and patterns the statement rules read: pronouns, quotation marks, auxiliaries,
determiners, the words that make a reporting word a noun or a passive, and those that end a name."""

from __future__ import annotations

import calendar
import re

PRONOUNS = {"he", "she", "they", "it"}
QUOTES = ('"', "\u201c", "\u201d")
CLAUSE_WORDS = {"and", "but", "or", "as", "because", "when", "while", "after", "before", "that", "since", "so",
                "then", "where", "if", "though", "although", "once", "until", "day", "week", "month", "year", "ago",
                "later", "earlier", "today", "yesterday", "tonight", "morning", "evening", "night", "also"}  # fmt: skip
QUOTED_BEFORE = re.compile(r',["\u201d]\s*(?:[A-Z][\w.-]*\s*)*$')
AND_JOINED = re.compile(r"(?:\([A-Z]{2,}\)\s*)?and(?: the(?: [A-Za-z-]+){1,3})?")
PREPOSITIONS = {"at", "in", "from", "with", "close", "familiar", "of", "for", "on", "within", "inside", "near"}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those"}
# Addressees a verb such as "told" takes before "that": a word alone ("told him that"), or one of these and a noun
ADDRESSEE_WORDS = {"him", "her", "them", "us", "me", "you", "reporters", "journalists"}
DETERMINERS_OF_ADDRESSEE = {"the", "a", "his", "her", "their", "its", "our"}
PASSIVE = {"was", "were", "been", "being", "be", "is", "are", "ever"}
INVERTING = {"said", "says", "added", "noted", "wrote", "asked"}  # '"...," said X': X speaks (not "urging X")
# Words before a reporting word that make it a noun ("the claims", "earlier promises", "her appeals"), and words
# that end an unnamed source's name before its verb ("groups have accused": "groups").
NOUN_BEFORE = {"the", "a", "an", "his", "her", "its", "their", "our", "these", "those", "such", "of", "earlier",
               "new", "repeated", "previous", "similar", "any", "no", "whose", "my", "your"}  # fmt: skip
AUXILIARIES = {"have", "has", "had", "also", "already", "later", "then", "were", "are", "is", "was", "will",
               "would", "did", "do", "does", "repeatedly", "previously", "again", "still", "long", "never",
               "always", "often", "consistently", "publicly", "now", "since"}  # fmt: skip
NAME_STOP = {"the", "a", "an", "and", "or", "but", "of", "that", "which", "who", "while", "as", "where", "when",
             "some", "many", "other", "two", "three", "several"}  # fmt: skip
# Words that open a relative or subordinate clause: a verb after one is the clause's, not its sentence's.
RELATIVES = {"who", "whom", "whose", "which", "that", "where", "when", "while", "after", "before", "because", "if"}
# Words that refer back to a body named before ("the same court said"): no new body is described by them.
REFERRING = {"same", "aforementioned", "former", "latter", "above", "other"}

# months and weekdays, lower-cased: "24 December", "3 March" give a date, not a count; "On Tuesday Iran's" a time
MONTHS_AND_DAYS = {m.lower() for m in calendar.month_name if m} | {d.lower() for d in calendar.day_name}
