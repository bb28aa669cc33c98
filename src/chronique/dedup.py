"""The same event once: merge event mentions (one per article sentence) into real-world events.

Rules (documented choices, all deterministic whatever the order the mentions arrive in):

* **Dyad.** Each side of a mention is keyed by its country (ISO3) when known, because a country
  code is the same in a French and an English report ("Arabie saoudite" = "Saudi Arabia" = SAU);
  intergovernmental organisations (country ``IGO``) and actors without a country are keyed by
  their normalized name (case, accents, leading articles and punctuation removed). A missing
  target is ``-``. A domestic dyad (both sides the same country) adds each side's sector
  (MMRMIL vs MMRGOV), as GDELT's actor codes do.
* **CAMEO root.** Mentions merge only with the same root. For the reciprocal roots 03-06
  (intent to cooperate, consult, diplomatic and material cooperation) the dyad is unordered:
  "A met B" and "B met A" are one meeting. Other roots keep the direction.
  Dyad and root together make the *block key*; only mentions of one block are compared.
* **Date.** A mention's date is its event date, else its article's publication date (news
  reports an undated event close to publication). Two explicit event dates merge within 1 day;
  when either date comes from the publication date the window is 3 days (reports lag events).
  A mention with neither merges only with mentions of its own article.
* **Place.** When both mentions have a place with a country they must agree: same country,
  within 100 km when both have coordinates. Place names alone are surface text and do not block.

Clustering is leader-based: mentions of a block are sorted by (date, article id, event id);
each joins the first earlier cluster whose leader it is compatible with, else starts one. The
event id (``event_uid``) is a hash of the block key and the leader's (article id, event id).
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
EXPLICIT_DATE_WINDOW = 1  # days
PUBLISHED_DATE_WINDOW = 3  # days, when a date is the article's publication date
MAX_PLACE_KM = 100.0

_LEADING_ARTICLES = re.compile(r"^(?:the|le|la|les|l|du|des|de)\s+")
_NON_WORD = re.compile(r"[^\w]+")


def normalize_name(name: str | None) -> str:
    """'L'Élysée' -> 'elysee'; 'the United Nations' -> 'united nations'."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text).strip()
    return _LEADING_ARTICLES.sub("", text).strip()


def side_key(name: str | None, country: str | None) -> str:
    """The key of one side of a dyad: its country, else (IGO or no country) its normalized name."""
    if country and country != "IGO":
        return country
    norm = normalize_name(name)
    if not norm:
        return country or "-"
    return f"{country}:{norm}" if country else f"~{norm}"


def block_key(cameo_root: str | None, source: str, target: str) -> str:
    root = (cameo_root or "??")[:2]
    if root in RECIPROCAL_ROOTS:
        source, target = sorted((source, target))
        return f"{root}|{source}|{target}|r"
    return f"{root}|{source}|{target}"


def mention_block_key(cameo_root: str | None, source_name: str | None, source_country: str | None,
                      target_name: str | None, target_country: str | None,
                      source_sector: str | None = None, target_sector: str | None = None) -> str:
    source, target = side_key(source_name, source_country), side_key(target_name, target_country)
    if source == target and source_country and source_country != "IGO":
        # A domestic dyad: the country alone cannot tell the army arresting a minister from
        # the army firing on protesters, so the sector (as in GDELT's MMRMIL / MMRGOV) joins the key.
        source, target = f"{source}{source_sector or ''}", f"{target}{target_sector or ''}"
    return block_key(cameo_root, source, target)


@dataclass(slots=True)
class Mention:
    """The fields of one event mention that merging looks at."""

    article_id: str
    event_id: str
    block_key: str
    date: date | None = None
    published: date | None = None
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event_id)


def _effective_date(m: Mention) -> tuple[date | None, bool]:
    """(date, explicit?): the event date, else the publication date."""
    if m.date is not None:
        return m.date, True
    return m.published, False


def dates_compatible(a: Mention, b: Mention) -> bool:
    da, ea = _effective_date(a)
    db, eb = _effective_date(b)
    if da is None or db is None:
        return a.article_id == b.article_id
    window = EXPLICIT_DATE_WINDOW if (ea and eb) else PUBLISHED_DATE_WINDOW
    return abs((da - db).days) <= window


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: Mention, b: Mention) -> bool:
    if not (a.location_name or a.location_country) or not (b.location_name or b.location_country):
        return True
    if a.location_country and b.location_country:
        if a.location_country != b.location_country:
            return False
        if None not in (a.lat, a.lon, b.lat, b.lon):
            return _km(a.lat, a.lon, b.lat, b.lon) <= MAX_PLACE_KM
        return True
    # Without countries only surface names remain ("Turkey-Syria border" / "frontière turco-syrienne"):
    # no evidence either way across languages, so they do not block a merge.
    return True


