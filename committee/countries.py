"""Delegations named in each language: a member state's name, as the committee keeps it in English,
read as the UN's short name in the screen's language (CLDR's name, from Babel, where the UN's does not
differ). A delegation that is no country (an organization) keeps its own name."""

from __future__ import annotations

from functools import cache

from babel import Locale
from django.utils import translation

# The UN's short names where CLDR's common name differs, by ISO code: English, French, Spanish,
# Arabic, Russian, Chinese (the UN Terminology Database's short forms).
UN_NAMES = {
    "RU": ("Russian Federation", "Fédération de Russie", "Federación de Rusia", "الاتحاد الروسي",
           "Российская Федерация", "俄罗斯联邦"),
    "US": ("United States of America", "États-Unis d'Amérique", "Estados Unidos de América",
           "الولايات المتحدة الأمريكية", "Соединенные Штаты Америки", "美利坚合众国"),
    "GB": ("United Kingdom", "Royaume-Uni", "Reino Unido", "المملكة المتحدة", "Соединенное Королевство", "联合王国"),
    "IR": ("Iran (Islamic Republic of)", "Iran (République islamique d')", "Irán (República Islámica del)",
           "إيران (جمهورية - الإسلامية)", "Иран (Исламская Республика)", "伊朗伊斯兰共和国"),
    "KR": ("Republic of Korea", "République de Corée", "República de Corea", "جمهورية كوريا", "Республика Корея",
           "大韩民国"),
    "KP": ("Democratic People's Republic of Korea", "République populaire démocratique de Corée",
           "República Popular Democrática de Corea", "جمهورية كوريا الشعبية الديمقراطية",
           "Корейская Народно-Демократическая Республика", "朝鲜民主主义人民共和国"),
    "VN": ("Viet Nam", "Viet Nam", "Viet Nam", "فييت نام", "Вьетнам", "越南"),
    "SY": ("Syrian Arab Republic", "République arabe syrienne", "República Árabe Siria", "الجمهورية العربية السورية",
           "Сирийская Арабская Республика", "阿拉伯叙利亚共和国"),
    "TR": ("Türkiye", "Türkiye", "Türkiye", "تركيا", "Турция", "土耳其"),
    "TZ": ("United Republic of Tanzania", "République-Unie de Tanzanie", "República Unida de Tanzanía",
           "جمهورية تنزانيا المتحدة", "Объединенная Республика Танзания", "坦桑尼亚联合共和国"),
    "BO": ("Bolivia (Plurinational State of)", "Bolivie (État plurinational de)", "Bolivia (Estado Plurinacional de)",
           "بوليفيا (دولة - المتعددة القوميات)", "Боливия (Многонациональное Государство)", "多民族玻利维亚国"),
    "VE": ("Venezuela (Bolivarian Republic of)", "Venezuela (République bolivarienne du)",
           "Venezuela (República Bolivariana de)", "فنزويلا (جمهورية - البوليفارية)",
           "Венесуэла (Боливарианская Республика)", "委内瑞拉玻利瓦尔共和国"),
    "MD": ("Republic of Moldova", "République de Moldova", "República de Moldova", "جمهورية مولدوفا",
           "Республика Молдова", "摩尔多瓦共和国"),
    "LA": ("Lao People's Democratic Republic", "République démocratique populaire lao",
           "República Democrática Popular Lao", "جمهورية لاو الديمقراطية الشعبية",
           "Лаосская Народно-Демократическая Республика", "老挝人民民主共和国"),
    "CD": ("Democratic Republic of the Congo", "République démocratique du Congo", "República Democrática del Congo",
           "جمهورية الكونغو الديمقراطية", "Демократическая Республика Конго", "刚果民主共和国"),
    "PS": ("State of Palestine", "État de Palestine", "Estado de Palestina", "دولة فلسطين", "Государство Палестина",
           "巴勒斯坦国"),
    "VA": ("Holy See", "Saint-Siège", "Santa Sede", "الكرسي الرسولي", "Святой Престол", "教廷"),
}  # fmt: skip
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
# Other English names a committee may have typed for a code.
ALSO_CALLED = {
    "Islamic Republic of Iran": "IR",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "Russia": "RU",
    "United States": "US",
    "Vietnam": "VN",
    "Turkey": "TR",
    "South Korea": "KR",
    "Czech Republic": "CZ",
    "Netherlands (Kingdom of the)": "NL",
}


@cache
def _codes() -> dict[str, str]:
    """A country's code by its English name: CLDR's, the UN's, and the other names above."""
    codes = {name: code for code, name in Locale("en").territories.items() if len(code) == 2 and code.isalpha()}
    codes.update({names[0]: code for code, names in UN_NAMES.items()})
    codes.update(ALSO_CALLED)
    return codes


def code_of(name: str) -> str | None:
    return _codes().get(name)


@cache
def _name_in(name: str, language: str) -> str:
    code = code_of(name)
    if code is None:
        return name
    short = language[:2]
    if code in UN_NAMES and short in LANGUAGES:
        return UN_NAMES[code][LANGUAGES.index(short)]
    return Locale.parse(translation.to_locale(language)).territories.get(code, name)


class CountryName:
    """A delegation's name inside a refusal made by an action (which runs in the default language):
    worded when the refusal is shown, in the reader's language."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return country_name(self.name)


def country_name(name: str) -> str:
    """A delegation's name in the active language ("Canada" is "Canadá" in Spanish); in English, and
    for a delegation that is no country, its name as kept."""
    language = translation.get_language() or "en"
    if language.startswith("en"):
        return name
    return _name_in(name, language)
