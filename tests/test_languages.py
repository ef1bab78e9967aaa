"""The UN's six languages (issue 27): every string of the screens is in each language's catalogue,
translated, with the same placeholders, and no template shows a word outside {% translate %}; each
screen speaks its person's language (the browser's, or the one chosen on the phone), the projector
the committee's; a broadcast renders each language a screen of the committee opened in, and an
English room renders once."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from committee import actions
from committee.live import render
from committee.live.metrics import METRICS
from committee.models import Committee
from committee.state import load_floor
from tests.conftest import cookie_of, phone_of
from tests.services import in_ci

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "config" / "locale"
TRANSLATED = ["fr", "es", "ar", "ru", "zh_Hans"]
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}|</?b>")


def catalogue(language: str):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po)


def ids_of(messages) -> set:
    return {m.id for m in messages if m.id}


# ---- the catalogues -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_with_its_placeholders(language):
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if sorted(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"placeholders differ: {ids[0]!r} → {string!r}")
    assert problems == []


def test_the_six_catalogues_hold_the_same_strings():
    english = ids_of(catalogue("fr"))
    assert len(english) > 200
    for language in TRANSLATED[1:]:
        assert ids_of(catalogue(language)) == english, language


def test_the_catalogues_hold_every_string_of_the_code_and_the_templates(tmp_path):
    """makemessages, run on a copy of the tree, finds no string the catalogues lack (else: make
    messages, then translate what it added)."""
    if shutil.which("xgettext") is None:
        if in_ci():
            pytest.fail("xgettext (GNU gettext) is missing: .ci/run installs it", pytrace=False)
        pytest.skip("xgettext (GNU gettext) is not installed here; CI runs this check")
    for name in ("manage.py", "committee", "debate", "resolutions", "record", "config", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    shutil.rmtree(tmp_path / "config" / "locale")
    (tmp_path / "config" / "locale" / "fr").mkdir(parents=True)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", "VAR_DIR": str(tmp_path / "var")},
    )
    with open(tmp_path / "config" / "locale" / "fr" / "LC_MESSAGES" / "django.po", "rb") as po:
        found = ids_of(read_po(po))
    missing = found - ids_of(catalogue("fr"))
    assert missing == set(), "run `make messages` and translate these"


# ---- no template shows a word outside {% translate %} ----------------------------------------------

TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-confirm", "data-question", "label"}


class _Words(HTMLParser):
    """The words a page shows: text outside scripts and styles, and the attributes a person reads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        self.found += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value and _wordy(value)]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden and _wordy(data):
            self.found.append(data.strip())


# Not words to translate: the keys a chair presses, file formats, a statistic's name.
_NOT_WORDS = re.compile(r"\b(?:PgUp|PgDn|DOCX|CSV|PDF|Spearman|[A-Z]{1,2})\b|ρ")


def _wordy(text: str) -> bool:
    return any(character.isalpha() for character in _NOT_WORDS.sub("", text))


def untranslated(source: str) -> list[str]:
    """The words of a template that no {% translate %} or {% blocktranslate %} holds."""
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", source, flags=re.S)
    source = re.sub(r"{%\s*blocktranslate\b.*?%}.*?{%\s*endblocktranslate\s*%}", " ", source, flags=re.S)
    # Text that is a tag's attributes, not words: the body's class and attributes, a socket's partial.
    source = re.sub(r"{%\s*block body_(?:class|attrs)\s*%}.*?{%\s*endblock\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{%\s*partialdef socket\s*%}.*?{%\s*endpartialdef\s*%}", " ", source, flags=re.S)
    words = _Words()
    words.feed(TEMPLATE_TAG.sub(" ", source))
    return words.found


def templates() -> dict[str, str]:
    folder = ROOT / "templates"
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*.html"))}


def test_no_template_shows_a_word_outside_translate():
    shown = {name: words for name, source in templates().items() if (words := untranslated(source))}
    assert shown == {}, "wrap these in {% translate %} (then `make messages` and translate them)"


