"""Counts: a number with its qualifier and bounds ("at least 50", "more than 200", "about 70"), a vague
magnitude ("dozens") or a proportion ("more than half of them"); never a number the text does not give."""

from __future__ import annotations

import re
from typing import Any

from spacy.matcher import Matcher

from rightsgraph.authoring.draft.base import Found, Parsed
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.draft.states import demonym
from rightsgraph.authoring.draft.words import AUXILIARIES, CLAUSE_WORDS, DETERMINERS, MONTHS_AND_DAYS, PREPOSITIONS

THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(,[0-9]{3})+")


def _phrase(words: str) -> list[dict[str, Any]]:
    return [{"LOWER": w} for w in words.split()]


def find_counts(parsed: Parsed, nlp: Any, lex: Lexicon) -> list[Found]:
    matcher = Matcher(nlp.vocab)
    number = {"LIKE_NUM": True}
    for words in lex["qualifiers"]:
        matcher.add(f"Q|{words}", [[*_phrase(words), number]])
    matcher.add("BARE", [[number]])
    for words in lex["magnitudes"]:
        matcher.add(f"M|{words}", [[*_phrase(words), {"LOWER": "of"}], [*_phrase(words), {"IS_ALPHA": True}]])
    for words in lex["proportions"]:
        matcher.add(f"P|{words}", [_phrase(words)])
    counted_nouns = {str(w) for w in lex["counted_nouns"]}
    count_verbs = {str(w) for w in lex["count_verbs"]}
    not_qualifying = CLAUSE_WORDS | PREPOSITIONS | DETERMINERS | AUXILIARIES | lex.reporting_heads | {"to"}
    not_qualifying |= {str(w) for w in lex["not_units"]}
    for words in lex["vague_before_noun"]:  # "many detainees", "many of them", "most victims"
        after: list[list[dict[str, Any]]] = [
            [{"LOWER": {"IN": sorted(counted_nouns)}}],
            # "multiple Hong Kong officials": capitalised words qualifying what is counted
            [{"IS_TITLE": True, "OP": "{1,3}"}, {"LOWER": {"IN": sorted(counted_nouns)}}],
            [{"LOWER": "of"}, {"LOWER": {"IN": ["them", "those"]}}],
        ]
        matcher.add(f"V|{words}", [[*_phrase(words), *rest] for rest in after])
        matcher.add(f"S|{words}", [_phrase(words)])  # "Many have already spent ...": the subject of its clause
    found: list[Found] = []
    taken: set[int] = set()
    matches = sorted(matcher(parsed.doc), key=lambda m: (m[1], -(m[2] - m[1])))
    for match_id, start, end in matches:
        if any(i in taken for i in range(start, end)):
            continue
        label = nlp.vocab.strings[match_id]
        kind, _, words = label.partition("|")
        span = parsed.doc[start:end]
        first = span.start_char
        data: dict[str, Any] = {}
        if kind in ("Q", "BARE"):
            token = span[-1]
            value = _number(token.text, lex)
            if value is None or (1900 <= value <= 2100 and token.text.isdigit()):
                continue  # a year ("in 2024"); "2,100" is a number
            if is_age(parsed.doc, token, lex):
                continue  # "aged 64", "men aged 18 to 60", "17 years old": someone's age
            if kind == "Q" and start > 0 and parsed.doc[start - 1].lower_ in lex["comparison_before"]:
                continue  # "twice as many as 10 years ago": a comparison, no count
            token, value = _compound(parsed.doc, token, value, lex)  # "Thirty-one", "ten thousand"
            if _date_range(parsed.doc, token, lex):
                continue  # "from 1 to 15 August": days, no count
            spec = dict(lex["qualifiers"][words]) if kind == "Q" else {"qualifier": "exactly"}
            low = None
            upper = _range_end(parsed.doc, token, value, start, lex)
            if upper is not None:  # "five to 20 years", "between 400 and 500 people": one count, both bounds
                token, value, low = upper
                spec = {"qualifier": lex["range_qualifier"], "bound": "max"}
                if start > 0 and parsed.doc[start - 1].lower_ == "between":
                    first = parsed.doc[start - 1].idx
            nxt = parsed.doc[token.i + 1] if token.i + 1 < len(parsed.doc) else None
            before = parsed.doc[span[-1].i - 1].lower_ if span[-1].i > 0 else ""
            term = _term(parsed.doc, token, value, lex)
            if term is not None:  # "sentenced to ten years", "a 14-year sentence": a prison term is counted
                data = {"value": term[0], "qualifier": spec["qualifier"], "counted": term[1]}
                if "bound" in spec:
                    data[spec["bound"]] = term[0]
                if low is not None:
                    data["min"] = low * term[0] // value  # "five to 20 years": both in the term's unit
                last = term[2]
                end_char = last.idx + len(last.text)
                data["expression"] = parsed.text[first:end_char]
                taken.update(range(start, last.i + 1))
                found.append(Found(first, end_char, parsed.sent_of(span.start_char), data))
                continue
            subject = False
            if kind == "BARE" and not span[-1].text[:1].isdigit():
                # a spelled-out number is proposed only before what it counts: "six people", "two political
                # prisoners", "five other prisoners", "two of the men"; or as the subject of its clause, whose
                # noun is elsewhere ("Thirty-one pleaded guilty", "nine, Bialiatski among them, were taken")
                nxt = _counted_after(parsed.doc, token.i + 1, counted_nouns, not_qualifying)
                subject = nxt is None and _subject(parsed, span[0], token, lex)
                if nxt is None and not subject:
                    continue
            earlier = parsed.doc[span[-1].i - 2 : span[-1].i].text.lower() if span[-1].i > 1 else ""
            if subject:
                pass  # the subject of its clause: nothing after it is what it counts (nxt is None)
            elif (
                nxt is not None
                and nxt.is_punct
                and (kind == "Q" or {before, earlier} & count_verbs or earlier in lex["count_comparisons"])
            ):
                nxt = None  # "at least 224.", "it had documented 345,", "up from 853;": a count whose noun is elsewhere
            elif nxt is None or not (nxt.is_alpha or nxt.text == "%") or _date_word(nxt.text):
                continue  # a date or a number without what it counts
            elif kind == "BARE" and nxt.lower_ in lex["not_units"] and nxt.lower_ != "percent":
                continue  # "four days", "350 km": a duration or a distance (with a qualifier, or a prison term)
            elif nxt.text[:1].isupper() and not nxt.text.endswith("s"):
                noun = parsed.doc[nxt.i + 1] if nxt.i + 1 < len(parsed.doc) else None
                if noun is None or noun.lower_ not in counted_nouns or not demonym(nxt.text):
                    continue  # "Article 15", "Resolution 2334"; but "24 Pakistanis"
                if token.i > 0 and (parsed.doc[token.i - 1].is_title or _date_word(parsed.doc[token.i - 1].text)):
                    continue  # "Article 9 Syrian refugees", "On March 15 Israeli soldiers": a number of its own
                nxt = noun  # "more than 180 Russian doctors"
            if nxt is not None and nxt.lower_.endswith("-old"):
                continue
            data = {"value": value, "qualifier": spec["qualifier"]}
            if "bound" in spec:
                data[spec["bound"]] = value
            if low is not None:
                data["min"] = low
            end = max(end, token.i + 1)  # the range's or the compound number's last figure
            expression_end = token.idx + len(token.text)
            end_char = nxt.idx + len(nxt.text) if nxt is not None else expression_end
            if nxt is not None and nxt.lower_ in ("percent", "%"):
                data["percent"] = data.pop("value")  # "about 91 percent": a share, not a number of people
                expression_end = end_char
            elif nxt is not None and nxt.lower_ not in lex["not_counted"]:
                data["counted"] = nxt.text  # the word after the number: "387 people"; checked by the researcher
        elif kind == "V":
            if start > 0 and parsed.doc[start - 1].lower_ in lex["vague_not_after"]:
                continue  # "how many", "as many as", "the most"
            data = dict(lex["vague_before_noun"][words])
            data["counted"] = parsed.text[span[1].idx : span.end_char]
            expression_end = span[0].idx + len(span[0].text)
            end_char = span.end_char
        elif kind == "S":
            if not _subject(parsed, span[0], span[-1], lex, auxiliary=True):
                continue  # "Many were arrested", not "many argued otherwise"
            data = dict(lex["vague_before_noun"][words])
            expression_end = end_char = span.end_char
        elif kind == "M":
            slug = lex["magnitudes"][words]
            data = {"magnitude": slug}
            if slug in lex.implied_min:
                data["min"] = lex.implied_min[slug]
            of = span[-1].lower_ == "of"
            counted = parsed.doc[end] if of and end < len(parsed.doc) else None
            if counted is not None and counted.lower_ not in lex["not_counted"]:
                data["counted"] = counted.text
            expression_end = span[-2].idx + len(span[-2].text)
            end_char = counted.idx + len(counted.text) if counted is not None else expression_end
            if not of:
                end = end - 1  # "hundreds were detained": the magnitude alone
        else:
            data = {"proportion": lex["proportions"][words]}
            expression_end = span.end_char
            end_char = span.end_char
            tail = parsed.doc[end : end + 2]
            if len(tail) == 2 and tail[0].lower_ == "of":
                expression_end = end_char = tail[1].idx + len(tail[1].text)
            data["counted"] = parsed.text[span.start_char : end_char]
        data["expression"] = parsed.text[first:expression_end]
        taken.update(range(start, end))
        found.append(Found(first, end_char, parsed.sent_of(span.start_char), data))
    return found


