"""`briefing new DIR`: a site skeleton that builds as it is, with one example report to extract."""
from __future__ import annotations

from pathlib import Path

from .errors import BriefingError

SITE_YAML = """\
# Briefing site configuration. Every key is optional; the values below are the defaults.

# Shown in the page header, the feed and the browser tab.
title: My briefing desk
description: Incident briefs built from news reports, with every figure traced to its source.
language: en            # the pages' lang attribute
# author: Desk name     # the feed's author (default: the title)

# Where the site will be hosted, e.g. https://example.org/briefs/ . Used for canonical links, the
# Atom feed and the sitemap. Leave empty for a site that works from any folder; `briefing build
# --base-url URL` sets it for one build.
base_url: ""

per_page: 20             # incidents per page on the front page
incident_window_days: 3  # reports this many days apart can still describe one incident

# Folders, relative to this file.
reports_dir: reports
summaries_dir: summaries
output_dir: public
gazetteer: gazetteer.yaml
"""

EXAMPLE_REPORT = """\
---
# An invented example to try the tool on: replace it with real reports. Reports are .md or .txt
# files with this front matter (every key optional), or saved .html pages. Write one paragraph
# per line.
title: "Police fire tear gas at traders protesting market relocation in Kumasi"
publisher: "Example Herald"
url: "https://example.org/herald/kumasi-market-protest"
published: 2025-03-11
language: en
tags: [example, protest]
---
Police fired tear gas and rubber bullets on Monday to disperse hundreds of market traders protesting in Kumasi against plans to move them out of the city centre, witnesses said.

At least 12 protesters were injured, according to the traders' association, which said several were taken to Komfo Anokye Teaching Hospital. Police said 4 officers were hurt by stones thrown by the crowd and that 9 people were arrested.

"We are not against development, but we cannot feed our children from a market nobody visits," said Akosua Mensah, a spokeswoman for the traders.

The regional police commander, Emmanuel Boateng, said officers had acted to protect property after some protesters blocked the main road and set tyres on fire. The city authority said talks with the traders would resume on Wednesday.
"""

TEMPLATES_README = """\
Templates placed here override the default theme file by file: copy a file from the theme
(for example base.html or static/style.css) into this folder under the same name and edit it.
"""

GAZETTEER_YAML = """\
# Local place names the packaged gazetteer lacks, so the extractor can find and locate them.
# Entries here win over the packaged data. Each entry: name, kind (country | province | district
# | city | village | feature), country_code (ISO 3166-1 alpha-2), and optionally admin1, lat,
# lon and aliases (other spellings).
#
# - name: San Mateo
#   kind: district
#   country_code: BR
#   admin1: Example State
#   lat: -20.12
#   lon: -44.05
#   aliases: [Sao Mateo]
[]
"""

FILES = {
    "site.yaml": SITE_YAML,
    "reports/example-report.md": EXAMPLE_REPORT,
    "summaries/.gitkeep": "",
    "templates/README.txt": TEMPLATES_README,
    "gazetteer.yaml": GAZETTEER_YAML,
}


def new_site(directory: Path) -> list[Path]:
    """Create the skeleton in `directory` (new or empty). Returns the files created."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise BriefingError("is a file, not a folder", file=directory, hint="choose another name")
    if directory.is_dir() and any(directory.iterdir()):
        raise BriefingError("the folder is not empty, so no site was created in it", file=directory,
                            hint="choose a new or empty folder")
    created = []
    for rel, text in FILES.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        created.append(path)
    return created
