"""The house: dependencies run one way, and the code shows it (docs/architecture.md).

    record  ─▶  resolutions  ─▶  debate  ─▶  committee        (config: settings only)

A lower app never names a higher one: not in a Python import, not in a template it includes, not in
an id the client script knows. No app imports config. No two modules import each other, even round a
circle. Every journal kind an action writes has a sentence. No module or client script is too long to
read in one sitting. The live transport is a package of its own (committee/live/): one adapter reads
the server libraries' insides, and the domain never names the transport. No page's address is typed
by hand: templates use {% url %}. Each check is a function of a source tree, and the last tests plant
one violation of each kind in a copy of this tree to show the check catches it. Every page finds its
committee through committee/visits.py.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from committee.contract import PARTS

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["committee", "debate", "resolutions", "record"]  # lowest first
MAX_LINES = 400


def higher(app: str) -> list[str]:
    return LAYERS[LAYERS.index(app) + 1 :]


def app_files(root: Path, app: str, *suffixes: str) -> list[Path]:
    places = [root / app, root / "templates" / app]
    if app == "committee":
        places.append(root / "static")  # the client script and the stylesheet belong to the room
    return sorted(p for place in places if place.exists() for p in place.rglob("*") if p.suffix in suffixes)


def imports_of(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append(str(node.args[0].value))
    return found


def upward_imports(root: Path) -> list[str]:
    """Python imports of a higher app by a lower one, and of config by any app."""
    problems = []
    for app in LAYERS:
        for path in app_files(root, app, ".py"):
            for module in imports_of(path):
                top = module.split(".")[0]
                if top in higher(app):
                    problems.append(f"{path.relative_to(root)} imports {module}")
                if top == "config":
                    problems.append(f"{path.relative_to(root)} imports {module} (apps never import config)")
    return problems


def naming_pattern(names: list[str]) -> re.Pattern:
    alternatives = "|".join(names)
    # "debate/…" (a template), "debate.x" (a module, a change, a subject), "parts.debate" (its state),
    # "from record" / "import record" — but not the word at the end of an English sentence.
    return re.compile(rf"\b({alternatives})(/|\.[a-z_])|parts\.({alternatives})\b|(from|import) ({alternatives})\b")


def names_of_higher_apps(root: Path) -> list[str]:
    """Any mention of a higher app in a lower one's code, templates or comments (includes, ids, names)."""
    problems = []
    for app in LAYERS[:-1]:
        pattern = naming_pattern(higher(app))
        for path in app_files(root, app, ".py", ".html", ".js", ".css"):
            if "migrations" in path.parts and app == "committee":
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if pattern.search(line):
                    problems.append(f"{path.relative_to(root)}:{number} names a higher app: {line.strip()[:80]}")
    return problems


def client_ids_of_higher_apps(root: Path) -> list[str]:
    """Ids that only a higher app's templates define, used by the client script."""
    own = set()
    for path in app_files(root, "committee", ".html"):
        own |= set(re.findall(r'\bid="([\w-]+)', path.read_text()))
    problems = []
    for script in sorted((root / "static/js").rglob("*.js")):
        text = script.read_text()
        for app in LAYERS[1:]:
            for path in app_files(root, app, ".html"):
                for found in sorted(set(re.findall(r'\bid="([\w-]+)', path.read_text())) - own):
                    if re.search(rf"""(#|getElementById\(["']|["']){re.escape(found)}\b""", text):
                        found_in = path.relative_to(root)
                        problems.append(f"{script.relative_to(root)} knows the id {found!r} of {found_in}")
    return problems


def journal_kinds_written(root: Path) -> dict[str, str]:
    """Every kind the actions pass to Step.record: a string, or a module-level table of strings."""
    kinds: dict[str, str] = {}
    for app in LAYERS:
        for path in app_files(root, app, ".py"):
            tree = ast.parse(path.read_text(), str(path))
            tables = {
                target.id: [v.value for v in node.value.values if isinstance(v, ast.Constant)]
                for node in tree.body
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "record" and node.args):
                    continue
                first, where = node.args[0], f"{path.relative_to(root)}:{node.lineno}"
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    kinds[first.value] = where
                elif isinstance(first, ast.Subscript) and getattr(first.value, "id", None) in tables:
                    kinds.update({kind: where for kind in tables[first.value.id]})
                else:
                    kinds[f"<not a literal kind at {where}>"] = where
    return kinds


def undescribed_journal_kinds(root: Path) -> list[str]:
    declared = PARTS.journal_kinds
    return [
        f"{where} writes {kind!r}, which no part declares"
        for kind, where in journal_kinds_written(root).items()
        if kind not in declared
    ]


def long_modules(root: Path) -> list[str]:
    """A Python module or a client script longer than one sitting's reading."""
    problems = []
    for app in LAYERS:
        for path in app_files(root, app, ".py", ".js"):
            if "migrations" not in path.parts and len(path.read_text().splitlines()) > MAX_LINES:
                problems.append(f"{path.relative_to(root)} has more than {MAX_LINES} lines: split it by topic")
    return problems


# ---- the live transport: a package of its own, one adapter reaching inside the server's libraries ----------

