"""Word-frequency lexicon and best-segmentation scores shared by the typo kinds.

The lexicon is jieba's dict.txt (a runtime dependency), read without jieba's
tokenizer (or even importing jieba), plus words.txt (modern 公文 terms jieba lacks),
and cached as a pickle in the user's cache folder (~/.cache/draftlint, written by this
code only) so a cold run pays well under 0.1 s, and only when a document has Chinese
text. Entries with frequency <= 3 are treated as unknown:
several of them are typos (e.g. a rare "律已"-like entry must not vouch for itself).
"""

from __future__ import annotations

import array
import hashlib
import importlib.util
import math
import pickle
import threading
from pathlib import Path

from ..cache import KEEP_VERSIONS, write_cache  # noqa: F401 - re-exported for the kinds
from ..cache import cache_dir as _cache_dir

# jieba counts <= this are noise (typos and OCR junk live there).
MIN_COUNT = 4
# Words longer than this never matter for a ±5 character window.
MAX_WORD = 6
_VERSION = 4


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def has_han(text: str) -> bool:
    """True when `text` holds at least one CJK ideograph."""
    return any(_is_han(ch) for ch in text)


class Lexicon:
    """Log-probabilities of words, and a best-segmentation score for short windows."""

    def __init__(self, logp: dict[str, float], log_total: float,
                 prefixes: frozenset[str] | None = None):
        self.logp = logp
        self.log_total = log_total
        # Strings of two or more characters that begin a longer word without being one
        # ("全心全" of 全心全意): the segmenter stops extending a fragment that is neither a
        # word nor such a prefix, so random text costs about one lookup per character.
        self.prefixes = prefixes if prefixes is not None else word_prefixes(logp)
        # An unknown character costs more than the rarest known word.
        self.unknown = math.log(0.5) - log_total
        self.max_word = MAX_WORD

    def count(self, word: str) -> int:
        """The corpus count of `word` (0 when unknown or too rare to trust)."""
        p = self.logp.get(word)
        return 0 if p is None else round(math.exp(p + self.log_total))

    def best_path(self, text: str) -> tuple[list[float], list[int]]:
        """Best-segmentation scores of every prefix of `text` and the length of the last
        word of each (unigram model; a non-Han character costs nothing)."""
        logp = self.logp
        prefixes = self.prefixes
        unk = self.unknown
        n = len(text)
        max_word = self.max_word
        best = [0.0] + [-1e300] * n
        back = [1] * (n + 1)
        for j in range(n):
            bj = best[j]
            ch = text[j]
            p = logp.get(ch)
            if p is None:
                p = unk if _is_han(ch) else 0.0
            v = bj + p
            if v > best[j + 1]:
                best[j + 1] = v
                back[j + 1] = 1
            # Extend the word starting at j while it is still a word or a word's prefix.
            top = j + max_word if j + max_word < n else n
            k = j + 2
            while k <= top:
                frag = text[j:k]
                p = logp.get(frag)
                if p is None:
                    if frag not in prefixes:
                        break
                else:
                    v = bj + p
                    if v > best[k]:
                        best[k] = v
                        back[k] = k - j
                k += 1
        return best, back

    def score(self, text: str) -> float:
        """Log-probability of the best segmentation of `text` (unigram model)."""
        return self.best_path(text)[0][len(text)]


def word_prefixes(logp: dict[str, float]) -> frozenset[str]:
    """Every proper prefix of two or more characters of a word that is not a word itself."""
    out = set()
    for w in logp:
        for k in range(2, len(w)):
            if w[:k] not in logp:
                out.add(w[:k])
    return frozenset(out)


