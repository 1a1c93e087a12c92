"""Vietnamese text in one place: NFC storage, a search key, and a sort key.

* ``nfc(s)``: the stored form of every text (Unicode NFC, trimmed inner whitespace kept).
* ``search_key(s)``: NFC, case-folded, the tone mark of each syllable put on one canonical vowel
  (so "Hoà Bình" and "Hòa Bình" give the same key) and the i/y variants unified ("quí"/"quý").
  It keeps the diacritics: "dê" and "dế" stay different.
* ``ascii_key(s)``: the loose key without any diacritics, for queries typed without them.
* ``sort_key(s)``: a string of digits that sorts in Vietnamese alphabetical order in any database
  collation: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then tones
  (level, grave, hook, tilde, acute, dot).
* ``person_sort_key(full_name)``: Vietnamese lists of people sort by given name, then middle
  names, then surname.
"""

import re
import unicodedata

TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # grave hook tilde acute dot
_TONE_MARKS = {v: k for k, v in TONES.items()}
_VOWELS = set("aăâeêioôơuưy")
_MODIFIED = set("ăâêôơư")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_PRIMARY = {ch: f"{20 + i:02d}" for i, ch in enumerate(ALPHABET)}


def nfc(value):
    """The stored form of a text: Unicode NFC. Non-strings pass through."""
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", value)


def _split_tone(syllable):
    """Return (syllable without tone, tone number 0-5) for one lowercase NFC word."""
    tone = 0
    chars = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in TONES:
            tone = TONES[ch]
        else:
            chars.append(ch)
    return unicodedata.normalize("NFC", "".join(chars)), tone


def _nucleus(bare):
    """Indices of the vowels that carry the tone, skipping the onsets 'qu' and 'gi'."""
    idx = [i for i, ch in enumerate(bare) if ch in _VOWELS]
    if not idx:
        return []
    if bare.startswith("qu") and idx and idx[0] == 1:
        idx = idx[1:] or idx
    elif bare.startswith("gi") and idx and idx[0] == 1 and len(idx) > 1 and idx[1] == 2:
        idx = idx[1:]
    # Keep only the first run of consecutive vowels.
    run = [idx[0]]
    for i in idx[1:]:
        if i == run[-1] + 1:
            run.append(i)
        else:
            break
    return run


def _tone_position(bare):
    run = _nucleus(bare)
    if not run:
        return None
    modified = [i for i in run if bare[i] in _MODIFIED]
    if modified:
        return modified[-1]
    if len(run) == 1:
        return run[0]
    closed = run[-1] < len(bare) - 1
    if closed:
        return run[-1]
    if len(run) >= 3:
        return run[1]
    return run[0]


def _unify_iy(bare):
    if bare == "qui":
        return "quy"
    if len(bare) >= 2 and bare.endswith("y") and bare[-2] not in _VOWELS:
        return bare[:-1] + "i"
    return bare


def _canonical_word(word):
    bare, tone = _split_tone(word)
    bare = _unify_iy(bare)
    if not tone:
        return bare
    pos = _tone_position(bare)
    if pos is None:
        return bare
    decomposed = unicodedata.normalize("NFD", bare[pos]) + _TONE_MARKS[tone]
    return bare[:pos] + unicodedata.normalize("NFC", decomposed) + bare[pos + 1 :]


def search_key(value):
    """Canonical matching key: NFC, case-folded, one tone placement, i/y unified, single spaces."""
    if not value:
        return ""
    text = nfc(str(value)).casefold()
    text = " ".join(text.split())
    return _WORD.sub(lambda m: _canonical_word(m.group(0)), text)


def ascii_key(value):
    """Loose key: no diacritics at all (đ becomes d), case-folded."""
    text = unicodedata.normalize("NFD", nfc(str(value or "")).casefold().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


def has_diacritics(value):
    return ascii_key(value) != " ".join(nfc(str(value or "")).casefold().split())


def sort_key(value):
    """Digits-only key sorting in Vietnamese order (letters first, then tones)."""
    key = search_key(value)
    primary, tones = [], []
    for ch in key:
        base, tone = _split_tone(ch)
        if base in _PRIMARY:
            primary.append(_PRIMARY[base])
            tones.append(str(tone))
        elif base.isdigit():
            primary.append(f"1{base}")
        elif base.isspace():
            primary.append("00")
        else:
            primary.append("01")
    return "".join(primary) + "00" + "".join(tones)


def person_sort_key(full_name):
    """Given name first, then the middle names, then the surname ("Trần Văn An" before "Nguyễn Thị Bình")."""
    words = nfc(str(full_name or "")).split()
    if len(words) <= 1:
        return sort_key(full_name)
    reordered = [words[-1], *words[1:-1], words[0]]
    return sort_key(" ".join(reordered))


def vn_sorted(items, key=lambda item: str(item)):
    """Sort Python objects in Vietnamese order by the text ``key`` returns."""
    return sorted(items, key=lambda item: sort_key(key(item)))


# Leading words of a unit's name that lists often add or leave out ("UBND phường Hồng Bàng" for
# "Phường Hồng Bàng", "Tài chính" for "Sở Tài chính"), without diacritics.
_NAME_PREFIXES = [p.split() for p in (
    "uy ban nhan dan", "ubnd", "thanh pho", "tp", "thi tran", "thi xa", "phuong", "xa", "tinh", "quan", "huyen", "so",
)]


def core_name_key(value):
    """The key of a unit's name with tone marks, case, spacing, punctuation and the administrative
    prefixes above ignored: "UBND phường Hồng  Bàng", "Phường Hồng Bàng" and "hong bang" share one."""
    words = re.findall(r"[a-z0-9]+", ascii_key(value))
    stripped = True
    while stripped:
        stripped = False
        for prefix in _NAME_PREFIXES:
            if len(words) > len(prefix) and words[:len(prefix)] == prefix:
                words, stripped = words[len(prefix):], True
                break
    return "".join(words)