TRANSPORT = "committee/live/"
ADAPTER = "committee/live/daphne_adapter.py"
# What only the adapter may read: daphne's, autobahn's, Twisted's and asgiref's insides.
PRIVATE = re.compile(
    r"_tempDataBuffer|\bdataBuffer\b|payloadHybi|send_queue|_perMessageCompress|\bhandle_reply\b|\breal_send\b|"
    r"\bthreadlocal\b|main_event_loop|sendPreparedMessage|\bregisterProducer\b|\bgetHandle\b"
)
SERVER_LIBRARIES = {"daphne", "autobahn", "twisted"}
# The domain: what the transport serves, which never names it.
DOMAIN = [
    "committee/models/",
    "committee/rules.py",
    "committee/fields.py",
    "committee/journal.py",
    "committee/contract.py",
    "committee/state.py",
    "committee/access.py",
    "committee/errors.py",
    "committee/presses.py",
    "committee/times.py",
    "committee/limits.py",
    "committee/writers.py",
    "committee/commands.py",
    "committee/part.py",
]


def python_files(root: Path) -> list[Path]:
    return [p for app in LAYERS for p in app_files(root, app, ".py")] + sorted((root / "config").glob("*.py"))


def transport_apart(root: Path) -> list[str]:
    """Private details of the server's libraries read only by the adapter; those libraries imported only
    by the transport (and the command that starts daphne); the domain never importing the transport."""
    problems = []
    for path in python_files(root):
        where = path.relative_to(root).as_posix()
        if where != ADAPTER:
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if PRIVATE.search(line):
                    problems.append(f"{where}:{number} reads a private detail: {line.strip()[:80]}")
        for module in imports_of(path):
            top = module.split(".")[0]
            if top in SERVER_LIBRARIES and not (where.startswith(TRANSPORT) or where.endswith("commands/serve.py")):
                problems.append(f"{where} imports {module}: only the live transport talks to the server")
            if module.startswith("committee.live") and any(where.startswith(d) for d in DOMAIN):
                problems.append(f"{where} imports {module}: the domain never names the transport")
    return problems


# A page's address in a template or a module, typed by hand instead of reversed from its URL's name.
TYPED_PATH = re.compile(r"""(href|action|src|hx-get|hx-post|ws-connect|data-[\w-]+)="/(?!static/)|/c/\{\{""")
TYPED_PATH_IN_PYTHON = re.compile(r"""["'{}]/(c|join|signin|admin|ws)/""")


