"""Sanitizing feed HTML: safety, lazy images, absolute URLs, trackers, empty wrappers."""

from __future__ import annotations

from archiver.core.htmlclean import largest_srcset_candidate, sanitize_html
from archiver.pipelines.images import img_srcs

BASE = "https://news.example.com/2022/05/09/story.html"


def test_scripts_handlers_and_javascript_urls_never_survive() -> None:
    dirty = (
        '<p onclick="steal()">Hi<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">x</a><a href=" JaVaScRiPt:alert(2)">y</a>'
        '<img src="/a.jpg" onerror="alert(3)"><style>p{color:red}</style>'
        '<iframe src="https://evil.example/"></iframe><svg onload="x()"><circle/></svg>'
        '<form action="/post"><input name="q"></form>'
    )
    clean = sanitize_html(dirty, BASE)
    lowered = clean.lower()
    for banned in ("<script", "onclick", "onerror", "onload", "javascript:", "<style", "<iframe", "<svg", "<form", "alert"):
        assert banned not in lowered, banned
    assert "Hi" in clean and 'src="https://news.example.com/a.jpg"' in clean


def test_iframes_kept_only_when_allowed() -> None:
    html = '<p>Watch:</p><iframe src="//video.example/embed/1" onload="x()"></iframe>'
    assert "<iframe" not in sanitize_html(html, BASE)
    allowed = sanitize_html(html, BASE, allow_iframes=True)
    assert '<iframe src="https://video.example/embed/1"' in allowed and "onload" not in allowed


def test_lazy_image_attributes_are_promoted() -> None:
    html = (
        '<img src="data:image/gif;base64,R0lGOD" data-original="/img/1.jpg">'
        '<img src="/static/loading.gif" data-src="img/2.jpg">'
        '<img data-lazy-src="https://cdn.example/3.jpg">'
        '<img data-actualsrc="//cdn.example/4.jpg">'
        '<img srcset="/5-small.jpg 320w, /5-large.jpg 1280w, /5-mid.jpg 640w">'
    )
    assert img_srcs(sanitize_html(html, BASE)) == [
        "https://news.example.com/img/1.jpg",
        "https://news.example.com/2022/05/09/img/2.jpg",
        "https://cdn.example/3.jpg",
        "https://cdn.example/4.jpg",
        "https://news.example.com/5-large.jpg",
    ]


def test_relative_links_become_absolute() -> None:
    clean = sanitize_html('<p><a href="../08/other.html">prev</a> <a href="#top">top</a></p>', BASE)
    assert 'href="https://news.example.com/2022/05/08/other.html"' in clean
    assert 'href="#top"' in clean


def test_tracking_pixels_and_empty_wrappers_are_dropped() -> None:
    html = (
        '<div><p>Story text.</p><p><span> </span></p><div>\u3000</div>'
        '<img src="http://feeds.feedburner.com/~r/example/~4/abc" height="1" width="1">'
        '<img src="https://stats.example/pixel.gif?u=1">'
        '<img src="/real.jpg" width="1" height="1"></div>'
    )
    clean = sanitize_html(html, BASE)
    assert img_srcs(clean) == []
    assert "<span>" not in clean and clean.count("<p>") == 1 and "Story text." in clean


def test_chinese_text_and_entities_are_kept() -> None:
    clean = sanitize_html("<p>就业与老百姓的“饭碗”和“钱袋”息息相关&amp;</p>", BASE)
    assert "就业与老百姓的“饭碗”和“钱袋”息息相关&amp;" in clean


def test_srcset_picks_the_largest_candidate() -> None:
    assert largest_srcset_candidate("a.jpg 1x, b.jpg 2x") == "b.jpg"
    assert largest_srcset_candidate("a.jpg 800w, b.jpg 400w") == "a.jpg"
    assert largest_srcset_candidate("") is None
    assert largest_srcset_candidate("/img,w_320.jpg 320w, /img,w_1280.jpg 1280w") == "/img,w_1280.jpg"


def test_source_line_breaks_inside_paragraphs_are_folded() -> None:
    clean = sanitize_html("<p>Stocks drifted in\n   thin trading</p><p>就业与老百姓的\n“饭碗”息息相关</p>"
                          "<pre><code>a = 1\n    b = 2</code></pre>", BASE)
    assert "<p>Stocks drifted in thin trading</p>" in clean
    assert "<p>就业与老百姓的“饭碗”息息相关</p>" in clean  # no space between CJK characters
    assert "a = 1\n    b = 2" in clean


def test_korean_thai_and_latin_keep_their_spaces_across_folded_line_breaks() -> None:
    # A real Korean news paragraph as the source wrapped it: Hangul separates words with
    # spaces, so a folded line break is a space and the typed spaces all stay.
    korean = ("<p>남상미 연기가 ‘숨바꼭질’ 이유리보다\n돋보인 이유</p>"
              "<p>배우 남상미가 드라마에서 보여준 연기가\n  시청자들의 호평을 받고 있다.</p>")
    clean = sanitize_html(korean, BASE)
    assert "<p>남상미 연기가 ‘숨바꼭질’ 이유리보다 돋보인 이유</p>" in clean
    assert "<p>배우 남상미가 드라마에서 보여준 연기가 시청자들의 호평을 받고 있다.</p>" in clean
    thai = sanitize_html("<p>กรุงเทพมหานคร เป็นเมืองหลวง\nของประเทศไทย</p>", BASE)
    assert "<p>กรุงเทพมหานคร เป็นเมืองหลวง ของประเทศไทย</p>" in thai


def test_only_the_folded_break_goes_between_han_characters() -> None:
    # A space the author typed between two Han characters (a name, a list) is kept even
    # when the same text node also holds a source line break; kana folds like Han.
    clean = sanitize_html("<p>记者 王明 报道：就业与老百姓的\n“饭碗”息息相关</p><p>東京都は\n新しい計画を発表した</p>", BASE)
    assert "<p>记者 王明 报道：就业与老百姓的“饭碗”息息相关</p>" in clean
    assert "<p>東京都は新しい計画を発表した</p>" in clean