def _jieba_dict() -> Path | None:
    """jieba's dict.txt, found without importing jieba (its import alone costs ~0.1 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "dict.txt"
        if path.is_file():
            return path
    return None


def _read_counts(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2:
                try:
                    c = int(parts[1])
                except ValueError:
                    continue
                if c >= MIN_COUNT and len(parts[0]) <= MAX_WORD:
                    counts[parts[0]] = c
    return counts


EXTRA_WORDS = Path(__file__).resolve().parent / "words.txt"
KNOWN_TYPOS = Path(__file__).resolve().parent / "typos.txt"


def _drop_typos(counts: dict[str, int]) -> None:
    """Remove the wrong forms of typos.txt (震憾, 松驰) that jieba counts as words."""
    with open(KNOWN_TYPOS, encoding="utf-8") as f:
        for line in f:
            word = line.split("#")[0].strip()
            if word:
                counts.pop(word, None)


def _read_extra(counts: dict[str, int]) -> None:
    """Add the modern 公文 words of words.txt (抗疫, 银保监会) that jieba lacks."""
    with open(EXTRA_WORDS, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2 and not line.startswith("#"):
                counts[parts[0]] = max(counts.get(parts[0], 0), int(parts[1]))


def load_logp(path: Path | None = None) -> tuple[dict[str, float], float, frozenset[str]] | None:
    """Word log-probabilities, the log of the corpus size and the word prefixes, from
    jieba's dict.txt (plus words.txt) via a pickle cache (~0.1 s); None without jieba."""
    path = path or _jieba_dict()
    if path is None:
        return None
    cache = _cache_dir() / f"lexicon{_VERSION}-{source_key((EXTRA_WORDS, KNOWN_TYPOS), installed=path)}.pickle"
    try:
        with open(cache, "rb") as f:
            words, values, log_total, prefixes = pickle.load(f)
        return unpack_floats(words, values), log_total, unpack_set(prefixes)
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        pass
    counts = _read_counts(path)
    _read_extra(counts)
    _drop_typos(counts)
    log_total = math.log(float(sum(counts.values())) or 1.0)
    logp = {w: math.log(c) - log_total for w, c in counts.items()}
    prefixes = word_prefixes(logp)
    write_cache(cache, (*pack_floats(logp), log_total, pack_set(prefixes)))
    return logp, log_total, prefixes


# The caches hold big string tables as one joined string each, not as pickled dicts and
# sets: splitting one string and zipping is ~30% faster to load than unpickling 150,000
# items one by one (lexicon 40 -> 34 ms, suspect's swap table 41 -> 29 ms).
_SEP = "\x01"


def _join(items) -> str:
    items = list(items)
    if any(_SEP in item for item in items):
        raise ValueError("a table entry holds the cache separator U+0001")
    return _SEP.join(items)


def pack_floats(table: dict[str, float]) -> tuple[str, bytes]:
    """A str -> float dict as (joined keys, packed doubles)."""
    return _join(table), array.array("d", table.values()).tobytes()


def unpack_floats(keys: str, values: bytes) -> dict[str, float]:
    """The inverse of pack_floats."""
    doubles = array.array("d")
    doubles.frombytes(values)
    return dict(zip(keys.split(_SEP), doubles)) if keys else {}


def pack_strings(table: dict[str, str]) -> tuple[str, str]:
    """A str -> str dict as (joined keys, joined values)."""
    return _join(table), _join(table.values())


def unpack_strings(keys: str, values: str) -> dict[str, str]:
    """The inverse of pack_strings."""
    return dict(zip(keys.split(_SEP), values.split(_SEP))) if keys else {}


def pack_set(items: frozenset[str]) -> str:
    """A set of strings as one joined string."""
    return _join(items)


def unpack_set(joined: str) -> frozenset[str]:
    """The inverse of pack_set."""
    return frozenset(joined.split(_SEP)) if joined else frozenset()


def source_key(own: tuple[Path, ...], installed: Path | None = None) -> str:
    """A cache key: our own data files by content hash (an edit or checkout that keeps size
    and mtime can never serve a stale table), and jieba's dict.txt by path, size and mtime
    (it changes only with jieba; hashing its 5 MB would cost ~6 ms on every run)."""
    h = hashlib.blake2b(digest_size=10)
    if installed is not None:
        st = installed.stat()
        h.update(f"{installed}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for path in own:
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


_LOCK = threading.Lock()
_LEXICON: list[Lexicon | None] = []


def lexicon() -> Lexicon | None:
    """The shared lexicon, loaded on first use (None when jieba is not installed)."""
    if not _LEXICON:
        with _LOCK:
            if not _LEXICON:
                data = load_logp()
                _LEXICON.append(Lexicon(*data) if data else None)
    return _LEXICON[0]