def typed_paths(root: Path) -> list[str]:
    """Addresses typed by hand: every page's address comes from {% url %} (or reverse())."""
    problems = []
    for path in sorted((root / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if TYPED_PATH.search(line):
                problems.append(f"{path.relative_to(root)}:{number} types an address: {line.strip()[:80]}")
    for path in python_files(root):
        if path.name in ("urls.py", "routing.py") or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if TYPED_PATH_IN_PYTHON.search(line):
                problems.append(f"{path.relative_to(root)}:{number} types an address: {line.strip()[:80]}")
    return problems


# A page that finds its committee itself instead of through committee/visits.py's `visit`.
OWN_COMMITTEE_READ = re.compile(r"get_object_or_404\(\s*Committee\b|Committee\.objects\b.*\bslug=")


def view_modules(root: Path) -> list[Path]:
    """The modules an app's urls.py takes its pages from."""
    found = []
    for app in LAYERS:
        urls = root / app / "urls.py"
        if not urls.exists():
            continue
        for node in ast.walk(ast.parse(urls.read_text(), str(urls))):
            if isinstance(node, ast.ImportFrom) and node.module == app:
                found += [m for alias in node.names if (m := module_file(root, f"{app}.{alias.name}"))]
    return found


def pages_without_a_visit(root: Path) -> list[str]:
    """Every page starts with `visit` (the committee of the link, 404 if none, and who is asking):
    one way in, so a refusal or a 404 reads the same on every page."""
    problems = []
    for path in view_modules(root):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if OWN_COMMITTEE_READ.search(line):
                problems.append(f"{path.relative_to(root)}:{number} reads its committee itself: use visits.visit")
    return problems


def module_file(root: Path, module: str) -> Path | None:
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def files_imported(root: Path, path: Path) -> set[Path]:
    """The app modules a module imports, anywhere in it (in a function, under TYPE_CHECKING: a circle
    hidden there is still a circle a reader must hold in mind)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from committee.live import ballot_box` names the module ballot_box, not the package
            modules = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for module in modules:
            if module.split(".")[0] in LAYERS and (target := module_file(root, module)) not in (None, path):
                found.add(target)
                break
    return found


def import_circles(root: Path) -> list[str]:
    """Modules that import each other, directly or round a circle (a package's __init__ excepted: it
    only gathers its modules' names)."""
    graph = {
        path: {t for t in files_imported(root, path) if t.name != "__init__.py"}
        for app in LAYERS
        for path in app_files(root, app, ".py")
        if "migrations" not in path.parts and path.name != "__init__.py"
    }
    index: dict[Path, int] = {}
    low: dict[Path, int] = {}
    stack: list[Path] = []
    circles = []

    def visit(node: Path) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while (member := stack.pop()) != node:
                component.append(member)
            component.append(node)
            if len(component) > 1:
                names = sorted(str(p.relative_to(root)) for p in component)
                circles.append(f"an import circle: {', '.join(names)}")

    for node in graph:
        if node not in index:
            visit(node)
    return circles


CHECKS = [
    upward_imports,
    import_circles,
    names_of_higher_apps,
    client_ids_of_higher_apps,
    undescribed_journal_kinds,
    long_modules,
    transport_apart,
    typed_paths,
    pages_without_a_visit,
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_the_house_keeps_its_rule(check):
    assert check(ROOT) == []


def test_every_action_writes_a_kind_of_journal_entry_the_minutes_can_describe():
    written = journal_kinds_written(ROOT)
    assert len(written) >= 30  # the scan finds the actions (a scan that finds nothing proves nothing)
    for kind in written:
        assert PARTS.journal_kind(kind) is not None, kind


# ---- each check catches what it claims: one planted violation of each kind --------------------------


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the apps, templates and client script to plant violations in."""
    for name in ("committee", "debate", "resolutions", "record", "config", "templates", "static"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def plant(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


VIOLATIONS = {
    "committee imports debate": (
        "committee/live/broadcast.py",
        "\nfrom debate.state import load_debate\n",
        upward_imports,
    ),
    "debate imports resolutions by import_module": (
        "debate/part.py",
        "\nimport_module('resolutions.models')\n",
        upward_imports,
    ),
    "an app imports config": ("debate/rules.py", "\nimport config.settings\n", upward_imports),
    "the drafts import the record": (
        "resolutions/part.py",
        "\nfrom record.minutes import read_minutes\n",
        upward_imports,
    ),
    "a drafts template includes the record's": (
        "templates/resolutions/chair.html",
        '\n{% include "record/chair.html" %}\n',
        names_of_higher_apps,
    ),
    "a committee template includes a debate template": (
        "templates/committee/chair.html",
        '\n{% include "debate/chair.html#now" %}\n',
        names_of_higher_apps,
    ),
    "a committee template reads the debate's state": (
        "templates/committee/projector.html",
        "\n{{ state.parts.debate.phase_label }}\n",
        names_of_higher_apps,
    ),
    "the client script knows a debate region": (
        "static/js/live/connection.js",
        '\ndocument.querySelector("#speakers [data-key]");\n',
        client_ids_of_higher_apps,
    ),
    "an action writes an undeclared journal kind": (
        "debate/actions/effects.py",
        '\ndef _quiet(step):\n    step.record("floor.silenced", changes={"debate.phase"})\n',
        undescribed_journal_kinds,
    ),
    "an action writes a kind the scan cannot read": (
        "debate/actions/effects.py",
        '\ndef _quiet(step, kind):\n    step.record(kind, changes={"debate.phase"})\n',
        undescribed_journal_kinds,
    ),
    "a client script grows past one sitting": (
        "static/js/live/screen.js",
        "\n" + "\n".join(f"var line{n} = {n};" for n in range(MAX_LINES)) + "\n",
        long_modules,
    ),
    "the relay reads Twisted's buffer": (
        "committee/live/relay.py",
        "\n\ndef waiting(transport):\n    return transport.dataBuffer\n",
        transport_apart,
    ),
    "a view reaches into daphne": ("committee/views.py", "\nimport daphne.server\n", transport_apart),
    "the domain names the transport": (
        "committee/state.py",
        "\nfrom committee.live.memory import MEMORY\n",
        transport_apart,
    ),
    "a template types a page's address": (
        "templates/debate/chair.html",
        '\n<a href="/c/{{ committee.slug }}/chair/">back</a>\n',
        typed_paths,
    ),
    "a view types a page's address": (
        "committee/views.py",
        '\nBACK = f"/c/{slug}/chair/"\n',
        typed_paths,
    ),
    "the process memory imports the ballot box that reads it": (
        "committee/live/memory.py",
        "\nfrom committee.live.ballot_box import BallotBox\n",
        import_circles,
    ),
    "a model's module imports its neighbour back, under TYPE_CHECKING": (
        "committee/models/committee.py",
        "\nif TYPE_CHECKING:\n    from committee.models.sittings import Sitting\n",
        import_circles,
    ),
    "a page reads its committee itself": (
        "record/marking_views.py",
        "\n\ndef page(request, slug):\n    return get_object_or_404(Committee, slug=slug)\n",
        pages_without_a_visit,
    ),
    "a module grows past one sitting": (
        "debate/actions/motions.py",
        "\n" + "\n".join(f"LINE_{n} = {n}" for n in range(MAX_LINES)) + "\n",
        long_modules,
    ),
}


@pytest.mark.parametrize("violation", VIOLATIONS, ids=list(VIOLATIONS))
def test_a_planted_violation_is_caught(tree, violation):
    relative, text, check = VIOLATIONS[violation]
    assert check(tree) == []
    plant(tree / relative, text)
    problems = check(tree)
    assert problems, f"{check.__name__} missed: {violation}"
    print(f"{violation}: {problems[0]}")