def compatible(a: Mention, b: Mention) -> bool:
    return a.block_key == b.block_key and dates_compatible(a, b) and places_compatible(a, b)


def event_uid(block: str, leader: Mention) -> str:
    digest = hashlib.sha256(f"{block}\x1f{leader.article_id}\x1f{leader.event_id}".encode()).hexdigest()
    return digest[:16]


def _sort_key(m: Mention) -> tuple:
    d, _ = _effective_date(m)
    return (d is None, d or date.min, m.article_id, m.event_id)


def cluster_block(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """Leader clustering of the mentions of one block (see the module docstring)."""
    clusters: list[list[Mention]] = []
    for m in sorted(mentions, key=_sort_key):
        for cluster in clusters:
            leader = cluster[0]
            if dates_compatible(leader, m) and places_compatible(_placed(cluster), m):
                cluster.append(m)
                break
        else:
            clusters.append([m])
    return clusters


def _placed(cluster: list[Mention]) -> Mention:
    """The cluster's first member that knows a place (else its leader)."""
    for m in cluster:
        if m.location_name or m.location_country:
            return m
    return cluster[0]


def merge(mentions: Iterable[Mention]) -> dict[tuple[str, str], str]:
    """(article_id, event_id) -> event_uid for every mention."""
    blocks: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        blocks[m.block_key].append(m)
    out: dict[tuple[str, str], str] = {}
    for block, members in blocks.items():
        for cluster in cluster_block(members):
            uid = event_uid(block, cluster[0])
            for m in cluster:
                out[m.key] = uid
    return out


# ---------------------------------------------------------------- measuring merges against gold clusters


@dataclass(slots=True)
class MergeScore:
    precision: float
    recall: float
    predicted_pairs: int
    gold_pairs: int
    correct_pairs: int

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "predicted_pairs": self.predicted_pairs, "gold_pairs": self.gold_pairs,
                "correct_pairs": self.correct_pairs}


def pairwise_score(assigned: dict[tuple[str, str], str], truth: dict[tuple[str, str], str | None]) -> MergeScore:
    """Pairwise precision/recall over pairs of mentions from *different articles*.

    ``assigned``: mention key -> predicted event id; ``truth``: mention key -> gold event label
    (None: the mention belongs to no multi-article event). A pair is predicted when both share an
    event id, gold when both share a non-None label.
    """
    keys = sorted(assigned)
    predicted = gold = correct = 0
    by_uid: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_label: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        by_uid[assigned[k]].append(k)
        if truth.get(k) is not None:
            by_label[truth[k]].append(k)

    def cross_pairs(group: list[tuple[str, str]]):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a[0] != b[0]:
                    yield a, b

    for group in by_uid.values():
        for a, b in cross_pairs(group):
            predicted += 1
            la, lb = truth.get(a), truth.get(b)
            correct += la is not None and la == lb
    for group in by_label.values():
        gold += sum(1 for _ in cross_pairs(group))
    precision = correct / predicted if predicted else 1.0
    recall = correct / gold if gold else 1.0
    return MergeScore(precision, recall, predicted, gold, correct)


def _parse_date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def gold_mentions(articles: Iterable[dict]) -> tuple[list[Mention], dict[tuple[str, str], str | None]]:
    """Gold events as mentions, and their truth labels.

    Truth: two gold events of different articles of the same ``cluster`` with the same CAMEO root
    and the same dyad (countries, else normalized names; unordered for roots 03-06) report one
    event; events of articles without a cluster, or of different clusters, report different ones.
    """
    mentions: list[Mention] = []
    truth: dict[tuple[str, str], str | None] = {}
    for art in articles:
        published = _parse_date(art.get("published"))
        for i, ev in enumerate(art.get("events") or [], 1):
            src, tgt = ev.get("source") or {}, ev.get("target") or {}
            root = ev.get("cameo_root") or (ev.get("cameo") or "")[:2]
            key = mention_block_key(root, src.get("name"), src.get("country"), tgt.get("name"), tgt.get("country"),
                                    src.get("sector"), tgt.get("sector"))
            loc = ev.get("location") or {}
            m = Mention(article_id=art["id"], event_id=f"e{i}", block_key=key, date=_parse_date(ev.get("date")),
                        published=published, location_name=loc.get("name"), location_country=loc.get("country"))
            mentions.append(m)
            cluster = art.get("cluster")
            truth[m.key] = f"{cluster}|{key}" if cluster else None
    return mentions, truth
