#!/usr/bin/env python3
"""Builds, validates and counts the signal corpus (python3 standard library only).

  python3 corpus.py build   parse the sources, split by group, write train/dev/test.jsonl, validate them
  python3 corpus.py stats   validate the three files and print the README count tables

Three batches of sources, in the same format:
  source/<lang>.txt             batch 1: split train/dev/test (70/10/20), stratified by label
  source/more/<lang>[-N].txt    batch 2, written later without reading the test split: split
                                train/dev (90/10) only, so the test split stays exactly batch 1's
  source/adapted/<lang>[-N].txt batch 3: batch 2's train lines of the other languages, adapted (not
                                word for word) into this language; train only. Only batch 2 is
                                adapted: batch 1's writers wrote some ideas in several languages
                                across splits, so adapting batch 1 could recreate a test line

Source format (hand-written utterances, one paraphrase family per block):
  @ LABELS SPEAKER INDUSTRY [=IDEA]
                                header of a group; LABELS = codes joined by '+', or '-'
                                for no signal; a trailing '!' marks a hard negative; IDEA
                                names a scenario written in several languages, whose groups
                                then always land in the same split
  text line                     one utterance per line, all sharing the header
  blank line / '# comment'      ignored
"""
import hashlib
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = ["en", "es", "fr", "de", "zh"]
LABELS = ["objection_price", "objection_timing", "objection_authority", "objection_need",
          "objection_trust", "competitor", "buying_signal", "pricing_question", "next_step"]
CODES = {"price": "objection_price", "timing": "objection_timing", "auth": "objection_authority",
         "need": "objection_need", "trust": "objection_trust", "comp": "competitor",
         "buy": "buying_signal", "pq": "pricing_question", "next": "next_step"}
SPEAKERS = {"c": "customer", "r": "rep"}
INDUSTRIES = {"sa": "saas", "mf": "manufacturing", "hc": "healthcare", "fi": "finance",
              "re": "retail", "lo": "logistics", "te": "telecom", "ed": "education",
              "in": "insurance", "en": "energy", "ho": "hospitality", "co": "construction",
              "ph": "pharma", "au": "automotive", "me": "media", "pu": "public_sector",
              "le": "legal", "rs": "real_estate", "ag": "agriculture", "ec": "ecommerce"}
SPLITS = {"train": 0.7, "dev": 0.1, "test": 0.2}
MORE_SPLITS = {"train": 0.9, "dev": 0.1}
ADAPTED_SPLITS = {"train": 1.0}
BATCHES = [("source", SPLITS), ("source/more", MORE_SPLITS), ("source/adapted", ADAPTED_SPLITS)]
SEED = 20261120


