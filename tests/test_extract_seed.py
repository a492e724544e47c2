"""The seed report, end to end through the extractor: the facts the project promises."""
import datetime as dt


def test_event_date_is_the_saturday_before_publication(seed_summary):
    assert seed_summary.report.published == dt.date(2025, 10, 12)
    assert seed_summary.event.date == dt.date(2025, 10, 11)
    assert "Saturday" in seed_summary.event.date_text
    assert seed_summary.event.precision == "day"


def test_event_type_is_a_battle(seed_summary):
    assert seed_summary.event.type == "battles"
    assert seed_summary.event.subtype == "armed-clash"


def test_kunar_and_helmand_are_places_in_afghanistan(seed_summary):
    places = {loc.name: loc for loc in seed_summary.locations}
    for name in ("Kunar", "Helmand"):
        assert name in places, sorted(places)
        assert places[name].country_code == "AF"
        assert places[name].kind == "province"
        assert places[name].evidence


def test_background_and_border_are_not_places(seed_summary):
    names = {loc.name for loc in seed_summary.locations}
    assert "Kabul" not in names            # "days since ... an airstrike near Kabul"
    assert not any("Durand" in n for n in names)
    assert "Pakistan" not in names and "Afghanistan" not in names


def test_districts_the_model_mislabels_are_recovered(seed_summary):
    names = {loc.name for loc in seed_summary.locations}
    assert {"Aryub Zazi", "Shakij", "Spina Shaga"} <= names
    assert "Aryoub Zazi" not in names      # a spelling variant of Aryub Zazi, merged


def test_at_least_twelve_killed_claimed_by_tolonews(seed_summary):
    killed = [c for c in seed_summary.casualties if c.status == "killed"]
    assert len(killed) == 1                # headline 12 and body "at least 12" are one figure
    row = killed[0]
    assert (row.count, row.qualifier, row.claimed_by) == (12, "at-least", "TOLOnews")
    assert "Pakistani soldiers" in row.who
    assert "TOLOnews" in row.evidence


def test_khowarazmi_claim_with_his_role(seed_summary):
    by = {c.by: c for c in seed_summary.claims}
    assert "Enayatullah Khowarazmi" in by
    assert "Khowarazmi" not in by          # merged with the full name
    assert "spokesman" in (by["Enayatullah Khowarazmi"].role or "")
    texts = " ".join(c.text for c in seed_summary.claims if c.by == "Enayatullah Khowarazmi")
    assert "punitive response" in texts


def test_actors_are_the_two_sides(seed_summary):
    names = [a.name for a in seed_summary.actors]
    assert "Taliban" in names
    assert any("Pakistan" in n for n in names)
    assert "Qatar" not in names            # a third party that only comments
