"""The catalogues: every key in every language, the same placeholders, every code named."""

from __future__ import annotations

import pytest

from dashboard import i18n, ui
from dashboard.i18n import en
from pipelines import sql, vocab

LANGS = sorted(i18n.LANGUAGES)


def test_one_catalogue_file_per_language() -> None:
    assert set(i18n.CATALOGUES) == {"en", "th", "lo"} == set(i18n.LANGUAGES)


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_in_every_language(lang: str) -> None:
    catalogue = i18n.CATALOGUES[lang]
    assert sorted(set(en.STRINGS) - set(catalogue)) == [], "missing"
    assert sorted(set(catalogue) - set(en.STRINGS)) == [], "not in en.py"
    assert [k for k, v in catalogue.items() if not v.strip()] == [], "empty"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_the_same(lang: str) -> None:
    differ = {key: (i18n.placeholders(text), i18n.placeholders(i18n.CATALOGUES[lang][key]))
              for key, text in en.STRINGS.items()
              if i18n.placeholders(text) != i18n.placeholders(i18n.CATALOGUES[lang][key])}
    assert differ == {}


def _code_keys() -> list[str]:
    keys = [f"{name}.{code}" for name, codes in vocab.VOCABULARIES.items() for code in codes]
    keys += [f"nationality.{c}" for c in vocab.COUNTRIES]
    keys += [f"sources.{s}" for s in ("chiang_rai", "bokeo", "both")]
    keys += [f"debt_band.{label}" for label in sql.DEBT_BAND_LABELS.values()]
    keys += [f"field.{f}" for f in ("sex", "age", "nationality", "recruitment_channel",
                                    "exploitation", "site", "link_key", "first_step_date",
                                    "screening_result", "education", "control_means",
                                    "lao_outcome", "victim_screened")]
    keys += [f"figure.{f}" for f in ("potential_victims", "identified_victims",
                                     "thai_nationals", "lao_nationals")]
    keys += [f"file_kind.{k}" for k in ("workbook", "persons", "fines")]
    keys += [f"file_status.{s}" for s in ("loaded", "rejected")]
    return keys


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_of_vocab_is_named(lang: str) -> None:
    missing = [key for key in _code_keys() if key not in i18n.CATALOGUES[lang]]
    assert missing == []


def test_thai_and_lao_are_translated_not_copied() -> None:
    """Words (not codes such as age bands or numbers) differ from English."""
    neutral = {k for k, v in en.STRINGS.items()
               if k.startswith(("fmt.", "age_band.", "debt_band.", "durations.pair"))}
    for lang in ("th", "lo"):
        same = [k for k, v in i18n.CATALOGUES[lang].items()
                if k not in neutral and v == en.STRINGS[k]]
        assert same == [], lang


def test_filter_and_statistic_labels_exist() -> None:
    for _, label, _ in ui.FILTERS.values():
        assert label in en.STRINGS
    for key in ui.STAT_COLUMNS:
        assert key in en.STRINGS


def test_codes_in_words() -> None:
    assert i18n.code("channel", "facebook", "th") == "เฟซบุ๊ก"
    assert i18n.code("step", "handed_over", "lo") == "ສົ່ງມອບ"
    assert i18n.code("sex", None, "en") == "Unknown"
    assert i18n.code("country", "total", "lo") == "ລວມ"
    assert i18n.direction("TH-LA", "en") == "Thailand → Lao PDR"
    assert i18n.direction("LA-TH", "th") == "สปป.ลาว → ไทย"
    assert i18n.direction("unknown", "en") == "Unknown"


def test_numbers_per_language() -> None:
    assert i18n.number(1234567, "en") == "1,234,567"
    assert i18n.number(1234.56, "th", 1) == "1,234.6"
    assert i18n.number(1234.56, "lo", 1) == "1.234,6"
    assert i18n.number("<5", "lo") == "<5"
    assert i18n.number(float("nan"), "en") == "–"
    assert i18n.signed(44, "en") == "+44" and i18n.signed(-3, "en") == "-3"
    assert i18n.plotly_separators("en") == ".," and i18n.plotly_separators("lo") == ",."
    for lang in LANGS:
        assert i18n.translate("fmt.group", lang) != i18n.translate("fmt.decimal", lang)


def test_buddhist_era_years() -> None:
    assert i18n.year(2021, "th", buddhist_era=True) == "2564"
    assert i18n.year("2021", "th", buddhist_era=True) == "2564"
    assert i18n.year(2021, "th") == "2021"
    assert i18n.year("unknown", "th", True) == "ไม่ทราบปี"
    assert i18n.year("total", "en") == "Total"


def test_missing_string_falls_back_to_english_then_key() -> None:
    assert i18n.translate("nav.overview", "xx") == "Overview"
    assert i18n.translate("no.such.key", "th") == "no.such.key"
    assert i18n.translate("common.as_of", "th", date="1/1/2569").endswith("1/1/2569")