def normalise(text):
    """Key for near-duplicate detection: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", text)


def sources():
    """(path, splits) of every source file, batch 1 before batch 2 so batch 1 keeps its ids."""
    return [(path, splits) for folder, splits in BATCHES for lang in LANGUAGES
            for path in sorted((HERE / folder).glob(f"{lang}.txt")) + sorted((HERE / folder).glob(f"{lang}-*.txt"))]


def batch_of(path):
    return next(i + 1 for i, (folder, _) in enumerate(BATCHES) if path.parent == HERE / folder)


def parse(path):
    lang = path.stem.split("-")[0]
    groups, current = [], None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            parts = line[1:].split()
            key = parts.pop()[1:] if parts and parts[-1].startswith("=") else None
            if len(parts) != 3:
                sys.exit(f"{path.name}:{number}: header needs LABELS SPEAKER INDUSTRY [=IDEA]")
            codes, speaker, industry = parts
            hard = codes.endswith("!")
            codes = codes.rstrip("!")
            try:
                labels = [] if codes == "-" else [CODES[c] for c in codes.split("+")]
                current = {"labels": sorted(set(labels), key=LABELS.index), "hard": hard,
                           "speaker": SPEAKERS[speaker], "industry": INDUSTRIES[industry],
                           "language": lang, "idea": key, "batch": batch_of(path), "texts": []}
            except KeyError as error:
                sys.exit(f"{path.name}:{number}: unknown code {error}")
            groups.append(current)
        elif current is None:
            sys.exit(f"{path.name}:{number}: text before the first header")
        else:
            current["texts"].append(line)
    return [g for g in groups if g["texts"]]


def strata(group):
    """What a group is balanced on, per language: its labels, and whether it is a hard negative."""
    names = (group["labels"] or ["none"]) + (["hard_negative"] if group["hard"] else [])
    return [(group["language"], name) for name in names]


def hashed_split(group, splits):
    """A split chosen by a stable hash of the group's first line, in the splits' proportions."""
    digest = hashlib.sha256(normalise(group["texts"][0]).encode("utf-8")).digest()
    point, total = int.from_bytes(digest[:8], "big") / 2**64, 0.0
    for split, share in splits.items():
        total += share
        if point < total:
            return split
    return split


def split_groups(groups, splits):
    """Iterative stratification: rarest stratum first, each unit to the split furthest below
    its share. A unit is one group, or all groups (in any language) sharing an idea key, so a
    translated idea never has a sibling in another split."""
    units = defaultdict(list)
    for i, g in enumerate(groups):
        units[("idea", g["idea"]) if g["idea"] else ("group", i)].append(i)
    totals = Counter(st for g in groups for st in strata(g) for _ in g["texts"])
    have = {s: Counter() for s in splits}
    lines = Counter()
    size = sum(len(g["texts"]) for g in groups)
    order = sorted(units)
    random.Random(SEED).shuffle(order)
    order.sort(key=lambda u: min(totals[st] for i in units[u] for st in strata(groups[i])))
    assignment = {}
    for u in order:
        members = [(st, len(groups[i]["texts"])) for i in units[u] for st in strata(groups[i])]

        def need(split):
            share = splits[split]
            # relative shortfall, so small strata (hard negatives) count as much as large ones
            label_need = sum(1 - have[split][st] / (share * totals[st]) for st, _ in members)
            return (label_need, (share * size - lines[split]) / size)

        best = max(splits, key=need)
        for i in units[u]:
            assignment[i] = best
            lines[best] += len(groups[i]["texts"])
        for st, n in members:
            have[best][st] += n
    return assignment


def build():
    rows = {s: [] for s in SPLITS}
    seen = {}
    groups, assignment = [], {}
    for folder, splits in BATCHES:
        batch = [g for path, s in sources() if s is splits for g in parse(path)]
        # each batch is split on its own, so adding batch 2 leaves batch 1's split untouched; later
        # batches split by a hash of each group's first line, so a group keeps its split as lines are
        # added (batch 3 adapts batch 2's train lines and must not adapt a line that moves to dev)
        split_of = split_groups(batch, splits) if splits is SPLITS else {i: hashed_split(g, splits) for i, g in enumerate(batch)}
        assignment.update({len(groups) + i: split for i, split in split_of.items()})
        groups += batch
    ideas = defaultdict(list)
    for g in groups:
        if g["idea"]:
            ideas[g["idea"]].append(g["language"])
    for idea, langs in ideas.items():
        if len(langs) != len(set(langs)):
            sys.exit(f"idea {idea} used twice in one language")
    counters, group_numbers = Counter(), Counter()
    for gi, g in enumerate(groups):
        lang = g["language"]
        group_numbers[lang] += 1
        for text in g["texts"]:
            key = normalise(text)
            if key in seen:
                sys.exit(f"duplicate text ({lang}): {text!r} repeats an earlier line; write another")
            seen[key] = text
            counters[lang] += 1
            rows[assignment[gi]].append({
                "id": f"{lang}-{counters[lang]:04d}", "text": text, "labels": g["labels"],
                "language": lang, "speaker": g["speaker"], "industry": g["industry"],
                "group": f"{lang}-g{group_numbers[lang]:04d}", "hard_negative": g["hard"], "batch": g["batch"]})
    for split, items in rows.items():
        with open(HERE / f"{split}.jsonl", "w", encoding="utf-8") as out:
            for row in items:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    errors = validate(load())
    if errors:
        print("\n".join(errors[:50]))
        sys.exit(f"{len(errors)} errors")
    print({s: len(r) for s, r in rows.items()}, f"{len(ideas)} cross-language ideas")


def load():
    data = {}
    for split in SPLITS:
        with open(HERE / f"{split}.jsonl", encoding="utf-8") as f:
            data[split] = [json.loads(line) for line in f if line.strip()]
    return data


def validate(data):
    errors, ids, texts, group_split = [], set(), {}, {}
    for split, rows in data.items():
        for row in rows:
            if row["id"] in ids:
                errors.append(f"duplicate id {row['id']}")
            ids.add(row["id"])
            if row["language"] not in LANGUAGES or not row["id"].startswith(row["language"] + "-"):
                errors.append(f"{row['id']}: bad language")
            if any(l not in LABELS for l in row["labels"]) or len(set(row["labels"])) != len(row["labels"]):
                errors.append(f"{row['id']}: bad labels {row['labels']}")
            if row["speaker"] not in SPEAKERS.values() or row["industry"] not in INDUSTRIES.values():
                errors.append(f"{row['id']}: bad speaker or industry")
            words = len(row["text"]) if row["language"] == "zh" else len(row["text"].split())
            if row["language"] == "zh" and re.search(r"\s", row["text"]):
                errors.append(f"{row['id']}: Mandarin text with whitespace")
            if not 2 <= words <= (80 if row["language"] == "zh" else 40):
                errors.append(f"{row['id']}: length {words} out of range")
            key = normalise(row["text"])
            if key in texts:
                errors.append(f"{row['id']}: duplicate text of {texts[key]}")
            texts[key] = row["id"]
            allowed = BATCHES[row["batch"] - 1][1] if row.get("batch") in range(1, len(BATCHES) + 1) else {}
            if split not in allowed:
                errors.append(f"{row['id']}: batch {row.get('batch')} cannot be in {split}")
            if group_split.setdefault(row["group"], split) != split:
                errors.append(f"group {row['group']} spans {group_split[row['group']]} and {split}")
    # translated ideas (shared =IDEA keys in the sources) must not straddle splits either
    split_of = {r["text"]: split for split, rows in data.items() for r in rows}
    ideas = defaultdict(set)
    for path, _ in sources():
        for g in parse(path):
            if g["idea"]:
                ideas[g["idea"]].update(split_of.get(t, "missing") for t in g["texts"])
    errors += [f"idea {k} spans {sorted(v)}" for k, v in ideas.items() if len(v) > 1]
    return errors


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def stats():
    data = load()
    errors = validate(data)
    if errors:
        print("\n".join(errors[:50]))
        sys.exit(f"{len(errors)} errors")
    langs = [l for l in LANGUAGES if any(r["language"] == l for rows in data.values() for r in rows)]
    print("Lines per split and language (no-signal lines and hard negatives in brackets):\n")
    rows = []
    for split, items in data.items():
        cells = []
        for lang in langs:
            mine = [r for r in items if r["language"] == lang]
            cells.append(f"{len(mine)} ({sum(not r['labels'] for r in mine)} / {sum(r['hard_negative'] for r in mine)})")
        rows.append([split] + cells + [len(items)])
    print(table(["split"] + langs + ["total"], rows))
    for split, items in data.items():
        print(f"\nPositives per label, {split}:\n")
        body = []
        for label in LABELS + ["(none)"]:
            cells = [sum((label in r["labels"]) if label != "(none)" else not r["labels"]
                         for r in items if r["language"] == lang) for lang in langs]
            body.append([label] + cells + [sum(cells)])
        print(table(["label"] + langs + ["all"], body))
    everything = [r for rows in data.values() for r in rows]
    print(f"\nGroups: {len({r['group'] for r in everything})}; multi-label lines: "
          f"{sum(len(r['labels']) > 1 for r in everything)}; rep lines: "
          f"{sum(r['speaker'] == 'rep' for r in everything)}; industries: "
          f"{len({r['industry'] for r in everything})}")


if __name__ == "__main__":
    {"build": build, "stats": stats}[sys.argv[1] if len(sys.argv) > 1 else "stats"]()
