"""Grouping reports into incidents and merging their figures (generator.incidents). No spaCy."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from .helpers import figure, make_summary, place

from generator.incidents import Figure, fold, group_incidents, merge_incident
from generator.summary import Actor

D = dt.date


def files(incident):
    return [s.report.file.split("/")[-1].removesuffix(".md") for s in incident.summaries]


def grouping(summaries, **kw):
    """The groups as sets of stems, order-free."""
    return {frozenset(files(i)) for i in group_incidents(summaries, **kw)}


# ------------------------------------------------------------------------------ folding

def test_fold_ignores_accents_case_and_punctuation():
    assert fold("Zacatlán") == fold("ZACATLAN") == "zacatlan"
    assert fold("  Fada N'gourma ") == fold("fada ngourma")
    assert fold("Maiduguri–Damboa") == "maiduguri damboa"


# ------------------------------------------------------------------------------ must merge

def test_same_clash_told_by_each_side_is_one_incident():
    army = make_summary("army", published="2025-06-15", date="2025-06-14",
                        places=[place("Marte", cc="NG", admin1="Borno")],
                        actors=["Nigerian military", "Islamic State"],
                        casualties=[figure("killed", 9, "army"), figure("killed", 2, "army")],
                        publisher="Lake Chad Dispatch")
    iswap = make_summary("iswap", published="2025-06-15", date="2025-06-14",
                         places=[place("Marte", cc="NG")],
                         actors=["Islamic State", "Nigerian Military"],
                         casualties=[figure("killed", 14, "ISWAP")], publisher="Sahel Security Review")
    assert grouping([army, iswap]) == {frozenset({"army", "iswap"})}


def test_spelling_variants_accents_and_admin1_count_as_a_shared_place():
    a = make_summary("a", published="2025-05-02", date="2025-05-01", places=[place("Mallam Fatori")],
                     actors=["ISWAP"])
    b = make_summary("b", published="2025-05-02", date="2025-05-02", places=[place("Malam Fatori")],
                     actors=["Iswap"])
    c = make_summary("c", published="2025-09-02", date="2025-09-01", places=[place("Zacatlán", cc="MX")],
                     type="riots")
    d = make_summary("d", published="2025-09-02", date="2025-09-01", places=[place("ZACATLAN")],
                     type="riots")
    # "Borno" (the province) is the admin1 of "Marte" in the other report
    e = make_summary("e", published="2025-06-15", date="2025-06-14",
                     places=[place("Borno", kind="province", cc="NG")], actors=["Nigerian military"])
    f = make_summary("f", published="2025-06-16", date="2025-06-14",
                     places=[place("Marte", cc="NG", admin1="Borno")], actors=["Nigerian military"])
    assert grouping([a, b, c, d, e, f]) == {frozenset("ab"), frozenset("cd"), frozenset("ef")}


def test_event_types_agree_or_both_without_actors_is_enough():
    same_type = [make_summary(n, published="2025-04-22", date="2025-04-22", type="protests",
                              places=["Lima"], actors=[actor]) for n, actor in
                 (("p1", "transport unions"), ("p2", "Peruvian police"))]
    no_actors = [make_summary(n, published="2025-03-03", date="2025-03-03", type=t, places=["Taiz"])
                 for n, t in (("t1", "battles"), ("t2", "explosions-remote-violence"))]
    assert grouping(same_type + no_actors) == {frozenset({"p1", "p2"}), frozenset({"t1", "t2"})}


def test_grouping_is_transitive():
    # a and c are 4 days apart (beyond the window), but each is within 2 days of b
    a = make_summary("a", published="2025-01-01", date="2025-01-01", places=["Kisumu"], type="protests")
    b = make_summary("b", published="2025-01-03", date="2025-01-03", places=["Kisumu"], type="protests")
    c = make_summary("c", published="2025-01-05", date="2025-01-05", places=["Kisumu"], type="protests")
    assert grouping([a, b, c]) == {frozenset("abc")}
    assert grouping([a, c]) == {frozenset("a"), frozenset("c")}


def test_published_date_is_the_fallback_and_spans_count():
    # no event date: the published date is used; an event span reaching close enough joins
    a = make_summary("a", published="2025-02-10", places=["Djibo"], type="battles")
    b = make_summary("b", published="2025-02-20", date="2025-02-01", date_end="2025-02-08",
                     places=["Djibo"], type="battles")
    assert grouping([a, b]) == {frozenset("ab")}


def test_a_report_without_places_matches_on_the_words_of_its_title():
    listed = make_summary("andes", published="2025-04-23", date="2025-04-22", type="protests",
                          places=[place("Lima", kind="province", cc="PE", admin1="Lima")],
                          actors=["Peruvian police"])
    unlisted = make_summary("courier", published="2025-04-22", date="2025-04-22", type="protests",
                            title="Thousands march in Lima against extortion", actors=["protesters"])
    elsewhere = make_summary("elsewhere", published="2025-04-22", date="2025-04-22", type="protests",
                             title="Thousands march in Cusco", actors=["protesters"])
    assert grouping([listed, unlisted, elsewhere]) == {frozenset({"andes", "courier"}),
                                                       frozenset({"elsewhere"})}


def test_pinned_reports_are_together_however_far_apart():
    a = make_summary("a", published="2025-01-01", date="2025-01-01", places=["Kunar"], incident="Border war")
    b = make_summary("b", published="2025-06-01", date="2025-05-30", places=["Karachi"], type="riots",
                     incident="border-war")
    c = make_summary("c", published="2025-01-02", date="2025-01-01", places=["Kunar"])  # unpinned
    incidents = group_incidents([a, b, c])
    assert {frozenset(files(i)) for i in incidents} == {frozenset("ab"), frozenset("c")}
    pinned = next(i for i in incidents if "a" in files(i))
    assert pinned.id == "border-war"
    assert pinned.pin == "Border war"


# ------------------------------------------------------------------------------ must not merge

def test_same_day_in_another_province_is_separate():
    kunar = make_summary("kunar", published="2025-10-12", date="2025-10-11", actors=["Taliban"],
                         places=[place("Afghanistan", kind="country", cc="AF"),
                                 place("Kunar", kind="province", cc="AF", admin1="Kunar")])
    helmand = make_summary("helmand", published="2025-10-12", date="2025-10-11", actors=["Taliban"],
                           places=[place("Afghanistan", kind="country", cc="AF"),
                                   place("Helmand", kind="province", cc="AF", admin1="Helmand")])
    assert grouping([kunar, helmand]) == {frozenset({"kunar"}), frozenset({"helmand"})}


def test_same_place_a_week_apart_is_separate():
    a = make_summary("a", published="2025-03-01", date="2025-03-01", places=["Mogadishu"], actors=["al-Shabaab"])
    b = make_summary("b", published="2025-03-08", date="2025-03-08", places=["Mogadishu"], actors=["al-Shabaab"])
    assert grouping([a, b]) == {frozenset("a"), frozenset("b")}
    assert grouping([a, b], window_days=7) == {frozenset("ab")}


def test_same_name_in_another_country_is_separate():
    a = make_summary("a", published="2025-03-01", date="2025-03-01", places=[place("Lima", cc="PE")],
                     type="protests")
    b = make_summary("b", published="2025-03-01", date="2025-03-01", places=[place("Lima", cc="US")],
                     type="protests")
    assert grouping([a, b]) == {frozenset("a"), frozenset("b")}


def test_same_place_and_day_but_other_actors_and_type_is_separate():
    a = make_summary("a", published="2025-03-01", date="2025-03-01", places=["Kharkiv"],
                     type="explosions-remote-violence", actors=["Russian military"])
    b = make_summary("b", published="2025-03-01", date="2025-03-01", places=["Kharkiv"],
                     type="protests", actors=["pensioners"])
    assert grouping([a, b]) == {frozenset("a"), frozenset("b")}


def test_report_without_date_and_places_stays_alone():
    lost = make_summary("lost", type="battles", actors=["Taliban"])
    a = make_summary("a", published="2025-10-12", date="2025-10-11", places=["Kunar"], actors=["Taliban"])
    b = make_summary("b", published="2025-10-12", date="2025-10-11", places=["Kunar"], actors=["Taliban"])
    incidents = group_incidents([lost, a, b])
    assert {frozenset(files(i)) for i in incidents} == {frozenset({"lost"}), frozenset("ab")}
    alone = next(i for i in incidents if files(i) == ["lost"])
    assert alone.date is None and alone.id.startswith("undated-")


# ------------------------------------------------------------------------------ ids and order

def test_id_comes_from_the_earliest_published_report_and_survives_later_joins():
    first = make_summary("first", published="2025-06-15", date="2025-06-14", places=["Marte"],
                         actors=["Nigerian military"])
    (before,) = group_incidents([first])
    # a later-published report, even one whose event date and file name come earlier, joins
    later = make_summary("aaa-later", published="2025-06-17", date="2025-06-13", places=["Marte"],
                         actors=["Nigerian military"])
    (after,) = group_incidents([later, first])
    assert after.id == before.id
    assert files(after) == ["first", "aaa-later"]
    assert after.date == D(2025, 6, 13)            # the incident's date is still the earliest event date
    # same publication day: the file name breaks the tie
    twin = make_summary("zzz-twin", published="2025-06-15", date="2025-06-14", places=["Marte"],
                        actors=["Nigerian military"])
    assert group_incidents([twin, later, first])[0].id == before.id


def test_incidents_come_newest_first_with_unique_ids():
    old = make_summary("old", published="2025-01-02", date="2025-01-01", places=["Kisumu"])
    new = make_summary("new", published="2025-05-02", date="2025-05-01", places=["Kisumu"])
    undated = make_summary("undated")
    incidents = group_incidents([old, undated, new])
    assert [files(i) for i in incidents] == [["new"], ["old"], ["undated"]]
    assert len({i.id for i in incidents}) == 3


# ------------------------------------------------------------------------------ merging

def test_merge_dates_type_places_and_actors():
    a = make_summary("a", published="2025-06-15", date="2025-06-14", type="other",
                     places=[place("Marte", cc="NG"), place("Maiduguri", cc="NG")],
                     actors=[Actor("the Nigerian Army", "state-forces"), Actor("ISWAP", "rebel-groups")])
    b = make_summary("b", published="2025-06-16", date="2025-06-14", date_end="2025-06-15",
                     type="battles", subtype="armed-clash",
                     places=[place("Marte", cc="NG", lat=12.4, lon=13.8, admin1="Borno")],
                     actors=[Actor("Iswap", "other"), Actor("Nigerian army")])
    c = make_summary("c", published="2025-06-17", date="2025-06-13", type="battles",
                     subtype="armed-clash", places=[place("Mártè")], actors=["ISWAP"])
    inc = merge_incident([c, b, a])                # any order in; publication order inside
    assert files(inc) == ["a", "b", "c"]
    assert (inc.date, inc.date_end) == (D(2025, 6, 13), D(2025, 6, 15))
    assert (inc.type, inc.subtype) == ("battles", "armed-clash")   # "other" loses to a specific type
    assert [l.name for l in inc.locations] == ["Marte", "Maiduguri"]   # 3 reports, then 1
    marte = inc.locations[0]
    assert (marte.lat, marte.lon, marte.admin1, marte.country_code) == (12.4, 13.8, "Borno", "NG")
    assert [(a.name, a.kind) for a in inc.actors] == [("ISWAP", "rebel-groups"),
                                                      ("the Nigerian Army", "state-forces")]


def test_type_vote_tie_goes_to_the_anchor():
    a = make_summary("a", published="2025-01-01", type="riots")
    b = make_summary("b", published="2025-01-02", type="protests")
    c = make_summary("c", published="2025-01-03", type="protests")
    assert merge_incident([a, b]).type == "riots"
    assert merge_incident([a, b, c]).type == "protests"


def test_timeline_and_sources():
    a = make_summary("a", published="2025-06-16", publisher="Northeast Voice", title="Six civilians dead")
    b = make_summary("b", published="2025-06-15", publisher="Lake Chad Dispatch", title="Army repels attack")
    c = make_summary("c", published="2025-06-17", publisher="northeast voice", title="Update")
    d = make_summary("d", published="2025-06-18", publisher=None, title="Blog")
    inc = merge_incident([a, b, c, d])
    assert [(t.published, t.title, t.publisher, t.file) for t in inc.timeline] == [
        (D(2025, 6, 15), "Army repels attack", "Lake Chad Dispatch", "reports/b.md"),
        (D(2025, 6, 16), "Six civilians dead", "Northeast Voice", "reports/a.md"),
        (D(2025, 6, 17), "Update", "northeast voice", "reports/c.md"),
        (D(2025, 6, 18), "Blog", None, "reports/d.md"),
    ]
    assert inc.sources == ["Lake Chad Dispatch", "Northeast Voice"]
    assert inc.title == "Army repels attack"


# ------------------------------------------------------------------------------ figures

def killed(inc) -> Figure:
    return next(f for f in inc.figures if f.status == "killed")


def test_claims_by_different_sides_are_disputed_and_each_kept():
    army = make_summary("army", published="2025-06-15", publisher="Lake Chad Dispatch",
                        casualties=[figure("killed", 9, "army", who="insurgents"),
                                    figure("killed", 2, "army", who="soldiers"),
                                    figure("injured", 4, "army")])
    iswap = make_summary("iswap", published="2025-06-15", publisher="Sahel Security Review",
                         casualties=[figure("killed", 14, "Islamic State West Africa Province",
                                            who="Nigerian soldiers")])
    inc = merge_incident([army, iswap])
    soldiers = next(f for f in inc.figures if f.status == "killed" and f.group == "security forces")
    assert [(c.claimed_by, c.count, c.report_file) for c in soldiers.claims] == [
        ("army", 2, "reports/army.md"), ("Islamic State West Africa Province", 14, "reports/iswap.md")]
    assert (soldiers.low, soldiers.high, soldiers.conservative, soldiers.disputed) == (2, 14, 2, True)
    assert soldiers.headline == "2–14"
    assert soldiers.label == "Killed (security forces)"
    # the army's figure for the other side is a figure of its own, not part of the dispute
    fighters = next(f for f in inc.figures if f.status == "killed" and f.group == "armed group members")
    assert (fighters.headline, fighters.disputed) == ("9", False)
    assert inc.disputed
    injured = next(f for f in inc.figures if f.status == "injured")
    assert (injured.disputed, injured.headline, injured.label) == (False, "4", "Injured")
    assert [(f.status, f.group) for f in inc.figures] == [
        ("killed", "security forces"), ("killed", "armed group members"), ("injured", "people")]


def test_background_figures_are_not_the_incidents_toll():
    a = make_summary("a", published="2025-06-15", casualties=[figure("killed", 9, "army")])
    a.casualties.append(figure("killed", 3000, None))
    a.casualties[-1].background = True
    inc = merge_incident([a])
    assert [(f.status, f.headline) for f in inc.figures] == [("killed", "9")]


def test_one_claimant_stating_two_numbers_is_not_a_dispute():
    a = make_summary("a", published="2025-06-15", casualties=[figure("killed", 9, "army"),
                                                              figure("killed", 2, "army")])
    k = killed(merge_incident([a]))
    assert (k.low, k.high, k.disputed, k.headline) == (2, 9, False, "2")


def test_own_voice_is_the_publishers():
    one = make_summary("one", published="2025-01-01", publisher="Horn Observer",
                       casualties=[figure("killed", 5)])
    update = make_summary("update", published="2025-01-02", publisher="Horn Observer",
                          casualties=[figure("killed", 7)])
    other = make_summary("other", published="2025-01-02", publisher="Mogadishu Times",
                         casualties=[figure("killed", 7)])
    assert killed(merge_incident([one, update])).disputed is False      # one publisher updating
    assert killed(merge_incident([one, other])).disputed is True        # two publishers disagree
    assert killed(merge_incident([one, other])).claims[0].claimant == "Horn Observer"


def test_repeats_of_one_figure_by_one_claimant_are_merged():
    a = make_summary("a", published="2025-06-15", casualties=[figure("killed", 2, "Nigerian army")])
    b = make_summary("b", published="2025-06-16", casualties=[figure("killed", 2, "the Nigerian Army"),
                                                              figure("killed", 6, "local officials",
                                                                     qualifier="at-least")])
    k = killed(merge_incident([a, b]))
    assert [(c.claimed_by, c.count, c.reports) for c in k.claims] == [
        ("Nigerian army", 2, ["reports/a.md", "reports/b.md"]),
        ("local officials", 6, ["reports/b.md"])]
    assert k.disputed and k.headline == "2–6" and k.conservative == 2


def test_ranges_and_unknown_counts():
    a = make_summary("a", published="2025-01-01",
                     casualties=[figure("killed", 10, "police", count_max=15, qualifier="range"),
                                 figure("killed", None, "residents", qualifier="unspecified", who="many")])
    k = killed(merge_incident([a]))
    assert (k.low, k.high, k.conservative, k.disputed) == (10, 15, 10, False)
    assert k.headline == "10–15"
    assert [c.stated for c in k.claims] == ["10–15", "unknown"]
    b = make_summary("b", published="2025-01-02", casualties=[figure("killed", 12, "army")])
    k = killed(merge_incident([a, b]))
    assert (k.low, k.high, k.disputed, k.headline) == (10, 15, True, "10–15")
    only_unknown = make_summary("u", published="2025-01-01", casualties=[figure("injured", None, "medics")])
    injured = merge_incident([only_unknown]).figures[0]
    assert (injured.low, injured.high, injured.disputed, injured.headline) == (None, None, False, "unknown")


# ------------------------------------------------------------------------------ the demo site

DEMO = Path(__file__).resolve().parents[1] / "site_src"


@pytest.mark.skipif(not (DEMO / "summaries").is_dir(), reason="demo site not present")
def test_demo_site_groups_the_multi_source_incidents():
    from generator.config import load_config
    from generator.pipeline import load_summaries

    config = load_config(DEMO)
    summaries, errors = load_summaries(config)
    assert errors == []
    incidents = group_incidents(summaries, window_days=config.incident_window_days)
    groups = {frozenset(files(i)) for i in incidents}
    assert frozenset({"nigeria-marte-base-attack-army", "nigeria-marte-base-attack-civilians",
                      "nigeria-marte-base-attack-iswap-claim"}) in groups
    assert frozenset({"peru-lima-transport-protest-andes-wire",
                      "peru-lima-transport-protest-lima-courier"}) in groups
    assert len(incidents) == len(summaries) - 3
    marte = next(i for i in incidents if "nigeria-marte-base-attack-army" in files(i))
    soldiers = next(f for f in marte.figures if f.status == "killed" and f.group == "security forces")
    assert soldiers.disputed and soldiers.high == 14      # the army's 2 against the group's 14
    assert [i.sort_key for i in incidents] == sorted((i.sort_key for i in incidents), reverse=True)


def test_one_state_force_under_its_report_wordings():
    a = make_summary("a", published="2025-06-15", date="2025-06-14",
                     actors=[Actor("ISWAP", "rebel-groups"), Actor("Nigerian troops", "state-forces")])
    b = make_summary("b", published="2025-06-16", date="2025-06-14",
                     actors=[Actor("Nigerian soldiers", "state-forces"), Actor("civilians", "civilians")])
    c = make_summary("c", published="2025-06-17", date="2025-06-14",
                     actors=[Actor("soldiers", "state-forces"), Actor("ISWAP", "rebel-groups"),
                             Actor("Nigerian soldiers", "state-forces")])
    inc = merge_incident([a, b, c])
    assert [(x.name, x.kind) for x in inc.actors] == [("Nigerian soldiers", "state-forces"),   # in 3 reports
                                                      ("ISWAP", "rebel-groups"), ("civilians", "civilians")]
    # two countries' forces stay two parties, and a bare "soldiers" cannot say whose it is
    d = make_summary("d", published="2025-06-15", date="2025-06-14",
                     actors=[Actor("Chadian troops", "state-forces"), Actor("Nigerian troops", "state-forces"),
                             Actor("soldiers", "state-forces")])
    assert [x.name for x in merge_incident([d]).actors] == ["Chadian troops", "Nigerian troops", "soldiers"]
