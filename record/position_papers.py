"""Position papers: a delegation uploads its own from its phone, or the Board or the secretariat
uploads it for a delegation; the Board and the secretariat read it in the browser (a PDF as itself, a
DOCX as a page of its paragraphs) and mark it on the marks page.

A file is taken only if its content is what its name says: a PDF begins with "%PDF-", a DOCX is a
zip holding a Word document. Too big, empty, or anything else: refused in words, nothing stored."""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from committee.models import Delegation
from committee.visits import as_board, as_phone, refuse, visit
from record.models import PositionPaper


class BadFile(Exception):
    pass


def checked_kind(name: str, content: bytes) -> str:
    """ "pdf" or "docx": what the file is, by its content, which must agree with its name."""
    if not content:
        raise BadFile(_("The file is empty."))
    _check_size(len(content))
    said = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if said not in ("pdf", "docx"):
        raise BadFile(_("A position paper is a PDF or a Word document (.docx)."))
    found = "pdf" if content.startswith(b"%PDF-") else "docx" if _is_docx(content) else ""
    if found != said:
        raise BadFile(
            _("%(name)s is not a %(said)s file, whatever its name says.") % {"name": name[:80], "said": said.upper()}
        )
    return found


def _check_size(size: int) -> None:
    if size > settings.POSITION_PAPER_LARGEST:
        raise BadFile(
            _("The file is %(size)s: a position paper may be %(position_paper_largest)s at most.")
            % {"size": filesizeformat(size), "position_paper_largest": filesizeformat(settings.POSITION_PAPER_LARGEST)}
        )


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def store(delegation: Delegation, upload, by: str) -> PositionPaper:
    """The delegation's paper, replaced by the upload once it is checked."""
    if upload is None:
        raise BadFile(_("Choose the file first."))
    _check_size(upload.size)  # before reading it
    content = upload.read()
    kind = checked_kind(upload.name, content)
    paper, _created = PositionPaper.objects.update_or_create(
        delegation=delegation,
        defaults={
            "filename": upload.name[-200:],
            "kind": kind,
            "content": content,
            "size": len(content),
            "uploaded_by": by,
        },
    )
    return paper


def docx_paragraphs(content: bytes) -> list[tuple[str, str]]:
    """A DOCX's paragraphs as (tag, text): its headings as h2, the rest as p; empty ones left out."""
    from docx import Document

    out = []
    for paragraph in Document(io.BytesIO(content)).paragraphs:
        text = paragraph.text.strip()
        if text:
            heading = (paragraph.style.name or "").startswith(("Heading", "Title"))
            out.append(("h2" if heading else "p", text))
    return out


# ---- the pages ---------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def own_paper(request: HttpRequest, slug: str) -> HttpResponse:
    """A delegation's phone: its paper, and the form to upload it (again)."""
    committee, actor = visit(request, slug, as_phone)
    if actor is None:
        message = _("This page is a delegation's: open it from your delegation's phone, after its join link.")
        return refuse(request, message)
    delegation = actor.delegation
    problem = ""
    if request.method == "POST":
        try:
            store(delegation, request.FILES.get("paper"), delegation.name)
            return redirect("position-paper", slug)
        except BadFile as error:
            problem = f"{error} Nothing was uploaded."
    paper = PositionPaper.objects.filter(delegation=delegation).defer("content").first()
    context = {
        "committee": committee,
        "delegation": delegation,
        "paper": paper,
        "problem": problem,
        "largest": settings.POSITION_PAPER_LARGEST,
    }
    return render(request, "record/position_paper.html", context, status=400 if problem else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def paper_of(request: HttpRequest, slug: str, delegation_id: int) -> HttpResponse:
    """The Board and the secretariat: read a delegation's paper, or upload it for the delegation."""
    committee, actor = visit(request, slug, as_board)
    if actor is None:
        return refuse(request, _("Position papers are read by the Executive Board and the secretariat."))
    delegation = get_object_or_404(Delegation, committee=committee, pk=delegation_id)
    if request.method == "POST":
        try:
            store(delegation, request.FILES.get("paper"), actor.label)
        except BadFile as error:
            return refuse(request, f"{error} Nothing was uploaded for {delegation.name}.", 400)
        return redirect("position-paper-of", slug, delegation.pk)
    paper = PositionPaper.objects.filter(delegation=delegation).first()
    if paper is not None and paper.kind == "pdf" and request.GET.get("as") == "file":
        response = HttpResponse(bytes(paper.content), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{delegation.name} position paper.pdf"'
        return response
    paragraphs = docx_paragraphs(bytes(paper.content)) if paper is not None and paper.kind == "docx" else []
    context = {
        "committee": committee,
        "delegation": delegation,
        "paper": paper,
        "paragraphs": paragraphs,
        "largest": settings.POSITION_PAPER_LARGEST,
    }
    return render(request, "record/position_paper_of.html", context)