def _compound(doc: Any, token: Any, value: int, lex: Lexicon) -> tuple[Any, int]:
    """A compound number written with a hyphen ("Thirty-one", "forty-five") or a multiplier ("ten thousand", "2
    million"): its last token and its value."""
    if 20 <= value < 100 and value % 10 == 0 and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
        unit = lex["number_units"].get(doc[token.i + 2].lower_)
        if unit is not None:
            token, value = doc[token.i + 2], value + unit
    if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in lex["multipliers"]:
        token, value = doc[token.i + 1], value * int(lex["multipliers"][doc[token.i + 1].lower_])
    return token, value


def _date_range(doc: Any, token: Any, lex: Lexicon) -> bool:
    """Whether the number opens a range of days of a month ("1 to 15 August", "3-5 March")."""
    after = doc[token.i + 1 : token.i + 4]
    return len(after) == 3 and after[0].lower_ in lex["range_words"] and after[1].like_num and _date_word(after[2].text)


def _range_end(doc: Any, token: Any, value: int, start: int, lex: Lexicon) -> tuple[Any, int, int] | None:
    """The upper figure of a range that `token` opens ("12 to 13 percent", "12-13", "between 400 and 500"; "and"
    only after "between"), as (token, value, lower figure: "1 to 2 million" is 1,000,000 to 2,000,000); None where
    the second figure is no larger or a year, a numbered label ("Articles 9 to 14"), or a word before the first makes
    the two a change ("fell from 135 to 79 kilograms"; but "ranging from five to 20 years" is a range)."""
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ not in lex["range_words"]:
        return None
    before = doc[start - 1] if start > 0 else None
    if doc[token.i + 1].lower_ == "and" and not (before is not None and before.lower_ == "between"):
        return None
    ranging = start > 1 and doc[start - 2].lower_ in lex["range_from_after"]
    if before is not None and before.lower_ in lex["range_not_after"] and not ranging:
        return None
    if before is not None and before.is_title and before.lower_ != "between":
        return None  # "Articles 9 to 14", "Flights 101 to 105"
    second = doc[token.i + 2]
    upper = _number(second.text, lex)
    if upper is None or (second.text.isdigit() and 1900 <= upper <= 2100):
        return None
    last, total = _compound(doc, second, upper, lex)
    multiplier = (
        lex["multipliers"].get(last.lower_) if last.i > second.i and token.lower_ not in lex["multipliers"] else None
    )
    low = value * int(multiplier) if multiplier else value
    if total <= low:
        return None
    return last, total, low


