"""The static files as served: whitenoise's compressed copies under hashed names, and the page's own
scripts (static/js/live/) collected without their comment lines and indentation, so that a phone's
first load carries the code and not its prose (the sources keep every comment; DEBUG serves them)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

LEAN = "js/live/"  # the scripts made lean; libraries (htmx) come minified already


def lean_script(text: str) -> str:
    """The script without its whole-line comments, indentation and blank lines. It holds no template
    literal or string spanning lines (checked by tests/test_deployment.py), so no line's meaning
    depends on its leading spaces."""
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


class StaticFiles(CompressedManifestStaticFilesStorage):
    def _save(self, name, content):
        if name.startswith(LEAN) and name.endswith(".js"):
            content.seek(0)  # the manifest's copy under a hashed name comes already read once (to hash it)
            text = content.read()
            text = text.decode("utf-8") if isinstance(text, bytes) else text
            content = ContentFile(lean_script(text).encode("utf-8"))
        return super()._save(name, content)
