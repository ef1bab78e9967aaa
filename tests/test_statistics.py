"""Statistics for the dais (issue 9): each delegation's speeches and speaking time, points, motions
raised and carried, papers sponsored and signed, amendments; who has not been heard yet, also where
the chair adds speakers; pictures drawn as SVG on the server (and as bars in the DOCX)."""

from __future__ import annotations

import re
from html import unescape

from committee.live import render
from committee.state import load_floor
from debate import actions as debate_actions
from record.charts import png_bar
from record.minutes import read_minutes
from tests.papers import script_session_i


def test_each_delegations_figures_are_read_from_the_journal(unodc, alice_actor):
    script_session_i(unodc, alice_actor)
    figures = read_minutes(unodc).figures
    canada, mexico, egypt, india = (figures[n] for n in ("Canada", "Mexico", "Egypt", "India"))
    assert (canada.speeches, round(canada.spoke), canada.sponsored, canada.motions, canada.carried) == (1, 84, 1, 1, 1)
    assert (mexico.motions, mexico.carried, mexico.signed) == (2, 2, 1)  # the caucus and closing debate
    assert (egypt.amendments, egypt.motions, egypt.carried) == (1, 1, 1)
    assert (india.points, india.signed, india.speeches) == (1, 1, 0)
    assert figures["Kenya"].motions == 1 and figures["Kenya"].carried == 0  # its caucus failed
    assert "India" in read_minutes(unodc).not_spoken and "Canada" not in read_minutes(unodc).not_spoken


def test_the_statistics_page_draws_its_pictures_on_the_server(unodc, alice_actor, alice_client):
    script_session_i(unodc, alice_actor)
    page = alice_client.get("/c/unodc/statistics/").content.decode()
    speaking = re.search(r'<svg[^>]*aria-label="Speaking time per delegation".*?</svg>', page, re.S).group(0)
    bars = re.findall(r'<text x="\d+" y="\d+" text-anchor="end" fill="#111111">([^<]+)</text>', speaking)
    assert bars == ["Canada", "Brazil", "Finland", "Japan", "Estonia"]  # longest first
    assert 'aria-label="Votes: in favour, against, abstaining"' in page
    assert 'aria-label="Delegations present over the sitting"' in page
    assert "<script" not in speaking
    # Opened on the chair's dashboard, the panel loads the figures alone.
    panel = alice_client.get("/c/unodc/statistics/", HTTP_HX_REQUEST="true").content.decode()
    assert panel.lstrip().startswith('<section class="stats"') and "<html" not in panel


def test_a_bar_for_the_docx_is_a_real_png():
    bar = png_bar(120, 14)
    assert bar.startswith(b"\x89PNG\r\n\x1a\n") and bar[12:16] == b"IHDR"
    assert int.from_bytes(bar[16:20], "big") == 120 and int.from_bytes(bar[20:24], "big") == 14


def test_those_not_yet_heard_come_first_where_the_chair_adds_speakers(in_session, alice_actor):
    canada = in_session.delegations.get(name="Canada")
    debate_actions.add_speaker(in_session, alice_actor, canada.pk)
    debate_actions.next_speaker(in_session, alice_actor)
    debate_actions.control_timer(in_session, alice_actor, "speech", "start")  # heard once its clock runs
    chair = unescape(render.whole_screen(load_floor(in_session.pk), "chair"))
    select = re.search(r'<select name="delegation" aria-label="Add a speaker".*?</select>', chair, re.S).group(0)
    not_yet, heard = select.split('<optgroup label="Heard this sitting">')
    assert ">Finland</option>" in not_yet and ">Canada</option>" not in not_yet
    assert ">Canada</option>" in heard
