"""decode_html on the saved GBK, Big5 and mis-declared pages and on crafted bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.core.encoding import decode_html

PAGES = Path(__file__).parents[1] / "resources" / "pages"
MOJIBAKE_MARKS = ("\ufffd", "Ã", "â€", "锟斤拷", "ï¿½")


def page_bytes(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def assert_clean(text: str) -> None:
    for mark in MOJIBAKE_MARKS:
        assert mark not in text


def test_gbk_page_declared_gbk_decodes_with_gb18030() -> None:
    text, encoding = decode_html(page_bytes("premier-history-gbk"), None)
    assert encoding == "gb18030"
    # 镕 and 喆 are outside GB2312: only a GBK superset decodes them
    assert "朱镕" in text and "喆哥是厂里的老钳工" in text
    assert "老档案里的城市记忆：一座老厂房的百年变迁" in text
    assert_clean(text)


def test_big5_page_with_hkscs_characters() -> None:
    text, encoding = decode_html(page_bytes("hk-tram-big5"), None)
    assert encoding == "big5hkscs"
    assert "叮叮車一百二十年：香港電車的城市記憶" in text
    # 啲 and 嘅-family Cantonese characters live in HKSCS, not plain Big5
    assert "以前啲乘客好多都係熟客" in text
    assert_clean(text)


def test_page_declared_utf8_but_served_as_gbk() -> None:
    body = page_bytes("misdeclared-gbk-utf8")
    assert b'charset="utf-8"' in body or b"charset=utf-8" in body
    text, encoding = decode_html(body, None)
    assert encoding in ("gb18030", "cp936")
    assert "高校毕业生就业季：企业更看重实践能力" in text
    assert_clean(text)


def test_http_header_wrongly_says_utf8_for_gbk_body() -> None:
    text, encoding = decode_html(page_bytes("premier-history-gbk"), "text/html; charset=UTF-8")
    assert encoding == "gb18030"
    assert "一座红砖厂房静静矗立了一百多年" in text


def test_utf8_body_wins_over_wrong_legacy_declaration() -> None:
    body = '<html><head><meta charset="gb2312"></head><body><p>你好，世界。Café</p></body></html>'.encode()
    text, encoding = decode_html(body, "gbk")
    assert encoding == "utf-8"
    assert "你好，世界。Café" in text


def test_http_charset_beats_meta_for_legacy_pages() -> None:
    body = '<meta charset="iso-8859-1"><p>中文内容测试，一段足够长的文字。</p>'.encode("gbk")
    text, encoding = decode_html(body, "GB2312")
    assert encoding == "gb18030"
    assert "中文内容测试" in text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")],
)
def test_bom_beats_everything(bom: bytes, codec: str) -> None:
    body = bom + '<meta charset="gbk"><p>Grüße, 世界</p>'.encode(codec)
    text, _ = decode_html(body, "iso-8859-1")
    assert "Grüße, 世界" in text
    assert not text.startswith("\ufeff")


def test_latin1_label_decodes_as_windows_1252() -> None:
    body = '<meta charset="iso-8859-1"><p>It\u2019s a “quote” – café</p>'.encode("cp1252")
    text, encoding = decode_html(body, None)
    assert encoding == "cp1252"
    assert "It\u2019s a “quote” – café" in text


def test_undeclared_gbk_is_detected() -> None:
    sentence = "随着主汛期临近，多地近日组织开展防汛应急演练，检验应急预案的可操作性，提升抢险救援队伍的实战能力。"
    body = f"<html><body><p>{sentence * 3}</p></body></html>".encode("gb18030")
    text, encoding = decode_html(body, None)
    assert sentence in text, encoding


def test_empty_and_undecodable_bodies_never_raise() -> None:
    assert decode_html(b"", None) == ("", "utf-8")
    text, _ = decode_html(b"<p>\xff\xfe\xfa broken \x81</p>", "utf-8")
    assert "broken" in text
    text, _ = decode_html(b"<p>plain ascii</p>", "no-such-charset")
    assert text == "<p>plain ascii</p>"


# ------------------------------------------------------------------ generalization checks


def _page(body_html: str, head: str = "", lang: str = "") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (f"<!DOCTYPE html><html{lang_attr}><head>{head}<title>News</title>"
            '<link rel="stylesheet" href="/s.css"><script>var x = 1;</script></head>'
            '<body><div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>'
            f"{body_html}<div class=\"footer\">Copyright 2024</div></body></html>")


def test_gbk_page_without_any_charset_declaration() -> None:
    article = ("<h1>防汛演练：提前准备才能临危不乱</h1><p>随着主汛期临近，多地近日组织开展防汛应急演练，"
               "检验应急预案的可操作性。</p><p>市民王先生说：“今年的准备比往年早，心里踏实多了。”</p>"
               "<p>朱镕基题写的厂名仍挂在门口，喆哥说这块牌子见证了工厂几十年的变化。</p>")
    body = _page(article).encode("gbk")
    assert b"charset" not in body
    text, encoding = decode_html(body, None)
    assert encoding in ("gb18030", "cp936")
    assert "市民王先生说：“今年的准备比往年早，心里踏实多了。”" in text
    assert "朱镕基" in text and "喆哥" in text
    assert_clean(text)


def test_utf8_bom_wins_over_meta_gbk_and_http_gbk() -> None:
    body = b"\xef\xbb\xbf" + _page("<p>地铁14号线东段今日开通，Café “open”.</p>",
                                   head='<meta http-equiv="Content-Type" content="text/html; charset=gbk">').encode()
    text, encoding = decode_html(body, "text/html; charset=GBK")
    assert encoding == "utf_8"
    assert "地铁14号线东段今日开通，Café “open”." in text
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("declared", [True, False])
def test_shift_jis_page(declared: bool) -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">' if declared else ""
    sentence = "東京都は、新しい防災計画を発表しました。住民の皆さんは、避難場所を確認してください。"
    # ① and ～ exist only in Microsoft's cp932 extension, which is what "Shift_JIS" pages use
    extra = "①～" if declared else ""
    body = _page(f"<p>{sentence}{extra}</p>", head=head, lang="ja").encode("cp932")
    text, encoding = decode_html(body, None)
    assert encoding in ("cp932", "shift_jis")
    assert sentence + extra in text
    assert_clean(text)


def test_windows_1252_smart_quotes_declared_as_iso_8859_1_in_header_and_meta() -> None:
    para = "<p>“It’s the best café in town,” said José Muñoz – and he’s not wrong… €4 a cup.</p>"
    body = _page(para, head='<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252")
    for header in (None, "text/html; charset=iso-8859-1"):
        text, encoding = decode_html(body, header)
        assert encoding == "cp1252"
        assert para in text
        assert_clean(text)


def test_undeclared_windows_1252_is_not_read_as_central_european() -> None:
    # Detectors score cp1250 as well as cp1252 here, which would give "Seńor" and "naďve".
    para = "<p>The Señor’s naïve façade – a “quote”, the piñata and the crème brûlée.</p>"
    text, encoding = decode_html(_page(para).encode("cp1252"), None)
    assert para in text, encoding


def test_undeclared_central_european_page_with_lang_keeps_its_code_page() -> None:
    para = "<p>Zażółć gęślą jaźń, powiedział pan Łukasz w środę wieczorem w Krakowie.</p>"
    text, encoding = decode_html(_page(para, lang="pl").encode("cp1250"), None)
    assert para in text, encoding
