"""Reading vote lists pasted from press releases, reports and posts.

The UN, its Human Rights Council, the ILO and the IAEA publish who voted how as text:
"adopted by a recorded vote of 141 in favour to 5 against, with 35 abstentions, as
follows: In favour: … Against: … Abstain: … Absent: …", "In favour (21): … Against (9):
…", headed lists one name a line, or running prose ("Russia and China voted against
while Pakistan and India abstained"). :func:`parse_vote_text` reads these into the
kit's positions and says where the text does not add up.

What it reads
-------------
* **Labelled lists.** A label (``In favour``, ``Yes``, ``Against``, ``No``,
  ``Abstentions``, ``Abstain(ed)``, ``Absent``, ``No vote recorded``, ``Not voting`` …)
  followed by ``:``, ``(21):``, ``: 29 (``, ``were``, ``are``, ``by``, ``included``, a dash
  or a line break, then names separated by commas, semicolons, "and" or line breaks,
  bullets allowed. A list in parentheses ends at its closing parenthesis; others end at
  the end of the sentence, the next label or the first line that is not names. Every
  name in a labelled list must be known: an unknown name is an error (see below).
  Labels in news prose count too: "Countries voting “no” were …", "Countries that voted
  to adopt the motion were …", "Abstainers included …", "Countries that renounced: …"
  (machine translation's word for "abstained"; ``notes`` says it was read so).
* **Prose.** Names just before "voted in favour / for / against", "abstained", "were
  absent" or "backed the resolution", and names in square brackets before a label
  ("2 [Russia and China] against"). Only names that are known are taken from prose; a
  run of names stops at the first word that is not one.
* **Partial lists.** A list the text introduces with "included", "including", "among
  them" or "such as" names some of the members only: ``partial`` says so, and
  ``unnamed`` counts, per stated total, the members the text does not name.
* **Totals.** "141 in favour", "with 9 against", "five votes against", "Twenty-six
  countries voted in favour", "by 80 votes to nine", "voted 93 to 24", "17 countries
  agreed, 19 objected", "24 were against", "In favour (21)", "Yes - 28", "37 y 2 n 7abst",
  "No vote was recorded from 13 countries". Numbers after "more than", "some", "about"
  and the like are not totals and are skipped; so are numbers of more than nine digits
  and runs of more than five number words (no vote has such totals). Decimal digits of
  any script count as digits ("١٤١ in favour" and "１４１ in favour" state 141).

Time grows linearly with the text (``benchmarks/bench_textparse.py``): a run of names
before a verb reaches back at most to the verb before it, and number words are read at
most five at a time.

Names are matched as :mod:`voteanalysis.io.names` does; a missing comma ("Comoros Congo")
or a name rendered twice ("Belarus Belarus Eritrea") is read as the names it holds, and
"the governments of" before a list is skipped.

Errors and mismatches
---------------------
Only names a labelled list holds but the kit does not know raise :class:`VoteDataError`
(all of them at once, each with the closest known names), unless
``accept_suggestions=True``, when the closest name is taken if close enough and
reported in ``notes`` and ``accepted``. Text the parser does not understand never
raises: it gives a result with fewer (or no) positions, and ``mismatches`` then says so —
"no list of members was found", or a stated total that differs from the names counted.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from ..errors import Problem, VoteDataError
from ..schema import POSITION_DTYPE, POSITIONS, POSITIONS_TABLE
from .names import NameMatch, best_guess, closest_description, lookup, normalize

__all__ = ["MAX_CHARS", "ParsedVote", "parse_vote_text"]

#: Longer texts are refused: a press release with every UN member named runs to a few
#: thousand characters.
MAX_CHARS = 200_000

_LONGEST_NAME = 10  # words: "United Kingdom of Great Britain and Northern Ireland" has 8
_NAME_LIKE_WORDS = 6
_LABEL_LINE = 120  # characters: a label alone on a line ("Abstentions (16):") is short
_PROSE_REACH = 2_000  # characters a run of names may reach back before "voted against"

# Label words, one group per position. "no vote recorded" must come before "no".
_FAMILIES: tuple[tuple[str, str], ...] = (
    (
        "not_voting",
        r"no\s+vote(?:\s+was)?\s+recorded|not\s+voting|non-?voting"
        r"|did\s+not\s+(?:vote|participate)|not\s+participating",
    ),
    ("absent", r"absent|not\s+present"),
    # "renounced" is how machine-translated news renders "abstained" (see _RENOUNCED)
    ("abstain", r"abstain(?:ed|ing|s|ers?)?|abstentions?|renounced"),
    ("yes", r"in\s+favou?r|yes|vot(?:ed|ing|es?)\s+(?:for|to\s+adopt)"),
    ("no", r"against|no|opposed"),
)
_KW = re.compile(
    # A count may follow a label without a space ("Yes28").
    "|".join(rf"(?P<{pos}>(?<![\w-])(?:{rx})(?![^\W\d_]|[-_]))" for pos, rx in _FAMILIES),
    re.IGNORECASE,
)
_OBJECT = r"(?:draft\s+)?(?:resolution|motion|text|decision|proposal|amendment)"
# What may stand between a label and its list: a count, "the resolution", then a delimiter.
_GAP = re.compile(
    rf"""
    [”"’']?
    (?:[ \t]*(?:\(\s*\d+\s*\)|\d+(?![\d.,])))?
    (?:\s+(?:it|the\s+{_OBJECT}|of\s+the\s+{_OBJECT}|from\s+voting|come\s+from
       |(?:in|on)\s+(?:both|all|each)\s+(?:cases|votes|texts)))*
    (?:
        [ \t]*(?::|\?(?=[ \t]*(?:\n|$))|[-–—](?=\s)|\()
      | \s+(?:were|are|was|include[ds]?|including|by)\b[ \t]*:?
    )
    (?:[ \t]*\d+(?=\s*\())?
    [ \t]*(?:\(\s*)?(?:including\s+)?
    (?:the\s+(?:governments?|delegations?|representatives?)\s+of\s+)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_KW_ONLY_LINE = re.compile(
    rf"(?:{'|'.join(rx for _, rx in _FAMILIES)})"
    r"\s*(?:\(\s*\d+\s*\)|[:\-–—]?\s*\d+)?\s*[:.]?",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[ \t]*(?:[-•*–·▪◦‣]|\d{1,3}[.)])?[ \t]*")
_TAIL = re.compile(
    r"""(?<![\w-])(?:have\s+|had\s+|all\s+|both\s+)?
    (?:
        vot(?:ed|e|es)\s+(?P<kw>in\s+favou?r|for|against|yes|no)
      | (?P<abstain>abstained)
      | (?:were|was)\s+(?P<absent>absent|not\s+present)
      | (?P<backed>backed|supported)\s+(?:it|the\s+(?:draft\s+)?(?:resolution|motion|text
        |decision|proposal|amendment))
    )(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
# Words before a list saying it names only some of the members ("Abstainers included").
_PARTIAL = re.compile(r"\b(?:includ(?:ed|es|e|ing)|among\s+them|such\s+as)\b", re.I)
_TAIL_POSITION = {"for": "yes", "yes": "yes", "against": "no", "no": "no"}
_BESIDES = re.compile(
    r"^\s*(?:besides|apart\s+from|in\s+addition\s+to|other\s+than)\s+(?P<names>.+?),\s+"
    r"(?:the\s+)?(?:other\s+)?(?:countries|states|members|delegations|governments)\b",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset(
    {"st", "ste", "sts", "mt", "dem", "rep", "fed", "is", "isl", "rp", "eq", "trin", "equat"}
)
_QUOTES = '"“”«»„'

_UNITS = {
    word: i
    for i, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    word: 10 * i
    for i, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
_NUMWORD = "|".join(sorted([*_UNITS, *_TENS, "hundred"], key=len, reverse=True))
# At most five number words ("one hundred and twenty-three" has four): a run of number
# words is never read from every one of its words to its end (that would be quadratic).
_NUMBER = (
    rf"(?:\d{{1,9}}(?!\d)|(?<![^\W\d_])(?:{_NUMWORD})"
    rf"(?:[\s-]{{1,3}}(?:and[\s-]{{1,3}})?(?:{_NUMWORD})){{0,4}})(?![\w-])"
)
_HEDGE = re.compile(
    r"(?:more\s+than|over|about|around|some|nearly|almost|at\s+least|fewer\s+than"
    r"|less\s+than|up\s+to|roughly|approximately|close\s+to)\s+$",
    re.IGNORECASE,
)
_NOUN = (
    r"(?:votes?|countries|country|states?|member\s+states?|members?|delegations?"
    r"|governments?|governors?|nations?|delegates?|representatives?)"
)
_STATED_LABEL = (
    r"(?P<label>in\s+favou?r|against|abstentions?|abstaining|abstained|abstain"
    r"|supported|opposed|agreed|objected|(?:was|were)\s+(?:absent|not\s+present)|absent"
    r"|not\s+voting|did\s+not\s+vote|(?<=voted\s)(?:for|yes|no))"
)
_STATED = (
    # "141 in favour", "five votes against", "Twenty-six countries voted in favour"
    # "eight including Pakistan and India abstained"
    re.compile(
        rf"(?<![\w.=-])(?P<n>{_NUMBER})\s+(?:{_NOUN}\s+(?:of\s+the\s+[\w'’-]+\s+)?)?"
        rf"(?:(?:were\s+cast|that|which|who|have|has|had|were)\s+)*"
        rf"(?:including\s+[^.;:()\[\]\n]{{1,150}}?\s+)?"
        rf"(?:vot(?:ed|ing)\s+)?{_STATED_LABEL}(?![\w=-])",
        re.IGNORECASE,
    ),
    # "Forty-two of the governing council representatives voted in favour"
    re.compile(
        rf"(?<![\w.-])(?P<n>{_NUMBER})\s+of\s+the\s+(?:[\w'’-]+\s+){{0,4}}?{_NOUN}\s+"
        rf"(?:have\s+|had\s+)?(?:vot(?:ed|ing)\s+)?{_STATED_LABEL}(?![\w-])",
        re.IGNORECASE,
    ),
    # "backed by 141 of the assembly's 193 members"
    re.compile(rf"\b(?:backed|supported)\s+by\s+(?P<yes>{_NUMBER})(?!\s+votes?\s+to)", re.I),
    # "In favour (21)", "In favour: 29 (", "Yes - 28", "Yes28"
    re.compile(
        r"(?<![\w-])(?P<label>in\s+favou?r|yes|against|no|abstentions?|abstain(?:ed|ing)?"
        r"|absent|non-?voting|not\s+voting)"
        r"(?:[ \t]*\(\s*(?P<n>\d+)\s*\)|[ \t]*[:\-–—][ \t]*(?P<n2>\d+)(?![\d/.:-])"
        r"|(?P<n3>\d+)(?!\d))",
        re.IGNORECASE,
    ),
    # "by 80 votes to nine", "voted 93 to 24", "by a vote of 93 to 24"
    re.compile(
        rf"\b(?:by|voted|by\s+a\s+vote\s+of)\s+(?P<yes>{_NUMBER})\s+(?:votes?\s+)?to"
        rf"\s+(?P<no>{_NUMBER})",
        re.I,
    ),
    # "37 y 2 n 7abst"
    re.compile(r"(?P<yes>\d+)\s*y\s+(?P<no>\d+)\s*n\s+(?P<abstain>\d+)\s*abst?\b", re.I),
    # "No vote was recorded from 13 countries"
    re.compile(
        rf"no\s+vote\s+(?:was\s+)?recorded\s+(?:from|for)\s+(?P<not_voting>{_NUMBER})", re.I
    ),
    # "2 [Russia and China] against"
    re.compile(
        rf"(?P<n>{_NUMBER})\s*\[[^\[\]\n]{{1,300}}\]\s*(?P<label>against|abstained"
        r"|abstentions?|in\s+favou?r|for|absent)(?![\w-])",
        re.IGNORECASE,
    ),
)
_BRACKET = re.compile(
    r"\[(?P<inner>[^\[\]\n]{1,300})\]\s*(?P<label>against|abstained|abstentions?|in\s+favou?r"
    r"|for|absent)(?![\w-])",
    re.IGNORECASE,
)


@dataclass
class ParsedVote:
    """What a vote text says: named positions, stated totals, and where they disagree.

    Attributes
    ----------
    positions
        One row per member named with one position: ``member`` (as written),
        ``member_id``, ``position`` (the kit's ordered categorical). A member listed
        under two positions is left out (and named in ``mismatches``).
    stated
        The totals the text states, by position; ``None`` where it states none.
    named
        How many distinct members the text names under each position (a member listed
        under two positions counts under both).
    mismatches
        Every stated total that differs from the names counted, every name listed twice
        in one list or under two positions, conflicting totals, and "no list of members
        was found" when nothing was read.
    partial
        Positions whose list the text itself presents as a selection ("Abstainers
        included …", "… such as …"): the members it names are some of them, not all.
    stated_quote
        The passage of the text that states the totals, or ``None``.
    notes
        How the text was read where that was not plain: names split at a missing
        separator, names repeated in several passages, suggestions accepted.
    accepted
        The suggestions taken with ``accept_suggestions=True``.
    """

    positions: pd.DataFrame
    stated: dict[str, int | None]
    named: dict[str, int]
    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    accepted: list[NameMatch] = field(default_factory=list)
    _quotes: dict[str, str] = field(default_factory=dict, repr=False)
    partial: list[str] = field(default_factory=list)
    stated_quote: str | None = None

    @property
    def contradictions(self) -> dict[str, tuple[int, int]]:
        """Positions for which the lists name more members than the text states.

        ``{position: (stated, named)}``: the text contradicts itself there.
        """
        return {
            pos: (total, self.named[pos])
            for pos, total in self.stated.items()
            if total is not None and self.named[pos] > total
        }

    @property
    def unnamed(self) -> dict[str, int]:
        """How many members of each stated total the text does not name (partial knowledge)."""
        return {
            pos: total - self.named[pos]
            for pos, total in self.stated.items()
            if total is not None and self.named[pos] < total
        }

    def positions_table(
        self, vote_id: str, source_url: str | None = None, source_quote: str | None = None
    ) -> pd.DataFrame:
        """The positions as rows of the kit's ``positions`` table.

        ``source_quote`` defaults, row by row, to the passage of the text that names
        the member; ``notes`` records accepted suggestions.
        """
        p = self.positions
        written = {m.name: m for m in self.accepted}
        notes = [
            f"written '{m}'; read as the closest known name '{written[m].known_name}'"
            if m in written
            else None
            for m in p["member"]
        ]
        quotes = [source_quote or self._quotes.get(mid) for mid in p["member_id"]]
        table = pd.DataFrame(
            {
                "vote_id": pd.array([vote_id] * len(p), dtype="str"),
                "member_id": p["member_id"].astype("str"),
                "member": p["member"].astype("str"),
                "constituency": pd.array(["state"] * len(p), dtype="str"),
                "position": p["position"],
                "source_url": pd.array([source_url] * len(p), dtype="str"),
                "source_quote": pd.array(quotes, dtype="str"),
                "notes": pd.array(notes, dtype="str"),
            }
        )
        return table[POSITIONS_TABLE.columns]


@dataclass(frozen=True)
class _Item:
    written: str
    member_id: str
    start: int
    end: int
    guess: NameMatch | None = None


@dataclass
class _List:
    position: str
    start: int
    end: int
    items: list[_Item]
    partial: bool = False  # the text says the list names only some ("included")


def parse_vote_text(
    text: str, *, accept_suggestions: bool = False, source: str | None = None
) -> ParsedVote:
    """Read who voted how from a pasted vote text.

    Parameters
    ----------
    text
        The text, as copied from a press release, report or post.
    accept_suggestions
        Take the closest known name for a name the kit does not know, when it is close
        enough, instead of raising; each one is reported in ``notes`` and ``accepted``.
    source
        File name to put in error messages.

    Returns
    -------
    ParsedVote

    Raises
    ------
    VoteDataError
        Only for names in a labelled list that the kit does not know (all of them,
        with the line they are on and the closest known names), or a text over
        ``MAX_CHARS``.

    Examples
    --------
    >>> vote = parse_vote_text(
    ...     "adopted by a recorded vote of 3 in favour to 1 against, with 1 abstention, "
    ...     "as follows: In favour: Chile, Viet Nam and Iran (Islamic Republic of). "
    ...     "Against: Russian Federation. Abstain: China."
    ... )
    >>> vote.positions["member_id"].tolist(), vote.positions["position"].tolist()
    (['CHL', 'VNM', 'IRN', 'RUS', 'CHN'], ['yes', 'yes', 'yes', 'no', 'abstain'])
    >>> vote.stated["yes"], vote.named["yes"], vote.mismatches
    (3, 3, [])
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_vote_text reads a str, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise VoteDataError.at(
            source,
            found=f"a text of {len(text):,} characters",
            expected=f"at most {MAX_CHARS:,} characters",
        )
    body = _clean(text)
    reader = _Reader(body, accept_suggestions, source)
    lists = reader.read()
    if reader.problems:
        raise VoteDataError(reader.problems)
    stated, conflicts, spans = _stated_totals(body)
    vote = _assemble(body, lists, stated, conflicts, reader.notes)
    vote.partial = sorted({lst.position for lst in lists if lst.partial}, key=POSITIONS.index)
    if spans:
        a, b = min(spans)[0], max(e for _, e in spans)
        if b - a > 400:
            a, b = min(spans)
        vote.stated_quote = _squash(body[_boundary_before(body, a, max(0, a - 200)) : b])
    if any(lst.position == "abstain" for lst in lists) and _RENOUNCED.search(body):
        vote.notes.append(
            "'renounced' read as 'abstained' (the word machine translation gives for it)"
        )
    return vote


_RENOUNCED = re.compile(r"\brenounced\b", re.IGNORECASE)


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    return re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)


# --- names in a stretch of text ---------------------------------------------------


def _starts_name(words: list[str], i: int) -> bool:
    word = words[i].lstrip("(\"“‘'")
    if word[:1].isupper():
        return True
    return word == "the" and i + 1 < len(words) and words[i + 1].lstrip('("“')[:1].isupper()


def _segment(words: list[str], keys: list[str]) -> list[list[tuple[int, int, str]] | None]:
    """Fewest-names readings of every prefix of ``words``: best[j] covers words[:j]."""
    n = len(words)
    best: list[list[tuple[int, int, str]] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        if keys[i] in ("", "and") and (best[i + 1] is None or len(here) < len(best[i + 1] or [])):
            best[i + 1] = here
        if not _starts_name(words, i):
            continue
        for j in range(i + 1, min(n, i + _LONGEST_NAME) + 1):
            if not keys[j - 1] and ")" not in words[j - 1]:
                continue
            mid = lookup(" ".join(words[i:j]))
            if mid is None:
                continue
            cand = [*here, (i, j, mid)]
            current = best[j]
            if current is None or len(cand) < len(current):
                best[j] = cand
    return best


def _words(chunk: str) -> tuple[list[str], list[int]]:
    found = list(re.finditer(r"\S+", chunk))
    return [m.group() for m in found], [m.start() for m in found]


def _tidy(written: str) -> str:
    written = written.strip(" ,;:.\n")
    for opening, closing in (("(", ")"), ("[", "]")):
        while written.endswith(closing) and written.count(closing) > written.count(opening):
            written = written[:-1].rstrip()
        while written.startswith(opening) and written.count(opening) > written.count(closing):
            written = written[1:].lstrip()
    written = written.strip(_QUOTES + "‘’' ")
    written = re.sub(r"(?:[*†‡§]+|(?<=[^\W\d_])\d{1,2})$", "", written).rstrip()
    return written[4:] if written.startswith("the ") else written


def _items(
    chunk: str, offset: int, spans: list[tuple[int, int, str]], words: list[str], starts: list[int]
) -> list[_Item]:
    out = []
    for i, j, mid in spans:
        a, b = starts[i], starts[j - 1] + len(words[j - 1])
        out.append(_Item(_tidy(chunk[a:b]), mid, offset + a, offset + b))
    return out


def _whole(chunk: str, offset: int) -> list[_Item] | None:
    """The names a chunk holds, if it is nothing but names."""
    words, starts = _words(chunk)
    if not words:
        return None
    keys = [normalize(w) for w in words]
    best = _segment(words, keys)[len(words)]
    if not best:
        return None
    return _items(chunk, offset, best, words, starts)


def _prefix(chunk: str, offset: int) -> list[_Item] | None:
    """Names at the start of a chunk followed by words that are plainly not a name."""
    words, starts = _words(chunk)
    keys = [normalize(w) for w in words]
    best = _segment(words, keys)
    for j in range(len(words) - 1, 0, -1):
        spans = best[j]
        if spans and _not_a_name(words[j]):
            return _items(chunk, offset, spans, words, starts)
    return None


def _suffix(chunk: str, offset: int) -> list[_Item] | None:
    """The longest run of names that ends a chunk ("One diplomat said Russia and China").

    One pass from the end: ``names[i]`` says whether words[i:] reads as nothing but names
    (with "and" between them) and holds at least one, so the work grows with the chunk.
    """
    words, starts = _words(chunk)
    keys = [normalize(w) for w in words]
    n = len(words)
    whole = [False] * (n + 1)  # words[i:] is names, "and" and empty words only
    named = [False] * (n + 1)  # ... and holds at least one name
    whole[n] = True
    for i in range(n - 1, -1, -1):
        if keys[i] in ("", "and") and whole[i + 1]:
            whole[i], named[i] = True, named[i + 1]
        if not _starts_name(words, i):
            continue
        for j in range(i + 1, min(n, i + _LONGEST_NAME) + 1):
            if not whole[j] or (not keys[j - 1] and ")" not in words[j - 1]):
                continue
            if lookup(" ".join(words[i:j])) is not None:
                whole[i] = named[i] = True
                break
    for i in range(n):
        if named[i] and _starts_name(words, i):
            return _whole(chunk[starts[i] :], offset + starts[i])
    return None


_LINKS = frozenset({"and", "of", "the", "de", "del", "da", "du", "des", "y", "et"})


def _described(chunk: str, offset: int) -> list[_Item] | None:
    """A name after words describing it ("Russia’s regional ally Belarus"), if any.

    Only a chunk holding a lower-case word that is not part of a name ("of", "and" …)
    is read so: a misspelt name stays an error.
    """
    words = chunk.split()
    if not any(w[:1].islower() and w.lower() not in _LINKS for w in words):
        return None
    return _suffix(chunk, offset)


def _not_a_name(word: str) -> bool:
    first = word.lstrip("(\"“‘'")[:1]
    return (
        not first.isalpha()
        or first.islower()
        or "://" in word
        or _KW.fullmatch(word.strip(",.:;")) is not None
    )


def _name_like(chunk: str) -> bool:
    """Whether an unknown chunk looks like a name someone meant (and not prose)."""
    text = re.sub(r"^the\s+", "", chunk.strip(), flags=re.IGNORECASE)
    words = text.split()
    return (
        0 < len(words) <= _NAME_LIKE_WORDS
        and text[:1].isupper()
        and not re.search(r"\d|[?:!]$", text)
        and _KW.search(text) is None
    )


# --- finding the lists ---------------------------------------------------------------


class _Reader:
    def __init__(self, text: str, accept: bool, source: str | None) -> None:
        self.text = text
        self.accept = accept
        self.source = source
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.split: list[str] = []  # chunks read as several names (a separator missing)
        self.taken: list[tuple[int, int]] = []

    def read(self) -> list[_List]:
        found: list[_List] = []
        for m in _KW.finditer(self.text):
            if self._inside(m.start()):
                continue
            lst = self._labelled(m)
            if lst is not None and lst.items:
                found.append(lst)
                bisect.insort(self.taken, (lst.start, lst.end))
        for m in _BRACKET.finditer(self.text):
            if self._inside(m.start()):
                continue
            items, _ = self._chunks(
                m.start("inner"), m.end("inner"), _label_position(m.group("label"))
            )
            if items:
                found.append(_List(_label_position(m.group("label")), m.start(), m.end(), items))
                bisect.insort(self.taken, (m.start(), m.end()))
        found += self._prose()
        found.sort(key=lambda lst: lst.start)
        if self.split:
            shown = ", ".join(f"'{c}'" for c in self.split[:5])
            more = f" and {len(self.split) - 5} more" if len(self.split) > 5 else ""
            self.notes.append(
                f"read as several names each, a separator seeming missing: {shown}{more}"
            )
        return found

    def _inside(self, at: int) -> bool:
        i = bisect.bisect_right(self.taken, (at, len(self.text) + 1))
        return any(a <= at < b for a, b in self.taken[max(0, i - 2) : i])

    def _line_no(self, at: int) -> int:
        return self.text.count("\n", 0, at) + 1

    # labelled lists

    def _labelled(self, m: re.Match[str]) -> _List | None:
        position = str(m.lastgroup)
        text = self.text
        gap = _GAP.match(text, m.end())
        line_end = _line_end(text, m.end())
        if gap is None or "\n" in text[m.end() : gap.end()].rstrip(" \t("):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if line_end - line_start > _LABEL_LINE:
                return None  # a label alone on its line is short
            line = _BULLET.sub("", text[line_start:line_end]).strip()
            if not _KW_ONLY_LINE.fullmatch(line):
                return None
            return self._lines(position, m.start(), line_end + 1)
        after = gap.end()
        if text[after:line_end].strip() == "" and not gap.group().rstrip().endswith("("):
            return self._lines(position, m.start(), line_end + 1)
        while after < len(text) and text[after] in " \t":
            after += 1
        if gap.group().rstrip(" \t").endswith("(") or text[after - 1 : after] == "(":
            end = _closing(text, after)
            items, _ = self._chunks(after, end, position)
            lst = _List(position, m.start(), min(end + 1, len(text)), items)
        else:
            end = _sentence_end(text, after)
            items, _ = self._chunks(after, end, position)
            closed = end < len(text) and text[end] in ".)"
            lst = _List(position, m.start(), end + 1 if closed else end, items)
        if items:
            lst.items = self._besides(m.start(), position) + lst.items
            lst.partial = _PARTIAL.search(gap.group()) is not None
        return lst

    def _lines(self, position: str, start: int, at: int) -> _List | None:
        """A list laid out one line (or one comma list) per line after its label."""
        text = self.text
        items: list[_Item] = []
        end = at
        blank = False
        while at < len(text):
            line_end = _line_end(text, at)
            raw = text[at:line_end]
            bullet = _BULLET.match(raw)
            lead = bullet.end() if bullet else 0
            line = raw[lead:].strip()
            if line:
                kw = _KW.search(line)
                if kw is not None and (
                    _GAP.match(line, kw.end()) is not None or _KW_ONLY_LINE.fullmatch(line)
                ):
                    break
                # After a blank line an unknown line may be a new paragraph, not a name.
                strict = not items or not blank
                got, stopped = self._chunks(at + lead, line_end, position, strict=strict)
                if not got:
                    break
                items += got
                end = line_end
                if stopped:
                    break
            blank = not line
            at = line_end + 1
        return _List(position, start, end, items) if items else None

    def _chunks(
        self, a: int, b: int, position: str, *, strict: bool = True
    ) -> tuple[list[_Item], bool]:
        """Names in text[a:b], separated by commas, semicolons or "and".

        Returns the items and whether the list stopped early (at prose). An unknown
        name is an error, except at the start of a chunk list that is not ``strict``.
        """
        chunks = _split(self.text, a, b)
        items: list[_Item] = []
        i = 0
        while i < len(chunks):
            i, covered = self._cover(chunks, i)
            items += covered
            if i == len(chunks):
                break
            s, e = chunks[i]
            chunk = self.text[s:e]
            got = _prefix(chunk, s)
            if got is not None:
                return items + got, True
            if not _name_like(chunk) or (not items and not strict):
                return items, True
            described = _described(chunk, s)
            if described:
                self.notes.append(
                    f"'{', '.join(d.written for d in described)}' read from "
                    f"'{_squash(chunk)}' (line {self._line_no(s)})"
                )
                items += described
            else:
                items += self._unknown(chunk, s, position)
            i += 1
        return items, False

    def _cover(self, chunks: list[tuple[int, int]], start: int) -> tuple[int, list[_Item]]:
        """The longest run of chunks from ``start`` that reads as names: (end, items).

        A name written with commas ("Korea, Republic of") spans several chunks; a chunk
        of nothing but an article ("Bahamas, The") belongs to the name before it.
        """
        # best[j] = (names used, previous chunk index, names of the step to j)
        best: dict[int, tuple[int, int, list[_Item]]] = {start: (0, start, [])}
        for i in range(start, len(chunks)):
            if i not in best:
                continue
            for k in (1, 2, 3):
                if i + k > len(chunks):
                    break
                s, e = chunks[i][0], chunks[i + k - 1][1]
                text = self.text[s:e]
                if k > 1 and self._across_semicolon(chunks[i : i + k]):
                    continue  # names are written with commas ("Korea, Republic of"), never ";"
                if k == 1 and not normalize(text):
                    got: list[_Item] | None = []
                else:
                    got = _whole(text, s)
                cuts = [c[1] for c in chunks[i : i + k - 1]]
                if got is None or not all(
                    any(g.start < cut < g.end - 1 for g in got) for cut in cuts
                ):
                    continue
                used = best[i][0] + len(got)
                if i + k not in best or used < best[i + k][0]:
                    best[i + k] = (used, i, got)
        end = max(best)
        steps = []
        at = end
        while at != start:
            _, before, got = best[at]
            text = self.text[chunks[before][0] : chunks[at - 1][1]]
            if len(got) > 1 and not re.search(r"\band\b|&|[,;]", text, re.IGNORECASE):
                self.split.append(_squash(text))
            steps.append(got)
            at = before
        self.split.reverse()
        return end, [item for got in reversed(steps) for item in got]

    def _across_semicolon(self, run: list[tuple[int, int]]) -> bool:
        """Whether a run of chunks is separated by a semicolon anywhere inside it."""
        return any(";" in self.text[a[1] : b[0]] for a, b in itertools.pairwise(run))

    def _unknown(self, chunk: str, at: int, position: str) -> list[_Item]:
        name = _tidy(chunk)
        guess = best_guess(name) if self.accept else None
        if guess is not None:
            self.notes.append(
                f"'{name}' (line {self._line_no(at)}) read as '{guess.known_name}' "
                f"({guess.member_id}), the closest known name"
            )
            return [_Item(name, guess.member_id, at, at + len(chunk), guess)]
        close = closest_description(name)
        expected = f"a member name the kit knows (in a '{position}' list)"
        if close:
            expected += "; closest: " + close
        self.problems.append(Problem(self.source, self._line_no(at), None, name, expected))
        return []

    def _besides(self, label_at: int, position: str) -> list[_Item]:
        """ "Besides Russia, the countries voting against … included …" names Russia too."""
        start = _boundary_before(self.text, label_at)
        m = _BESIDES.match(self.text[start:label_at])
        if m is None:
            return []
        a = start + m.start("names")
        got, _ = self._chunks(a, start + m.end("names"), position)
        return got

    # prose

    def _prose(self) -> list[_List]:
        found = []
        previous = 0  # names before a verb never reach back past the verb before it
        for m in _TAIL.finditer(self.text):
            at = m.start()
            floor, previous = max(previous, at - _PROSE_REACH), m.end()
            if self._inside(at):
                continue
            if m.group("kw"):
                position = _TAIL_POSITION.get(m.group("kw").split()[0].lower(), "yes")
            elif m.group("abstain"):
                position = "abstain"
            elif m.group("backed"):
                position = "yes"
            else:
                position = "absent"
            start = _boundary_before(self.text, at, floor)
            chunks = _split(self.text, start, at)
            items: list[_Item] = []
            for s, e in reversed(chunks):
                chunk = self.text[s:e]
                got = _whole(chunk, s)
                if got is None:
                    got = _suffix(chunk, s)
                    if got:
                        items = got + items
                    break
                items = got + items
            items = [it for it in items if not self._inside(it.start)]
            if items:
                found.append(_List(position, items[0].start, m.end(), items))
        return found


def _label_position(label: str) -> str:
    m = _KW.fullmatch(label.strip())
    return str(m.lastgroup) if m else "yes" if label.lower() == "for" else "no"


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _closing(text: str, at: int) -> int:
    """Index of the parenthesis closing the one just before ``at`` (or the text's end)."""
    depth = 1
    for i in range(at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return len(text)


def _is_stop(text: str, i: int) -> bool:
    """Whether the full stop at ``i`` ends a sentence (not "St." or "U.S.")."""
    if i + 1 < len(text) and not text[i + 1].isspace():
        return False
    word = re.search(r"[\w.]*$", text[max(0, i - 40) : i])
    before = word.group() if word else ""
    return not (before.lower() in _ABBREVIATIONS or len(before) == 1 or "." in before)


def _sentence_end(text: str, at: int) -> int:
    """End of an inline list: a sentence end, a colon, a quote or a line break."""
    depth = 0
    i = at
    while i < len(text):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0:
            if c in _QUOTES or c in ":!?[]":
                return i
            if c == "." and _is_stop(text, i):
                return i
            if c == "\n":
                before = text[at:i].rstrip()
                if not (before.endswith(",") or re.search(r"\band$", before, re.I)):
                    return i
        i += 1
    return len(text)


def _boundary_before(text: str, at: int, floor: int = 0) -> int:
    """Start of the clause that ends at ``at``: after a sentence end, colon, quote, dash …

    The search stops at ``floor`` (and returns it) when no boundary comes first.
    """
    i = at - 1
    while i >= floor:
        c = text[i]
        if c in "\n!?:;()[]—–" + _QUOTES:
            return i + 1
        if c == "." and _is_stop(text, i):
            return i + 1
        if c == "-" and text[i - 1 : i] == " " and text[i + 1 : i + 2] == " ":
            return i + 1
        i -= 1
    return floor


def _split(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Comma- and semicolon-separated chunks of text[a:b] (outside parentheses)."""
    out = []
    depth = 0
    start = a
    for i in range(a, b):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(depth - 1, 0)
        elif c in ",;" and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, b))
    chunks = []
    for s, e in out:
        piece = text[s:e]
        lead = re.match(r"\s*(?:(?:and|&)\s+)?", piece)
        s += lead.end() if lead else 0
        piece = text[s:e].rstrip()
        e = s + len(piece.rstrip(" ."))
        if e > s:
            chunks.append((s, e))
    return chunks


def _some(names: list[str], shown: int = 40) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- totals --------------------------------------------------------------------------


def _number(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            return None
    return total + current


def _stated_label(label: str) -> str:
    label = " ".join(label.lower().split())
    if label.startswith(("not ", "non", "did not")):
        return "not_voting"
    if "absent" in label or "present" in label:
        return "absent"
    if label.startswith("abst"):
        return "abstain"
    if label.startswith(("against", "no", "opposed", "objected")):
        return "no"
    return "yes"


def _stated_totals(
    text: str,
) -> tuple[dict[str, int | None], list[str], list[tuple[int, int]]]:
    found: list[tuple[int, str, int]] = []
    spans: list[tuple[int, int]] = []
    for rx in _STATED:
        for m in rx.finditer(text):
            groups = m.groupdict()
            if _HEDGE.search(text[max(0, m.start() - 20) : m.start()]):
                continue
            if groups.get("label"):
                raw = groups.get("n") or groups.get("n2") or groups.get("n3")
                value = _number(raw) if raw else None
                if value is not None:
                    found.append((m.start(), _stated_label(groups["label"]), value))
                    spans.append(m.span())
            for pos in ("yes", "no", "abstain", "not_voting"):
                if groups.get(pos):
                    value = _number(groups[pos])
                    if value is not None:
                        found.append((m.start(pos), pos, value))
                        spans.append(m.span())
    found.sort()
    stated: dict[str, int | None] = dict.fromkeys(POSITIONS)
    others: dict[str, set[int]] = defaultdict(set)
    for _, pos, value in found:
        if stated[pos] is None:
            stated[pos] = value
        elif stated[pos] != value:
            others[pos].add(value)
    conflicts = [
        f"{pos}: the text states more than one total ({stated[pos]}, "
        + ", ".join(str(v) for v in sorted(vals))
        + f"); {stated[pos]} is kept"
        for pos, vals in others.items()
    ]
    return stated, conflicts, spans


# --- putting it together -------------------------------------------------------------


def _assemble(
    text: str,
    lists: list[_List],
    stated: dict[str, int | None],
    conflicts: list[str],
    notes: list[str],
) -> ParsedVote:
    mismatches = list(conflicts)
    first: dict[str, _Item] = {}
    quote: dict[str, str] = {}
    positions: dict[str, list[str]] = defaultdict(list)  # member -> positions, in order
    passages: dict[tuple[str, str], int] = defaultdict(int)
    accepted: list[NameMatch] = []
    for lst in lists:
        here: dict[str, _Item] = {}
        twice = []
        for item in lst.items:
            if item.guess is not None:
                accepted.append(item.guess)
            if item.member_id in here:
                twice.append(item.written)
                continue
            here[item.member_id] = item
        if twice:
            mismatches.append(f"named twice in one '{lst.position}' list: " + ", ".join(twice))
        for mid, item in here.items():
            first.setdefault(mid, item)
            quote.setdefault(mid, _squash(text[lst.start : lst.end]))
            if lst.position not in positions[mid]:
                positions[mid].append(lst.position)
            passages[(mid, lst.position)] += 1
    repeated = defaultdict(list)
    for (mid, pos), count in passages.items():
        if count > 1:
            repeated[pos].append(first[mid].written)
    for pos, who in repeated.items():
        notes.append(f"named as '{pos}' in more than one passage: " + _some(who))
    rows = []
    for mid, item in sorted(first.items(), key=lambda kv: kv[1].start):
        held = positions[mid]
        if len(held) > 1:
            mismatches.append(
                f"{item.written} ({mid}) is listed as "
                + " and as ".join(held)
                + "; left out of the positions"
            )
            continue
        rows.append((item.written, mid, held[0]))
    named = {pos: sum(pos in held for held in positions.values()) for pos in POSITIONS}
    for pos in POSITIONS:
        total = stated[pos]
        if total is not None and total != named[pos]:
            mismatches.append(f"{pos}: the text states {total}, the lists name {named[pos]}")
    if not lists:
        mismatches.append("no list of members was found in the text")
    frame = pd.DataFrame(
        {
            "member": pd.array([r[0] for r in rows], dtype="str"),
            "member_id": pd.array([r[1] for r in rows], dtype="str"),
            "position": pd.Categorical([r[2] for r in rows], dtype=POSITION_DTYPE),
        }
    )
    return ParsedVote(frame, stated, named, mismatches, notes, accepted, quote)
