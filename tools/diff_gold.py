"""Show, per report, what the extractor wrote next to the answer key (a developer's aid).

    python tools/diff_gold.py CORPUS_DIR SUMMARIES_DIR [STEM...]
"""
import sys
from pathlib import Path

import yaml


def main():
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    stems = sys.argv[3:]
    for gold_file in sorted((corpus / "gold").glob("*.yaml")):
        if stems and not any(s in gold_file.stem for s in stems):
            continue
        gold = yaml.safe_load(gold_file.read_text())
        got = yaml.safe_load((out / gold_file.name).read_text())
        print(f"=== {gold_file.stem}")
        print(f"  date {got['event']['date']} ({got['event']['date_text']}) / {gold.get('event_date')}   "
              f"type {got['event']['type']} / {gold.get('event_type')}")
        print(f"  loc  {[(l['name'], l['country_code']) for l in got['locations']]}")
        print(f"  gold {[(l['name'] if isinstance(l['name'], str) else l['name'][0], l.get('country_code')) for l in gold.get('locations') or []]}")
        print(f"  act  {[a['name'] for a in got['actors']]}")
        print(f"  gold {[a if isinstance(a, str) else a[0] for a in gold.get('actors') or []]}")
        print(f"  cas  {[(c['status'], c['count'], c['qualifier'], c['claimed_by']) for c in got['casualties']]}")
        print(f"  gold {[(c['status'], c['count'], c['qualifier'], c.get('claimed_by')) for c in gold.get('casualties') or []]}")
        att = sorted({c['by'] for c in got['claims']} | {c['claimed_by'] for c in got['casualties'] if c['claimed_by']})
        print(f"  att  {att}")
        print(f"  gold {[a if isinstance(a, str) else a[0] for a in gold.get('attributions') or []]}")


if __name__ == "__main__":
    main()
