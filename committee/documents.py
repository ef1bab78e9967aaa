"""The committee's documents as Word files (python-docx): the page (A4 or US Letter, as the committee
says), plain black Times New Roman styles in the document's language (not the template's blue), the
symbol in the header, the page number in the footer, a masthead with its rule. The higher apps lay out
their documents (the minutes, the resolutions) with these."""

from __future__ import annotations

from babel.dates import format_date
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

PAPER = {"A4": (Cm(21.0), Cm(29.7)), "Letter": (Cm(21.59), Cm(27.94))}
MARGIN = Cm(2.5)
LANGUAGE = "en-GB"
INK = RGBColor(0, 0, 0)


def plain_styles(document, size: int = 11) -> None:
    """Times New Roman throughout, black headings, the document's language."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        style.font.name, style.font.color.rgb = "Times New Roman", INK
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme's font would win over the name set above
    document.styles["Normal"].font.size = Pt(size)
    for name, points in (("Title", 16), ("Heading 1", 13), ("Heading 2", 12), ("Heading 3", 11)):
        document.styles[name].font.size = Pt(points)
    title = document.styles["Title"].element.get_or_add_pPr()
    for border in title.findall(qn("w:pBdr")):
        title.remove(border)  # the template's blue rule under the title
    run_defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    # The document's language: the active one (the minutes': the committee's), as Word names it.
    tag = translation.to_locale(translation.get_language() or LANGUAGE).replace("_", "-")
    language.set(qn("w:val"), tag)
    document.core_properties.language = tag


def page(section, paper: str, symbol: str) -> None:
    """The page (A4 or US Letter), its margins, the symbol in the header and the page number below."""
    section.page_width, section.page_height = PAPER.get(paper, PAPER["A4"])
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    section.header.is_linked_to_previous = section.footer.is_linked_to_previous = False
    head = section.header.paragraphs[0]
    head.text = symbol
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field(foot, "PAGE")


def field(paragraph, instruction: str) -> None:
    """A field Word and LibreOffice fill in (PAGE: this page's number), with "1" shown until they do."""
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None), ("text", "1"),
                       ("end", None)):  # fmt: skip
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def text_width(document) -> float:
    """The width between the margins of the last section, in centimetres."""
    section = document.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 360000  # EMU to cm


def rule(document) -> None:
    """A thin line across the page, under a masthead."""
    paragraph = document.add_paragraph()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _locale() -> str:
    return translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)


def day_words(moment) -> str:
    """ "7 December 2026", as the UN dates its documents; in another language as CLDR writes a long
    date in it ("7 décembre 2026", "2026年12月7日")."""
    if _locale().startswith("en"):
        return f"{moment.day} {moment:%B %Y}"
    return format_date(moment, "long", locale=_locale())


def original() -> str:
    """The language a document is written in, named in it: "English", "español"."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return str(translation.get_language_info("en" if code.startswith("en") else code)["name_translated"])


def full_day_words(moment) -> str:
    """ "Monday, 7 December 2026", with its weekday."""
    if _locale().startswith("en"):
        return f"{moment:%A}, {day_words(moment)}"
    return format_date(moment, "full", locale=_locale())


def masthead(document, issuer: str, symbol: str, issued, width: float) -> None:
    """A UN document's first lines: who issues it on the left; its symbol, distribution, date of issue
    and original language on the right; a rule under them."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for cell, share in ((left, 0.55), (right, 0.45)):
        cell.width = Cm(width * share)
    left.paragraphs[0].add_run(issuer).bold = True
    mark = right.paragraphs[0].add_run(symbol)
    mark.bold, mark.font.size = True, Pt(14)
    for line in (_("Distr.: General"), day_words(issued), _("Original: %(original)s") % {"original": original()}):
        right.add_paragraph(line)
    rule(document)