def is_age(doc: Any, token: Any, lex: Lexicon) -> bool:
    """Whether the number gives someone's age: after "aged" or "age of" (the first or second figure of a range: "aged
    18 to 60"), or before "years old" or "-year-old(s)"."""
    words = [t.lower_ for t in doc[max(0, token.i - 4) : token.i]]
    ages = (["age", "of"], ["ages", "of"], ["aged", "between"])
    if words[-1:] == ["aged"] or words[-2:] in ages:
        return True
    second = len(words) >= 3 and words[-1] in lex["range_words"] and doc[token.i - 2].like_num
    if second and (words[-3] == "aged" or words[-4:-2] in ages):
        return True  # "aged 18 to 60": 60
    after = [t.lower_ for t in doc[token.i + 1 : token.i + 5]]
    return after[:2] == ["years", "old"] or (after[:3] == ["-", "year", "-"] and after[3:4] in (["old"], ["olds"]))


def _subject(parsed: Parsed, number: Any, last: Any, lex: Lexicon, auxiliary: bool = False) -> bool:
    """Whether a spelled-out number or a vague word (its first and last token) opens its clause (a sentence, or
    after ";" or ":"; after "and" before an auxiliary) as the subject of a verb ("Thirty-one pleaded guilty", "Many
    have already spent", "... and two were acquitted"), or of one after an aside ("nine, Bialiatski among them, were
    taken"): what it counts is named elsewhere, and it is a count. `auxiliary`: only before an auxiliary (a vague
    word: "Many were arrested", "Most have been freed"; not "many argued otherwise")."""
    doc = parsed.doc
    if last.i + 1 >= len(doc):
        return False
    nxt = doc[last.i + 1]
    joined = number.i > 0 and doc[number.i - 1].lower_ in ("and", "but", "while")
    if joined and nxt.lower_ in AUXILIARIES:
        return True  # "14 others were convicted and two were acquitted"
    if not (number.is_sent_start or (number.i > 0 and doc[number.i - 1].text in (";", ":"))):
        return False
    if nxt.text == ",":
        return True
    if not (nxt.is_alpha and nxt.is_lower) or nxt.like_num:
        return False  # "Ten thousand", "Two Syrian refugees"
    if nxt.lower_ in lex["subject_auxiliaries"]:
        return True  # "Two were acquitted" (not "Most often, ...")
    if auxiliary:
        return False
    words = CLAUSE_WORDS | PREPOSITIONS | DETERMINERS | {str(w) for w in (*lex["not_units"], *lex["not_counted"])}
    if nxt.lower_ in words:
        return False  # not "Two years later", "Two more", "Two of them"
    then = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
    # "Two decades after", "Three generations of activists", "Five things to know": a plural noun, not a verb (but
    # "Three wrote to prisoners")
    noun = nxt.lower_.endswith("s") and then is not None and then.lower_ in PREPOSITIONS | {"to", "after", "before"}
    return not noun