def test_the_check_finds_words_outside_translate():
    source = (
        '{% load i18n %}<p class="a">{% translate "Present" %} <b>{{ n }}</b></p>'
        '<button aria-label="{% translate "Close" %}">×</button>'
    )
    assert untranslated(source) == []
    assert untranslated("<p>{{ n }} present</p>") == ["present"]
    assert untranslated('<input placeholder="e.g. 60">') == ["e.g. 60"]
    assert untranslated("{% blocktranslate %}{{ n }} present{% endblocktranslate %} <b>quorum</b>") == ["quorum"]


# ---- each screen in its language -----------------------------------------------------------------


def test_canadas_phone_speaks_french_from_her_browser_and_the_chair_english(unodc, sitting, canada, alice_client):
    phone = phone_of(canada)
    page = phone.get("/c/unodc/delegate/", headers={"accept-language": "fr-FR,fr;q=0.9,en;q=0.5"}).content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert "Non marqué présent" in page and "Not marked present" not in page
    assert "?lang=fr" in page  # its socket's updates come in French
    chair = alice_client.get("/c/unodc/chair/").content.decode()
    assert '<html lang="en-gb"' in chair


def test_the_switch_on_the_phone_keeps_her_choice(unodc, sitting, canada):
    phone = phone_of(canada)
    phone.post("/i18n/setlang/", {"language": "ar", "next": "/c/unodc/delegate/"})
    page = phone.get("/c/unodc/delegate/", headers={"accept-language": "fr"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "لم يُسجَّل حاضرًا" in page  # "Not marked present"


def test_a_language_we_do_not_speak_falls_back_to_english(unodc, sitting, canada):
    page = phone_of(canada).get("/c/unodc/delegate/", headers={"accept-language": "de-DE,de"}).content.decode()
    assert '<html lang="en-gb"' in page and "Not marked present" in page


def test_the_projector_speaks_the_committees_language_whatever_its_browser(unodc, sitting, client):
    Committee.objects.filter(pk=unodc.pk).update(language="es")
    page = client.get(f"/c/unodc/projector/{unodc.projector_token}/", headers={"accept-language": "en"})
    html = page.content.decode()
    assert '<html lang="es"' in html and "Sesión I" in html and "?lang=es" in html


@pytest.mark.django_db(transaction=True)
def test_a_broadcast_reaches_each_screen_in_its_language(unodc, sitting, alice_actor, canada, finland, sockets):
    french = sockets("/ws/c/unodc/delegate/?lang=fr", cookie_of(phone_of(canada)))
    assert "Non marqué présent" in french.receive()
    english = sockets("/ws/c/unodc/delegate/?lang=en-gb", cookie_of(phone_of(finland)))
    assert "Not marked present" in english.receive()
    assert Committee.objects.get(pk=unodc.pk).languages() == ["en-gb", "fr"]
    actions.mark_attendance(unodc, alice_actor, canada.pk, "present")
    assert "Présent" in french.receive_until("my-status")
    assert "Present" in english.receive_until('data-testid="present"')


def test_an_english_room_renders_each_region_once(unodc, sitting, alice_actor, canada):
    Committee.objects.filter(pk=unodc.pk).update(screen_languages=["en-gb"])
    before = METRICS.region_renders
    actions.mark_attendance(unodc, alice_actor, canada.pk, "present")
    english_renders = METRICS.region_renders - before
    Committee.objects.filter(pk=unodc.pk).update(screen_languages=["en-gb", "fr", "ar"])
    before = METRICS.region_renders
    actions.mark_attendance(unodc, alice_actor, canada.pk, "absent")
    assert METRICS.region_renders - before == 3 * english_renders


@pytest.mark.django_db(transaction=True)
def test_a_socket_asking_for_a_language_we_do_not_speak_gets_english(unodc, sitting, canada, sockets):
    phone = sockets("/ws/c/unodc/delegate/?lang=xx", cookie_of(phone_of(canada)))
    assert "Not marked present" in phone.receive()
    assert Committee.objects.get(pk=unodc.pk).languages() == ["en-gb"]


def test_a_whole_screen_renders_in_the_language_asked(unodc, sitting):
    state = load_floor(unodc.pk)
    assert "Séance I" in render.whole_screen(state, "projector", language="fr")
    assert "第I场会议" in render.whole_screen(state, "projector", language="zh-hans")


# ---- the record: the journal in one language, the minutes in the committee's ----------------------


@pytest.mark.django_db(transaction=True)
def test_a_french_phone_is_refused_in_french_and_the_journal_is_the_same_as_for_anyone(
    unodc, in_session, canada, sockets
):
    from committee.models import JournalEntry

    phone = sockets("/ws/c/unodc/delegate/?lang=fr", cookie_of(phone_of(canada)))
    phone.receive()
    phone.send_json({"command": "motion.raise", "kind": "moderated_caucus", "topic": "Drogues", "total": "10"})
    assert "Temps de parole" in phone.receive_until("flash")  # the speaking time is missing, said in French
    phone.send_json(
        {
            "command": "motion.raise",
            "kind": "moderated_caucus",
            "topic": "Drogues",
            "total": "10",
            "speaking_time": "60",
        }
    )
    phone.receive_until("phone-motions")
    raised = JournalEntry.objects.filter(kind="motion.raised").last()
    assert raised.data["text"] == "moderated caucus “Drogues”, 10:00 total, 1:00 per speaker"


@pytest.mark.django_db(transaction=True)
def test_a_spanish_phone_is_told_a_times_limits_in_spanish(unodc, in_session, canada, sockets):
    phone = sockets("/ws/c/unodc/delegate/?lang=es", cookie_of(phone_of(canada)))
    phone.receive()
    motion = {"command": "motion.raise", "kind": "moderated_caucus", "topic": "Drogas", "speaking_time": "60"}
    phone.send_json({**motion, "total": "500"})
    assert "entre 1 minuto y 180 minutos, no 500 minutos" in unescape(phone.receive_until("flash"))
    phone.send_json({**motion, "total": "pronto"})
    assert "«pronto» no es un tiempo: escriba uno como 10, o 1:30 para un minuto y medio" in unescape(
        phone.receive_until("flash")
    )


def test_a_refusal_says_where_the_committee_is_in_the_readers_language(unodc, in_session):
    from django.utils import translation

    from committee.errors import ActionError
    from debate import actions as debate_actions
    from debate.models import Floor
    from tests.conftest import actor_for

    Floor.objects.update_or_create(committee=unodc, defaults={"phase": "suspended"})  # a suspension voted
    with translation.override("en-gb"), pytest.raises(ActionError) as refused:  # as every action runs
        debate_actions.ask_to_speak(unodc, actor_for(unodc, "Canada"))
    said = {}
    for language in ("en-gb", "fr", "es", "zh-hans"):
        with translation.override(language):
            said[language] = str(refused.value)
    assert said == {
        "en-gb": "You can ask to speak only in formal debate or in a moderated caucus; the committee is suspended.",
        "fr": "Pour demander la parole, la commission doit être en débat formel ou en consultation modérée ;"
        " elle est suspendue.",
        "es": "Para pedir la palabra, la comisión debe estar en debate formal o en un caucus moderado;"
        " está suspendida.",
        "zh-hans": "只有委员会处于正式辩论中或处于有主持磋商中时才能请求发言；委员会现已暂停。",
    }


def test_a_refusal_names_the_delegation_in_the_readers_language(unodc, in_session, alice_actor):
    from django.utils import translation

    from committee.errors import ActionError
    from debate import actions as debate_actions

    germany = unodc.delegations.get(name="Germany")  # not marked present
    with translation.override("en-gb"), pytest.raises(ActionError) as refused:  # as every action runs
        debate_actions.add_speaker(unodc, alice_actor, germany.pk)
    with translation.override("es"):
        assert str(refused.value) == "Alemania no está marcada como presente."
    with translation.override("en-gb"):
        assert str(refused.value) == "Germany is not marked present."


def test_country_names_are_the_uns_in_each_language():
    from django.utils import translation

    from committee.countries import country_name

    with translation.override("es"):
        assert [country_name(n) for n in ("Canada", "Russian Federation", "INTERPOL")] == [
            "Canadá",
            "Federación de Rusia",
            "INTERPOL",
        ]
    with translation.override("zh-hans"):
        assert country_name("Islamic Republic of Iran") == "伊朗伊斯兰共和国"
    with translation.override("en-gb"):
        assert country_name("Russian Federation") == "Russian Federation"


@pytest.fixture
def spanish_session(unodc, alice_actor):
    from tests.papers import script_session_i

    Committee.objects.filter(pk=unodc.pk).update(language="es")
    return script_session_i(unodc, alice_actor)


def test_a_spanish_committees_minutes_are_in_spanish(spanish_session, alice_client):
    page = alice_client.get("/c/unodc/minutes/?sitting=1", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="es"' in page
    assert "Acta resumida de la 1.ª sesión" in page
    assert "Se pasó lista." in page and "Canadá" in page
    assert "aprobado en votación registrada por 20 votos contra 1, con 1 abstención" in page
    assert "Summary record" not in page and "took its seat" not in page


def test_a_spanish_committees_docx_is_in_spanish(spanish_session, alice_client):
    import io

    import docx

    response = alice_client.get("/c/unodc/minutes.docx?sitting=1")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Acta resumida de la 1.ª sesión" in text
    assert "España ocupó su asiento a las" in text
    assert "Original: Español" in document.tables[0].rows[0].cells[1].text
    assert document.core_properties.language == "es"


# ---- no module shows a person an untranslated sentence ---------------------------------------------

# Calls that show their message to a person, and which argument is the message.
SHOWN = {"ActionError": 0, "NoVoteOpen": 0, "ValidationError": 0, "Refusal": 0, "BadFile": 0, "notice": 0,
         "_refuse": 1, "refuse": 0, "success": 1, "error": 1, "info": 1, "require_present": 1}  # fmt: skip
APPS = ["committee", "debate", "resolutions", "record"]


def unmarked_messages(root: Path) -> list[str]:
    """Each place a module hands a person a sentence as a bare string or f-string (not through gettext)."""
    import ast

    found = []
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts or "management" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                position = SHOWN.get(name)
                if position is None or position >= len(node.args):
                    continue
                message = node.args[position]
                bare = isinstance(message, ast.JoinedStr) or (
                    isinstance(message, ast.Constant) and isinstance(message.value, str) and _wordy(message.value)
                )
                if bare:
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_shows_a_sentence_outside_gettext():
    assert unmarked_messages(ROOT) == [], "wrap these in gettext (a refusal made in an action: LazyMessage)"


def test_the_check_finds_a_sentence_outside_gettext(tmp_path):
    (tmp_path / "committee").mkdir()
    (tmp_path / "committee" / "planted.py").write_text(
        'from committee.errors import ActionError\nraise ActionError(f"No {x} here.")\n'
    )
    assert unmarked_messages(tmp_path) == ["committee/planted.py:2"]


def test_the_admin_names_the_committees_fields_in_french(unodc, db):
    from django.contrib.auth import get_user_model
    from django.test import Client

    secretary = get_user_model().objects.create_superuser("secretary", "s@example.org", "x")
    client = Client()
    client.force_login(secretary)
    page = client.get(f"/admin/committee/committee/{unodc.pk}/change/", headers={"accept-language": "fr"})
    html = page.content.decode()
    assert "Abréviation" in html and "Langue" in html and "Commission" in html
    assert "La langue de son projecteur et de son procès-verbal" in html  # a help text
