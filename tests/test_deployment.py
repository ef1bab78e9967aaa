"""Deployment security: the settings pass Django's deployment checks, in production (HTTPS=true) with
no exception and in the LAN mode with the HTTPS-only ones only; cookies go over HTTPS only when the
site is HTTPS; every page carries a Content-Security-Policy that allows no inline script, and no
inline style but the room's stylesheet, which every page carries by its hash; no template has one.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from committee.security import POLICY

ROOT = Path(__file__).resolve().parents[1]
HTTPS_ONLY = {"security.W004", "security.W008", "security.W012", "security.W016"}


def manage(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "HTTPS"}}
    clean.update({"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_every_deployment_check(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", HTTPS="true")
    assert result.returncode == 0, result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_the_lan_mode_relaxes_the_https_only_settings_and_nothing_else(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues (4 silenced)" in result.stdout
    shown = manage(
        tmp_path,
        "shell",
        "-c",
        "from django.conf import settings; print(' '.join(sorted(settings.SILENCED_SYSTEM_CHECKS)))",
    )
    assert set(shown.stdout.strip().splitlines()[-1].split()) == HTTPS_ONLY


def test_cookies_go_over_https_only_when_the_site_is_https(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    https = manage(tmp_path, "shell", "-c", code, HTTPS="true").stdout.strip().splitlines()[-1].split()
    lan = manage(tmp_path, "shell", "-c", code).stdout.strip().splitlines()[-1].split()
    assert https == ["True", "True", "True", "31536000"]
    assert lan == ["False", "False", "False", "0"]


def test_a_phones_signed_cookie_is_secure_on_an_https_site(unodc, canada, settings, client):
    from committee.access import phone_cookie_name

    settings.SESSION_COOKIE_SECURE = True
    response = client.get(f"/join/{canada.join_token}/", secure=True)
    cookie = response.cookies[phone_cookie_name(unodc.pk)]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_every_screen_carries_the_policy_and_it_allows_no_inline_script(
    unodc, sitting, alice_client, canada_phone, client
):
    pages = [
        (alice_client, "/c/unodc/chair/"),
        (canada_phone, "/c/unodc/delegate/"),
        (client, f"/c/unodc/projector/{unodc.projector_token}/"),
        (client, "/"),
        (client, "/join/not-a-link/"),
    ]
    for visitor, url in pages:
        response = visitor.get(url)
        assert response["Content-Security-Policy"] == POLICY, url
    directives = dict(part.strip().split(" ", 1) for part in POLICY.split(";"))
    for name in ("script-src", "default-src"):
        assert directives[name] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval', no hash or nonce
    # Styles: this server's, and the two inline stylesheets whose hashes are named (no 'unsafe-inline').
    style_self, *style_hashes = directives["style-src"].split(" ")
    assert style_self == "'self'" and len(style_hashes) == 2
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", style_hash) for style_hash in style_hashes)
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.S)


def test_every_page_carries_the_stylesheet_the_policy_allows_and_nothing_else_inline(
    unodc, sitting, alice_client, canada_phone, client
):
    """A phone paints the floor with the page's first response: no stylesheet to fetch first. The
    browser applies that <style> only because its hash is one the policy names: the room's stylesheet
    on every screen, the documents' on the printable minutes (a file that stands alone once saved)."""
    allowed = dict(part.strip().split(" ", 1) for part in POLICY.split(";"))["style-src"].split(" ")[1:]
    for visitor, url, sheet in [
        (alice_client, "/c/unodc/chair/", "app.css"),
        (canada_phone, "/c/unodc/delegate/", "app.css"),
        (client, f"/c/unodc/projector/{unodc.projector_token}/", "app.css"),
        (client, "/", "app.css"),
        (alice_client, "/c/unodc/minutes/", "document.css"),
    ]:
        html = visitor.get(url).content.decode()
        styles = STYLE_ELEMENT.findall(html)
        assert len(styles) == 1 and len(re.findall(r"<style", html)) == 1, url
        digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, url
        assert styles[0] == (ROOT / "static" / "css" / sheet).read_text(), url
        assert 'rel="stylesheet"' not in html, url


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=|<style", re.I)


@pytest.mark.parametrize("template", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "templates").rglob("*.html")))
def test_no_template_has_inline_script_or_style(template):
    text = (ROOT / template).read_text()
    assert not INLINE_SCRIPT.search(text), "a <script> without src"
    assert not INLINE_HANDLER.search(text), "an inline event handler (onclick=...)"
    assert not INLINE_STYLE.search(text), "an inline style"


def test_every_page_carries_the_apps_icon_in_itself(unodc, alice_client):
    """The icon is a small SVG in the page (no request of its own on a phone's first load)."""
    from urllib.parse import unquote

    page = alice_client.get("/c/unodc/chair/").content.decode()
    icon = re.search(r'<link rel="icon" href="data:image/svg\+xml,([^"]+)">', page)
    assert icon, "the chair's page carries its icon"
    assert unquote(icon.group(1)).startswith("<svg xmlns='http://www.w3.org/2000/svg'")


def test_the_pages_own_scripts_are_served_lean_and_mean_the_same():
    """Collected, static/js/live/ loses its comment lines and indentation (config/storage.py): safe
    only while no string or template literal spans lines, which this checks in every script."""
    from pathlib import Path

    from config.storage import lean_script

    for script in sorted(Path(__file__).resolve().parents[1].glob("static/js/live/*.js")):
        text = script.read_text(encoding="utf-8")
        assert "`" not in text, f"{script.name}: a template literal could span lines"
        assert not [line for line in text.splitlines() if line.rstrip().endswith("\\")], script.name
        lean = lean_script(text)
        assert len(lean) < 0.8 * len(text)
        code = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("//")]
        assert lean.splitlines() == code  # every line of code kept, in order
    assert lean_script('  var a = "http://x"; // a link\n\n  // said\n') == 'var a = "http://x"; // a link\n'


def test_the_collected_scripts_are_lean_under_their_hashed_names_too(tmp_path, settings):
    """What a phone downloads is the hashed copy: it must be the whole lean script, not an empty file."""
    import json

    from django.core.management import call_command

    from config.storage import lean_script

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "config.storage.StaticFiles"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    from pathlib import Path

    source = Path(__file__).resolve().parents[1] / "static/js/live/presses.js"
    served = (tmp_path / manifest["js/live/presses.js"]).read_text(encoding="utf-8")
    assert served == lean_script(source.read_text(encoding="utf-8"))