def _term(doc: Any, token: Any, value: int, lex: Lexicon) -> tuple[int, str, Any] | None:
    """A number of years or months that words of a sentence or of custody stand near ("jailed for 10 years", "a
    14-year sentence", "five years in prison"): (value, unit, last token). "Six years and nine months" is 81
    months. Not an age ("a 46-year-old") nor a time ("two years after", "ten years ago")."""
    hyphen = token.i + 2 < len(doc) and doc[token.i + 1].text == "-"
    unit = doc[token.i + (2 if hyphen else 1)] if token.i + 1 < len(doc) else None
    if unit is None or unit.lower_ not in lex["term_units"]:
        return None
    after = doc[unit.i + 1] if unit.i + 1 < len(doc) else None
    if after is not None and (after.text == "-" or after.lower_ in lex["term_not_after"]):
        return None
    sent = token.sent
    words = {str(w) for w in lex["term_words"]}
    near = doc[max(sent.start, token.i - 6) : min(sent.end, unit.i + 7)]
    # "sentenced its director, its editor-in-chief and a reporter to nine years": "to" ends a long object
    sentenced_to = token.i > sent.start and doc[token.i - 1].lower_ == "to"
    if not {t.lower_ for t in near} & words and not (
        sentenced_to and {t.lower_ for t in doc[sent.start : token.i]} & words
    ):
        return None
    name = str(lex["term_units"][unit.lower_])
    last = unit
    tail = doc[unit.i + 1 : unit.i + 4]
    if name == "years" and not hyphen and len(tail) == 3 and tail[0].lower_ == "and":
        months = _number(tail[1].text, lex)
        if months is not None and lex["term_units"].get(tail[2].lower_) == "months":
            value, name, last = value * 12 + months, "months", tail[2]
    return value, name, last


def _number(text: str, lex: Lexicon) -> int | None:
    if text.isdigit() and not text.startswith("0"):
        return int(text)
    if THOUSANDS.fullmatch(text):  # "8,000", "150,471"
        return int(text.replace(",", ""))
    return lex["numbers"].get(text.lower())


def _date_word(word: str) -> bool:
    """A month or a weekday: "24 December", "3 March" give a date, not a count."""
    return word.lower() in MONTHS_AND_DAYS


def _counted_after(doc: Any, i: int, counted: set[str], stop: set[str]) -> Any:
    """The counted noun a spelled-out number at doc[i - 1] counts: the next word, or one after up to three
    lower-case words that qualify it ("two political prisoners", "three handpicked national security judges"), or
    after "of the" ("two of the men"); None if no counted noun follows so ("two years", "nine were acquitted"). `stop`:
    the words that qualify no noun (find_counts: clause words, prepositions, verbs, units)."""
    if i + 1 < len(doc) and doc[i].lower_ == "of" and doc[i + 1].lower_ in DETERMINERS:
        i += 2  # "two of the men"
    opens = doc[i - 1].is_sent_start  # "Three told journalists", "Two watched protesters": the number is the subject
    for j in range(i, min(i + 4, len(doc))):
        word = doc[j]
        if word.lower_ in counted:
            return word
        if not (word.is_alpha and word.is_lower) or word.lower_ in stop or (opens and word.lower_.endswith("ed")):
            return None
    return None
