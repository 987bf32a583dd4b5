"""Regenerate the held-out pages: ``python tests/resources/heldout/make_heldout.py``.

An independent check of ``archiver.extract.article``: written after, and separately from,
tests/resources/pages (whose layouts were written together with the extractor's
heuristics). Every page here uses its own layout, each modelled on the markup of a
real kind of site (BBC/Guardian/Reuters/AP/NYT-style news pages, Medium, Substack,
Ghost, WordPress with a long comment thread, a Hugo blog with code, Next.js with
``__NEXT_DATA__``, AMP, a live blog, a photo gallery, a very short story under a huge
menu, a ``<br><br>`` page, a table with an author bio box, and Sina/163/Sohu/Tencent/
Xinhua/People's Daily/The Paper/36kr/cnBeta/Zhihu/WeChat(Xiumi editor)-style Chinese
pages), with the boilerplate those sites carry.

``NAME.expected.txt`` is what a reader calls the article: paragraphs, sub-headings,
list items, code, table rows (cells joined by spaces), captions of figures *inside* the
body, live-blog entry headings and text. Never the title, standfirst, byline, dates,
captions of the lead photo above the headline, promos, related links, bios, comments.

Output is deterministic; the generated files are committed.
"""

from __future__ import annotations

import html
import json
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from content_en import EN
from content_zh import ZH

E = html.escape
GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def ld(data: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def render(blocks: list[tuple[str, Any]], *, p: Callable[[str], str] = lambda t: f"<p>{E(t)}</p>",
           h: Callable[[str, str], str] = lambda tag, t: f"<{tag}>{E(t)}</{tag}>",
           fig: Callable[[str, str], str] | None = None,
           code: Callable[[str], str] = lambda t: f"<pre><code>{E(t)}</code></pre>",
           table: Callable[[list[list[str]]], str] | None = None,
           lst: Callable[[str, list[str]], str] | None = None,
           between: Callable[[int], str] = lambda i: "") -> str:
    out = []
    n_par = 0
    for kind, value in blocks:
        if kind == "p":
            out.append(p(value))
            n_par += 1
            out.append(between(n_par))
        elif kind in ("h2", "h3"):
            out.append(h(kind, value))
        elif kind in ("ul", "ol"):
            out.append(lst(kind, value) if lst else f"<{kind}>" + "".join(f"<li>{E(i)}</li>" for i in value) + f"</{kind}>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{E(value)}</p></blockquote>")
        elif kind == "code":
            out.append(code(value))
        elif kind == "table":
            if table:
                out.append(table(value))
            else:
                head, *rows = value
                out.append("<table><tr>" + "".join(f"<th>{E(c)}</th>" for c in head) + "</tr>" + "".join(
                    "<tr>" + "".join(f"<td>{E(c)}</td>" for c in r) + "</tr>" for r in rows) + "</table>")
        elif kind == "fig":
            src, cap = value
            out.append(fig(src, cap) if fig else f'<figure><img src="{E(src)}" alt=""><figcaption>{E(cap)}</figcaption></figure>')
    return "\n".join(x for x in out if x)


def expected(blocks: list[tuple[str, Any]]) -> str:
    lines: list[str] = []
    for kind, value in blocks:
        if kind in ("p", "h2", "h3", "quote", "code"):
            lines.append(value)
        elif kind in ("ul", "ol"):
            lines.extend(value)
        elif kind == "table":
            lines.extend(" ".join(r) for r in value)
        elif kind == "caption":  # a table's <caption>, rendered by the layout
            lines.append(value)
        elif kind == "fig":
            lines.append(value[1])
        elif kind == "post":
            lines.append(value[1])
            lines.extend(value[2])
    return "\n".join(lines) + "\n"


def links(pairs: list[str], base: str, tag: str = "li") -> str:
    return "".join(f'<{tag}><a href="{base}/{i}">{E(t)}</a></{tag}>' for i, t in enumerate(pairs))


# ================================================================ English layouts


def bbc(a: dict) -> str:
    base = "https://www.example-bbc.co.uk"
    blocks = []
    for kind, value in a["body"]:
        if kind == "p":
            blocks.append(f'<div data-component="text-block" class="ssrcss-7uxr49-RichTextContainer e5tfeyi1"><p class="ssrcss-1q0x1qg-Paragraph e1jhz7w10">{E(value)}</p></div>')
        elif kind == "h2":
            blocks.append(f'<div data-component="subheadline-block" class="ssrcss-4ya5o5-StyledHeading e10rt3ze0"><h2 class="ssrcss-y1q8uj-StyledHeading e10rt3ze0">{E(value)}</h2></div>')
        elif kind == "fig":
            src, cap = value
            blocks.append(f'<div data-component="image-block" class="ssrcss-13fvgn2-ComponentWrapper"><figure class="ssrcss-wpgbih-StyledFigure"><div class="ssrcss-ab5fd8-StyledFigureContainer"><span class="ssrcss-11kpz0x-Placeholder"><img sizes="(min-width: 1008px) 760px, 100vw" srcset="{src.replace("/976/", "/240/")} 240w, {src} 976w" src="{src}" width="976" height="549" alt="Ferry at pier" loading="lazy"></span><span role="text" class="ssrcss-1pvwv4b-Copyright"><span class="ssrcss-1t5i9r6-VisuallyHidden">Image source, </span>Getty Images</span></div><figcaption class="ssrcss-1sxldxh-Caption"><span class="ssrcss-1t5i9r6-VisuallyHidden">Image caption, </span>{E(cap)}</figcaption></figure></div>')
    related_topics = '<div data-component="topic-list" class="ssrcss-1qmkvfu-TopicListWrapper"><div class="ssrcss-1szabdv-StyledTagContainer"><h2 class="ssrcss-1nsn6lo-Heading">Related topics</h2><ul class="ssrcss-1ujonwb-ClusterItems"><li><a href="/news/topics/ferries">Ferry travel</a></li><li><a href="/news/topics/strikes">Strike action</a></li><li><a href="/news/topics/islands">Scottish islands</a></li></ul></div></div>'
    more = '<div data-component="links-block" class="ssrcss-1xvy8qz-LinksWrapper"><h2 class="ssrcss-1nsn6lo-Heading">More on this story</h2><ul><li><a href="/news/uk-scotland-67">Calmac ferry breakdown leaves islanders stranded</a><div class="ssrcss-meta">Published 3 March</div></li><li><a href="/news/uk-scotland-68">New ferries delayed again by shipyard problems</a><div class="ssrcss-meta">Published 12 January</div></li></ul></div>'
    top_stories = "".join(
        f'<div class="ssrcss-1f3bvyz-Stack"><a href="/news/{i}" class="ssrcss-zmz0hi-PromoLink"><span><p class="ssrcss-17zglt8-PromoHeadline"><span>{E(t)}</span></p></span></a><p class="ssrcss-1q0x1qg-Paragraph">{E(s)}</p></div>'
        for i, (t, s) in enumerate([
            ("Inflation falls to lowest level in two and a half years", "The rate at which prices rise slowed again last month, official figures show, largely because of lower energy costs."),
            ("Hospital waiting list rises for first time in six months", "Figures show almost 7.6 million treatments were waiting to be carried out at the end of March."),
            ("Teenager rescued after being swept out to sea on inflatable", "Coastguard teams were called to the beach shortly after 16:00 on Sunday, with a lifeboat launched."),
        ]))
    return f"""<!DOCTYPE html><html lang="en-GB" class="no-js"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{E(a['title'])} - BBC News</title><meta name="description" content="Crews serving the western isles back walkouts."/>
<meta property="og:title" content="{E(a['title'])}"/><meta property="og:type" content="article"/><meta property="og:site_name" content="BBC News"/>
<link rel="canonical" href="{base}/news/uk-scotland-highlands-islands-68990011"/>
{ld({"@context": "http://schema.org", "@type": "ReportageNewsArticle", "url": base + "/news/uk-scotland-highlands-islands-68990011", "publisher": {"@type": "NewsMediaOrganization", "name": "BBC News"}, "datePublished": a["date"], "dateModified": a["date"], "headline": a["title"], "author": {"@type": "Person", "name": a["author"]}})}
<style>.ssrcss-1q0x1qg-Paragraph{{margin:0 0 1rem}}</style></head>
<body><div id="__next"><div class="ssrcss-1ocoo3l-Wrap">
<header data-testid="header" role="banner"><a href="#main-content" class="ssrcss-1ygjy2a-SkipLinkWrapper">Skip to content</a>
<nav aria-label="BBC"><ul class="ssrcss-1g6zz5-StyledList"><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li><li><a href="/iplayer">iPlayer</a></li><li><a href="/sounds">Sounds</a></li><li><a href="/bitesize">Bitesize</a></li></ul></nav>
<nav aria-label="News"><ul><li><a href="/news">Home</a></li><li><a href="/news/israel-gaza">Israel-Gaza war</a></li><li><a href="/news/war-in-ukraine">War in Ukraine</a></li><li><a href="/news/climate">Climate</a></li><li><a href="/news/uk">UK</a></li><li><a href="/news/world">World</a></li><li><a href="/news/business">Business</a></li><li><a href="/news/politics">Politics</a></li><li><a href="/news/culture">Culture</a></li></ul></nav></header>
<div id="main-wrapper" class="ssrcss-1ocoo3l-Wrap"><div class="ssrcss-1ccflu4-StyledWrapper"><main id="main-content" class="ssrcss-1sbwbbn-Main">
<article class="ssrcss-pv1rh6-ArticleWrapper">
<header data-component="headline-block" class="ssrcss-1w8jrau-HeadingWrapper"><h1 id="main-heading" type="headline" tabindex="-1" class="ssrcss-15xko80-StyledHeading">{E(a['title'])}</h1></header>
<div data-component="byline-block" class="ssrcss-68pt20-Text-TextContributorName"><div class="ssrcss-1b1mki6-Wrapper"><time data-testid="timestamp" dateTime="{a['date']}">9 May 2024</time></div><div class="ssrcss-84ltp5-Text">By {E(a['author'])}</div><div class="ssrcss-84ltp5-Text">BBC Scotland News</div></div>
<div class="ssrcss-ahxxmh-ShareWrapper"><button aria-label="Share">Share</button><button>Save</button></div>
{"".join(blocks)}
{related_topics}
{more}
</article></main>
<div class="ssrcss-1rzavq0-Aside"><section data-component="top-stories" aria-labelledby="top-stories"><h2 id="top-stories">Top stories</h2>{top_stories}</section>
<section aria-labelledby="features"><h2 id="features">Features</h2><ul><li><a href="/news/f1">The island where everyone knows the ferry timetable by heart</a></li><li><a href="/news/f2">Weekly quiz: what did the Red Arrows paint on the sky?</a></li><li><a href="/news/f3">How a shipyard fell so far behind</a></li></ul></section>
<section aria-labelledby="most-read" class="ssrcss-mostread"><h2 id="most-read">Most read</h2><ol><li><a href="/news/m1">Man dies after being hit by car in village</a></li><li><a href="/news/m2">Nursery worker struck off after feeding pupil chilli</a></li><li><a href="/news/m3">Ferry crews vote to strike over new rota</a></li></ol></section></div>
</div></div>
<footer data-testid="footer" role="contentinfo"><ul><li><a href="/usingthebbc/terms">Terms of Use</a></li><li><a href="/aboutthebbc">About the BBC</a></li><li><a href="/privacy">Privacy Policy</a></li><li><a href="/cookies">Cookies</a></li><li><a href="/accessibility">Accessibility Help</a></li><li><a href="/contact">Contact the BBC</a></li></ul><small>Copyright 2024 BBC. All rights reserved. The BBC is not responsible for the content of external sites.</small></footer>
</div></div></body></html>"""


def guardian(a: dict) -> str:
    base = "https://www.example-guardian.com"
    def para(t: str) -> str:
        return f'<p class="dcr-s23rjr">{E(t)}</p>'
    def between(i: int) -> str:
        if i == 3:
            return '<aside data-spacefinder-role="richLink" class="dcr-11ra563"><div class="dcr-1p0fhvl"><a href="/environment/2023/nov/01/community-gardens" data-link-name="rich-link-1">Related: Community gardens are thriving – but where will the next ones grow?</a></div></aside>'
        if i == 5:
            return '<figure id="d7c1" data-spacefinder-role="inline" class="dcr-173mewl"><div id="dfp-ad--inline1" class="ad-slot ad-slot--inline ad-slot-container" data-link-name="ad slot inline1" aria-hidden="true"></div></figure>'
        return ""
    body = render(a["body"], p=para, between=between)
    epic = ('<div class="dcr-epic" data-testid="contributions-liveblog-epic"><h2 class="dcr-1xf1h0y">… there is a good reason why not to support the Guardian.</h2>'
            '<p>Not every reader can afford to pay for news right now. That is why we keep our journalism open for everyone to read. If you can, please consider supporting us with a one-off contribution or a small monthly amount. It takes less than a minute.</p>'
            '<p>Whether you give a little or a lot, your funding will power our reporting for the years to come.</p><a href="https://support.example-guardian.com/contribute">Support us</a></div>')
    most_viewed = "".join(f'<li class="dcr-mv"><a href="{base}/mv/{i}"><span class="dcr-num">{i + 1}</span><h4>{E(t)}</h4></a></li>' for i, t in enumerate([
        "Live: Politics live with Andrew Sparrow", "Ten of the best walks in the Peak District", "‘I cried with relief’: the readers who finally got an allotment",
        "Supermarket prices: how the big four compare this month", "Tom Aldridge: What I learned from a year of growing my own"]))
    return f"""<!doctype html><html lang="en"><head><title>{E(a['title'])} | Allotments | The Guardian</title><meta charset="utf-8">
<meta name="description" content="{E(a['standfirst'])}"><meta property="og:title" content="{E(a['title'])}"><meta property="og:description" content="{E(a['standfirst'])}">
<meta property="article:author" content="{base}/profile/tomaldridge"><meta name="author" content="{E(a['author'])}"><meta property="article:published_time" content="{a['date']}">
<link rel="canonical" href="{base}/lifeandstyle/2024/apr/14/allotment-waiting-lists-record">
<script>window.guardian = {{"config": {{"page": {{"isPaidContent": false, "section": "lifeandstyle"}}}}}};</script>
{ld([{"@type": "NewsArticle", "@context": "https://schema.org", "@id": base + "/lifeandstyle/2024/apr/14/allotment-waiting-lists-record", "publisher": {"@type": "Organization", "name": "The Guardian"}, "headline": a["title"], "datePublished": a["date"], "author": [{"@type": "Person", "name": a["author"], "sameAs": base + "/profile/tomaldridge"}]}, {"@type": "WebPage", "@context": "https://schema.org", "@id": base + "/x", "potentialAction": {"@type": "ViewAction", "target": "android-app://com.guardian/"}}])}
</head><body>
<div id="bannerandheader"><div class="dcr-top-ad"><div id="dfp-ad--top-above-nav" class="js-ad-slot ad-slot ad-slot--top-above-nav" aria-hidden="true"></div></div>
<header data-component="header"><a href="/" class="dcr-logo">The Guardian - Back to home</a>
<div class="dcr-support"><p>Support the Guardian</p><p>Fund independent journalism with £10 per month</p><a href="https://support.example-guardian.com/subscribe">Support us</a></div>
<nav data-component="nav2"><ul><li><a href="/">News</a></li><li><a href="/commentisfree">Opinion</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li><li><a href="/lifeandstyle">Lifestyle</a></li></ul>
<ul class="dcr-pillar-sub"><li><a href="/uk-news">UK</a></li><li><a href="/world">World</a></li><li><a href="/environment/climate-crisis">Climate crisis</a></li><li><a href="/business">Business</a></li><li><a href="/environment">Environment</a></li><li><a href="/science">Science</a></li><li><a href="/global-development">Global development</a></li></ul></nav></header></div>
<main data-layout="StandardLayout"><div class="dcr-1iqzlwi">
<div class="dcr-sl"><div data-gu-name="title"><a href="/lifeandstyle/allotments" class="dcr-series">Allotments</a></div>
<div data-gu-name="headline"><h1 class="dcr-1ugxh1x">{E(a['title'])}</h1></div>
<div data-gu-name="standfirst"><div class="dcr-1yi1cnj"><p>{E(a['standfirst'])}</p></div></div>
<div data-gu-name="media"><figure class="dcr-1d7ycji"><picture><img src="https://i.example-guim.co.uk/img/media/allotment-main.jpg?width=620" alt="Allotment plots" width="620" height="372"></picture><figcaption class="dcr-m18jvo"><span class="dcr-1p8ymvu">Allotments in Birmingham. Demand for plots has doubled in a decade.</span> Photograph: Christopher Thomond/The Guardian</figcaption></figure></div>
<div data-gu-name="meta" class="dcr-meta"><address aria-label="Contributor info"><a rel="author" href="{base}/profile/tomaldridge">{E(a['author'])}</a></address><details><summary>Sun 14 Apr 2024 06.00 BST</summary></details>
<div class="dcr-share"><a data-ignore="global-link-styling" href="https://www.facebook.com/dialog/share">Share on Facebook</a><a href="https://twitter.com/share">Share on Twitter</a></div><span class="dcr-cc">285</span></div></div>
<div data-gu-name="body" class="dcr-1u5k5ex"><div id="maincontent" class="article-body-commercial-selector article-body-viewer-selector dcr-1r94quw">
{body}
</div>
{epic}
<div class="dcr-submeta"><span>Explore more on these topics</span><ul><li><a href="/lifeandstyle/allotments">Allotments</a></li><li><a href="/lifeandstyle/gardens">Gardens</a></li><li><a href="/society/local-government">Local government</a></li></ul>
<a href="https://www.example-guardian.com/help/report-an-error">Reuse this content</a></div></div>
</div>
<section data-component="more-on-this-story"><h2>More on this story</h2><ul><li><a href="/a">‘It’s my therapy’: allotment holders on why they love their plots</a></li><li><a href="/b">Council under fire for selling allotment site to developer</a></li><li><a href="/c">Grow your own: a beginner’s guide to the first year on a plot</a></li></ul></section>
<section data-component="comments"><h2>Comments (285)</h2><p>This discussion is now closed for comments but you can still sign in or create your Guardian account to join the discussion next time</p></section>
<section data-component="most-viewed"><h2>Most viewed</h2><ol>{most_viewed}</ol></section>
</main>
<footer data-component="footer"><ul><li><a href="/about">About us</a></li><li><a href="/help">Help</a></li><li><a href="/info/complaints">Complaints &amp; corrections</a></li><li><a href="/info/privacy">Privacy policy</a></li><li><a href="/info/cookies">Cookie policy</a></li><li><a href="/tax-strategy">Tax strategy</a></li></ul><small>© 2024 Guardian News &amp; Media Limited or its affiliated companies. All rights reserved.</small></footer>
</body></html>"""


def reuters(a: dict) -> str:
    paras = [v for k, v in a["body"] if k == "p"]
    body = "".join(
        f'<div data-testid="paragraph-{i}" class="text__text__1FZLe text__dark-grey__3Ml43 text__regular__2N1Xr text__large__nEccO body__full_width__ekUdw body__large_body__FV5_X article-body__element__2p5pI">{E(t)}</div>'
        + ('<div class="article-body__ad__2pEjr"><div data-testid="ResponsiveAdSlot" class="responsive-ad-slot__container__2vPV8"><span class="text__text__1FZLe">Advertisement · Scroll to continue</span><div id="ad-slot-mid"></div></div></div>' if i in (1, 3) else "")
        for i, t in enumerate(paras))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>{E(a['title'])} | Reuters</title>
<meta name="description" content="Copper prices climbed to their highest in nearly two years."/><meta property="og:title" content="{E(a['title'])}"/>
<meta name="article:published_time" content="{a['date']}"/><meta name="analyticsAttributes.author" content="{E(a['author'])}"/>
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"], "datePublished": a["date"], "author": [{"@type": "Person", "name": a["author"]}], "publisher": {"@type": "Organization", "name": "Reuters"}, "isAccessibleForFree": True})}
</head><body><div id="fusion-app"><div class="regular-article-layout__container__3t4kB">
<header class="site-header__container__1DRBp"><a href="/" class="site-header__logo">Reuters</a><nav class="site-header__nav"><ul><li><a href="/world/">World</a></li><li><a href="/business/">Business</a></li><li><a href="/markets/">Markets</a></li><li><a href="/sustainability/">Sustainability</a></li><li><a href="/legal/">Legal</a></li><li><a href="/breakingviews/">Breakingviews</a></li><li><a href="/technology/">Technology</a></li><li><a href="/investigations/">Investigations</a></li></ul></nav>
<a href="/account/sign-in/" class="button">Sign In</a><a href="/account/register/" class="button">Register</a></header>
<main class="regular-article-layout__main__1tplD"><article class="article__container__2hf6p">
<div class="article-header__container__3ZQqK"><nav aria-label="Tags" class="article-header__tags"><a href="/markets/commodities/">Commodities</a></nav>
<h1 data-testid="Heading" class="text__text__1FZLe text__dark-grey__3Ml43 text__medium__1kbOh text__heading_2__1K_hh heading__base__2T28j">{E(a['title'])}</h1>
<div class="article-header__dateline-wrapper__1LnNF"><time datetime="{a['date']}"><span>April 2, 2024</span><span>11:41 AM GMT+1</span><span>Updated 2 hours ago</span></time></div></div>
<div class="article__content__6hMn9"><div class="article-body__container__3ypuX">
<div class="article-body__content__17Yit">{body}</div>
<p class="sign-off">Reporting by {E(a['author'])}; Editing by Susan Fenton</p>
<div class="article-body__element__2p5pI"><div class="trust-badge__container"><a href="https://www.thomsonreuters.com/en/about-us/trust-principles.html">Our Standards: The Thomson Reuters Trust Principles.</a></div></div>
<div class="article-body__row__dFOPA"><span class="text__text__1FZLe">Acquire Licensing Rights</span>, opens new tab</div></div></div>
</article>
<div class="regular-article-layout__right-rail__3fqj0"><div data-testid="read-next"><h2>Read Next</h2><ul><li><a href="/markets/a">Gold steadies near record as traders await US data</a><time>1 hour ago</time></li><li><a href="/markets/b">Oil prices extend gains on Middle East supply worries</a><time>3 hours ago</time></li><li><a href="/markets/c">Dollar firm as strong factory data pushes back rate-cut bets</a><time>4 hours ago</time></li></ul></div></div>
</main>
<footer class="site-footer__container"><div>Get the latest news from Reuters delivered to your inbox</div><ul><li><a href="/info-pages/about-us/">About Reuters</a></li><li><a href="/info-pages/careers/">Careers</a></li><li><a href="/info-pages/reuters-editorial-leadership/">Editorial leadership</a></li></ul>
<p>All quotes delayed a minimum of 15 minutes. See here for a complete list of exchanges and delays.</p><p>© 2024 Reuters. All rights reserved</p></footer>
</div></div></body></html>"""


def ap(a: dict) -> str:
    def between(i: int) -> str:
        if i in (2, 5):
            return f'<div class="Advertisement"><div class="htlad-InContent_{i}" data-unit="in-content"></div></div>'
        if i == 4:
            return ('<div class="Enhancement"><div class="PagePromo" data-gtm-region="inline promo"><div class="PagePromo-content">'
                    '<div class="PagePromo-title"><a href="/article/teacher-shortage"><span>Teacher shortages ease in some states, but rural schools still struggle</span></a></div>'
                    '<div class="PagePromo-description"><span>Districts report more applicants than last year, but far fewer in small towns.</span></div></div></div></div>')
        return ""
    body = render(a["body"], between=between)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>{E(a['title'])} | AP News</title>
<meta property="og:title" content="{E(a['title'])}"><meta property="og:site_name" content="AP News"><meta name="description" content="{E(a['ld_summary'][:150])}">
{ld({"@context": "http://schema.org", "@type": "NewsArticle", "headline": a["title"], "articleBody": a["ld_summary"], "author": [{"@type": "Person", "name": a["author"]}], "datePublished": a["date"], "publisher": {"@type": "Organization", "name": "AP News"}})}
</head><body class="Page-body"><div class="Page-header-stickyWrap"><header class="Page-header"><a class="Page-header-logo" href="/">AP</a>
<nav class="Page-header-navigation"><ul><li><a href="/world-news">World</a></li><li><a href="/us-news">U.S.</a></li><li><a href="/politics">Politics</a></li><li><a href="/sports">Sports</a></li><li><a href="/entertainment">Entertainment</a></li><li><a href="/business">Business</a></li><li><a href="/science">Science</a></li><li><a href="/hub/fact-checking">Fact Check</a></li><li><a href="/oddities">Oddities</a></li></ul></nav>
<div class="Page-header-trending"><span>Trending</span><a href="/t1">Eclipse viewing tips</a><a href="/t2">March Madness</a><a href="/t3">Election 2024</a></div></header></div>
<main class="Page-main"><div class="Page-content"><div class="Page-headline"><h1 class="Page-headline">{E(a['title'])}</h1></div>
<div class="Page-byline"><div class="Page-authors">By <a class="Link" href="/author/marcus-hill">{E(a['author'].upper())}</a></div><div class="Page-dateModified">Updated 4:03 PM GMT, February 20, 2024</div></div>
<div class="Page-actions"><bsp-social-share><a href="https://www.facebook.com/sharer">Share</a><a href="mailto:">Email</a><a href="#copy">Copy Link copied</a></bsp-social-share></div>
<div class="Page-lead"><figure class="Figure"><img class="Image" src="https://dims.example-apnews.com/school-bus.jpg" alt="School bus"><figcaption class="Figure-caption"><div class="CarouselSlide-infoDescription"><p>A school bus leaves Hollister Elementary on Jan. 31, 2024. (AP Photo/Charlie Riedel)</p></div></figcaption></figure></div>
<div class="RichTextStoryBody RichTextBody">
{body}
<p>___</p>
<p><em>The Associated Press’ education coverage receives financial support from multiple private foundations. AP is solely responsible for all content. Find AP’s standards for working with philanthropies, a list of supporters and funded coverage areas at AP.org.</em></p>
</div>
<div class="Page-below"><div class="Page-authorinfo"><div class="Page-authorinfo-name">MARCUS HILL</div><div class="Page-authorinfo-bio">Hill covers education and rural issues for The Associated Press from Kansas City.</div><a href="https://twitter.com/">twitter</a><a href="mailto:">mailto</a></div></div>
</div>
<div class="Page-rightRail"><h2>Most read</h2><ul><li><a href="/m1">A solar eclipse is coming. Here’s what to know</a></li><li><a href="/m2">A look at the closest calls in the country’s state legislatures</a></li></ul></div></main>
<footer class="Page-footer"><div class="Page-footer-disclaimer">Copyright 2024 The Associated Press. All Rights Reserved.</div><ul><li><a href="/about">About</a></li><li><a href="/contact">Contact Us</a></li><li><a href="/terms">Terms of Use</a></li><li><a href="/privacy">Privacy Policy</a></li><li><a href="/cookies">Cookie Settings</a></li><li><a href="/do-not-sell">Do Not Sell or Share My Personal Information</a></li></ul></footer>
</body></html>"""


def nyt(a: dict) -> str:
    paras = [v for k, v in a["body"] if k == "p"]
    cols = []
    for start in range(0, len(paras), 3):
        chunk = "".join(f'<p class="css-at9mc1 evys1bk0">{E(t)}</p>' for t in paras[start:start + 3])
        cols.append(f'<div class="css-s99gbd StoryBodyCompanionColumn" data-testid="companionColumn-{start // 3}"><div class="css-53u6y8">{chunk}</div></div>')
    ads = ['<div class="css-1rajc1f"><div id="story-ad-{0}-wrapper" class="css-1vhk1ks ad story-ad-{0}-wrapper"><div class="css-12ag4cv" aria-hidden="true"><p class="css-1ie4f7i">Advertisement</p><a href="#after-story-ad-{0}" class="css-1ly73wi">SKIP ADVERTISEMENT</a></div><div id="story-ad-{0}" class="place-ad" data-position="mid{0}"></div></div></div>'.format(i + 1) for i in range(len(cols))]
    body = "".join(c + ad for c, ad in zip(cols, ads))
    return f"""<!DOCTYPE html><html lang="en" class="story nytapp-vi-article"><head><title>{E(a['title'])} - The New York Times</title><meta charset="utf-8">
<meta data-rh="true" property="og:title" content="{E(a['title'])}"><meta data-rh="true" name="byl" content="By {E(a['author'])}"><meta data-rh="true" property="article:published_time" content="{a['date']}">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"], "datePublished": a["date"], "author": [{"@context": "https://schema.org", "@type": "Person", "name": a["author"], "url": "https://www.example-nytimes.com/by/h"}], "isAccessibleForFree": False, "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".meteredContent"}})}
</head><body><div id="app"><div><div class="NYTAppHideMasthead css-1q2w90k e1m0pzr40"><header class="css-1q2w90k"><div class="css-10488qs"><a href="/" aria-label="New York Times homepage">The New York Times</a></div>
<div class="css-9e9ivx"><a href="https://myaccount.example-nytimes.com/auth/login">Log in</a></div></header>
<nav class="css-1mpttek" data-testid="site-nav"><ul><li><a href="/section/world">World</a></li><li><a href="/section/us">U.S.</a></li><li><a href="/section/politics">Politics</a></li><li><a href="/section/nyregion">N.Y.</a></li><li><a href="/section/business">Business</a></li><li><a href="/section/opinion">Opinion</a></li><li><a href="/section/science">Science</a></li><li><a href="/section/travel">Travel</a></li></ul></nav></div>
<div id="site-content"><div class="css-1n9ts39"><article id="story" class="meteredContent css-1vxca1d">
<header class="css-1ropzm3 e12qa4dv0"><p class="css-1dw0rxn">Climate</p><h1 data-testid="headline" class="css-1rlp1h4 e1h9rw200">{E(a['title'])}</h1>
<p id="article-summary" class="css-79rysd e1wiw3jv0">In a Norwegian valley, the ice that built a tourism economy is melting away. Residents are deciding what comes next.</p>
<div class="css-ucnu3u"><figure class="css-1v7ib9y"><img src="https://static01.example-nyt.com/images/2024/03/03/glacier-superJumbo.jpg" alt=""><figcaption class="css-1eylkpl"><span class="css-jevhma">The glacier’s tongue has retreated more than a mile since 1990.</span><span class="css-cnj6d5"><span class="css-1ly73wi">Credit...</span><span>Tor Halvorsen for The New York Times</span></span></figcaption></figure></div>
<div class="css-1sd3n7a"><p class="css-aknsld e1jsehar1">By <a href="/by/henrik-solberg" class="css-n8ff4n">{E(a['author'])}</a></p><p class="css-1k5dvnj">Reporting from Fjærland, Norway</p><time datetime="{a['date']}" class="css-1j2ou2x">March 3, 2024</time></div>
<div class="css-1ja3qin"><button>Share full article</button><span>412</span></div></header>
<section name="articleBody" itemprop="articleBody" class="meteredContent css-1r7ky0e">{body}</section>
<div class="bottom-of-article"><div class="css-1wxi1ol"><p>Henrik Solberg is a correspondent covering climate and the Nordic countries. He is based in Oslo.</p></div>
<div class="css-1xjgsbu"><p class="css-1q8lv2j">A version of this article appears in print on March 4, 2024, Section A, Page 6 of the New York edition with the headline: Where Ice Was the Attraction, Now Only Rock. <a href="https://www.example-nytimes.com/order">Order Reprints</a> | <a href="/todayspaper">Today’s Paper</a> | <a href="/subscribe">Subscribe</a></p></div></div>
</article></div>
<div class="css-moreinclimate"><h2 class="css-1e76h1k">More in Climate</h2><ol><li><article class="css-10wtrbd"><a href="/c1"><h3 class="css-rt6yx2">Europe Warmed Twice as Fast as the Global Average, Scientists Say</h3></a><p class="css-1pga48a">The continent faces more heat waves and floods, a new report found.</p></article></li>
<li><article class="css-10wtrbd"><a href="/c2"><h3 class="css-rt6yx2">The Race to Save a Glacier With a Blanket</h3></a><p class="css-1pga48a">In the Alps, resorts are wrapping ice in fleece every summer. It helps, a little.</p></article></li></ol></div>
<div class="css-editorspicks"><h2>Editors’ Picks</h2><ul><li><a href="/e1">How to Keep Your Houseplants Alive While You Travel</a></li><li><a href="/e2">The Best Movies of the Year So Far</a></li></ul></div>
</div>
<footer class="css-1e1s8k7"><nav><ul><li><a href="/">NYTCo</a></li><li><a href="/contact">Contact Us</a></li><li><a href="/accessibility">Accessibility</a></li><li><a href="/careers">Work with us</a></li><li><a href="/privacy">Privacy Policy</a></li><li><a href="/tos">Terms of Service</a></li></ul></nav><span>© 2024 The New York Times Company</span></footer>
</div></div></body></html>"""


def medium(a: dict) -> str:
    def para(t: str) -> str:
        return f'<p id="{zlib.crc32(t.encode()) % 9999:04x}" class="pw-post-body-paragraph ng nh fr ni b nj nk nl nm nn no np nq nr ns nt nu nv nw nx ny nz oa ob oc od fk bj" data-selectable-paragraph="">{E(t)}</p>'
    body = render(a["body"], p=para,
                  h=lambda tag, t: f'<h2 class="oe of fr be og oh oi oj ok ol om on oo op oq or os ot ou ov ow ox oy oz pa pb bj" data-selectable-paragraph="">{E(t)}</h2>',
                  code=lambda t: f'<pre class="pv pw px py pz qa qb qc bo qd ba bj"><span class="qe ls ao qf b bf qg qh l qi qj" data-selectable-paragraph="">{E(t)}</span></pre>',
                  lst=lambda kind, items: f"<{kind} class=\"\">" + "".join(f'<li class="ng nh fr ni b nj qk nl nm nn ql np nq nr qm nt nu nv qn nx ny nz qo ob oc od qp qq qr bj" data-selectable-paragraph="">{E(i)}</li>' for i in items) + f"</{kind}>")
    more = "".join(f'<article class="sv"><div class="sw"><a href="/@priya/{i}"><h2 class="bj gl">{E(t)}</h2><div class="h k"><h3 class="bj">{E(s)}</h3></div></a><span>{n} min read</span></div></article>' for i, (t, s, n) in enumerate([
        ("Our on-call rotation was burning people out. This is how we fixed it", "Fewer pages, better runbooks, and a rule about weekends that nobody wanted at first but everyone now defends.", 7),
        ("Monorepo or not: what three years of both taught us", "We moved to a monorepo, then partly back out. The trade-offs were not the ones the blog posts warned us about.", 11),
        ("Code review is a conversation, not a gate", "A short guide to leaving comments that make the author want to come back, rather than dread the next pull request.", 5),
        ("Stop writing design docs nobody reads", "Half a page, one diagram, and a list of things you decided not to do. That is usually enough.", 4)]))
    return f"""<!doctype html><html lang="en"><head><title>{E(a['title'])} | by {E(a['author'])} | Better Engineering | Medium</title><meta data-rh="true" charset="utf-8">
<meta data-rh="true" property="og:type" content="article"><meta data-rh="true" property="og:title" content="{E(a['title'])}"><meta data-rh="true" name="author" content="{E(a['author'])}"><meta data-rh="true" property="article:published_time" content="{a['date']}">
{ld({"@context": "http://schema.org", "@type": "NewsArticle", "image": ["https://miro.example-medium.com/1*flags.png"], "url": "https://medium.example/better-engineering/flags", "dateCreated": a["date"], "datePublished": a["date"], "headline": a["title"], "name": a["title"], "author": {"@type": "Person", "name": a["author"], "url": "https://medium.example/@priya"}, "creator": [a["author"]], "publisher": {"@type": "Organization", "name": "Better Engineering"}, "mainEntityOfPage": "https://medium.example/better-engineering/flags"})}
</head><body><div id="root"><div class="a b c"><div class="d e f g h i j k">
<div class="l"><div class="m n o p q r"><a href="/" aria-label="Homepage">Medium</a><div class="s"><input placeholder="Search"></div><a href="/new-story">Write</a><a href="/m/signin">Sign in</a></div></div>
<div class="ab cb"><div class="ci bh ew ex ey ez">
<article><div class="l"><div class="l"><section><div><div class="fw fx fy fz ga"></div><div class="gb gc gd ge gf"><div class="ab cb"><div class="ci bh ew ex ey ez">
<div><h1 id="3c1a" class="pw-post-title gh gi fr be gj gk gl gm gn" data-testid="storyTitle">{E(a['title'])}</h1></div>
<div class="ho"><div class="speechify-ignore ab co"><div class="speechify-ignore bh l"><div class="hp hq hr hs ht ab"><div class="hu ab"><a rel="noopener follow" href="/@priya"><div class="l fj"><img alt="{E(a['author'])}" class="l fd by dd de cx" src="https://miro.example-medium.com/fit/c/88/88/avatar.jpg" width="44" height="44"></div></a></div>
<div class="bm bg l"><div class="ab"><div style="flex:1"><span class="be b bf z bj"><div class="il ab q"><a href="/@priya" class="ag ah">{E(a['author'])}</a></div></span></div><span class="im in" aria-hidden="true"><span class="be b bf z dy">·</span></span><button class="be b bf z jc">Follow</button></div>
<div class="l ji"><span class="be b bf z dy"><div class="ab cn jj jk jl"><span data-testid="storyReadTime">6 min read</span><span>·</span><span data-testid="storyPublishDate">Jan 17, 2024</span></div></span></div></div></div>
<div class="ab co jm jn jo jp jq jr js jt ju jv jw jx jy jz ka kb"><div class="h k w fg fh q"><div class="kr l"><div class="ab q ks kt"><div class="pw-multi-vote-icon fj jc ku kv kw"><button data-testid="headerClapButton" aria-label="clap"></button></div><div class="pw-multi-vote-count l kx ky kz la lb lc ld"><p class="be b dz z dy"><span class="le">1.2K</span></p></div></div></div>
<div class="bo"><button aria-label="responses" class="lj lk">17</button></div></div><button aria-label="Add to list">Save</button><button aria-label="Share Post">Share</button></div></div></div></div>
{body}
</div></div></div></div></section></div></div></article>
<div class="sp sq"><div class="ab cb"><div class="ci bh ew ex ey ez"><div class="ab cp"><a href="/tag/software-engineering" class="tag">Software Engineering</a><a href="/tag/feature-flags" class="tag">Feature Flags</a><a href="/tag/technical-debt" class="tag">Technical Debt</a></div>
<div class="rr"><div class="ab q"><span class="pw-multi-vote-count">1.2K</span><span>17</span></div></div></div></div></div>
<div class="sr ss"><div class="ab cb"><div class="ci bh"><div class="ab"><a href="/@priya"><img alt="{E(a['author'])}" src="https://miro.example-medium.com/avatar-big.jpg"></a></div>
<div class="st"><h2 class="be su">Written by {E(a['author'])}</h2><div class="su"><a href="/@priya/followers">2.4K Followers</a></div><p class="be b">Staff engineer. I write about the unglamorous parts of running software: migrations, on-call, flags and the meetings in between.</p></div><button>Follow</button></div></div></div>
<div class="su sv"><h2 class="be">More from {E(a['author'])} and Better Engineering</h2>{more}</div>
<div class="sx"><h2 class="be">Recommended from Medium</h2><article><a href="/r1"><h2>The Engineering Manager’s Guide to Saying No</h2><h3>How to protect your team’s time without becoming the person everyone routes around.</h3></a></article><article><a href="/r2"><h2>I Reviewed 1,000 Pull Requests. Here Are the Patterns.</h2><h3>Small diffs, clear titles and a test that fails first: what separated the fast reviews from the slow ones.</h3></a></article></div>
</div></div>
<div class="footer"><a href="https://help.medium.example">Help</a><a href="https://medium.example/status">Status</a><a href="/about">About</a><a href="/jobs">Careers</a><a href="/blog">Blog</a><a href="/privacy">Privacy</a><a href="/terms">Terms</a><a href="/text-to-speech">Text to speech</a></div>
</div></div></body></html>"""


def substack(a: dict) -> str:
    def between(i: int) -> str:
        if i == 3:
            return ('<div class="subscription-widget-wrap-editor" data-attrs="{&quot;url&quot;:&quot;https://fieldnotes.example/subscribe&quot;}"><div class="subscription-widget show-subscribe">'
                    '<div class="preamble"><p class="cta-caption">Field Notes is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.</p></div>'
                    '<form class="subscription-widget-subscribe"><input type="email" class="email-input" name="email" placeholder="Type your email…"><input type="submit" class="button primary" value="Subscribe"></form></div></div>')
        return ""
    body = render(a["body"], between=between, h=lambda tag, t: f'<h2 class="header-anchor-post">{E(t)}<div class="pencraft pc-display-flex pc-alignItems-center pc-position-absolute pc-reset header-anchor-parent"><div class="pencraft pc-display-contents pc-reset pubTheme-yiXxQA"><div id="§why-not-sell-younger-cheese" class="pencraft pc-reset header-anchor offset-top"></div><button tabindex="0" type="button" aria-label="Link" class="pencraft pc-reset pencraft icon-container restack-image"></button></div></div></h2>')
    names = ["Helen M", "Gwilym", "Paul Tran", "Sarah Kendrick", "Ruthie", "Duncan Laird", "Ines"]
    thoughts = [
        "This is exactly the sort of piece I subscribe for. My grandfather made cheese on a farm not far from there and I remember the smell of the store room more than anything else. Nobody talked about money, but I suspect it was much the same story as Martin's.",
        "The point about the cheesemaker being a small bank is brilliant. The same is true of whisky, wine and even timber, and in all of those the industry ended up consolidating because the big players could finance the waiting. I wonder if cheese is heading the same way.",
        "Slightly unfair to supermarket cheddar, some of it is very good now! But I take the point about the price the farmer sees. Looking forward to next week's piece.",
        "We visited a farm like this in Somerset last summer. They told us the same thing: the young cheese pays the bills, the old cheese pays for the reputation. They also said the hardest thing was finding someone to do the turning when they wanted a holiday.",
        "Would love to know more about the regulations. I gather small producers have a very hard time with the paperwork for raw milk cheese, which must add to the costs you describe.",
        "Great piece. Shared it with my economics class as an example of working capital that they might actually remember.",
        "One more consideration is insurance. A cold room failure can wipe out a whole year of stock, and the premiums for that kind of cover are not small. A friend of mine lost six months of cheese to a broken compressor one August and never really recovered.",
    ]
    comments = "".join(
        f'<div class="comment" data-test-id="comment-{i}"><div class="comment-content"><div class="comment-meta"><a href="/profile/{i}" class="commenter-name">{E(n)}</a><a href="#comment-{i}" class="comment-timestamp">Mar 21</a></div>'
        f'<div class="comment-body"><p>{E(t)}</p></div><div class="comment-actions"><button>Like ({i + 2})</button><button>Reply</button><button>Share</button></div></div></div>'
        for i, (n, t) in enumerate(zip(names, thoughts)))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The economics of a village cheese - by {E(a['author'])}</title>
<meta property="og:title" content="{E(a['title'])}"><meta property="og:type" content="article"><meta name="author" content="{E(a['author'])}">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "url": "https://fieldnotes.example/p/the-economics-of-a-village-cheese", "headline": a["title"], "description": "A morning in a cold room, and why artisan food is a bank in disguise.", "datePublished": a["date"], "isAccessibleForFree": True, "author": [{"@type": "Person", "name": a["author"], "url": "https://substack.example/@alice"}], "publisher": {"@type": "Organization", "name": "Field Notes"}})}
<script>window._preloads = JSON.parse("{{\\"isEU\\":true,\\"language\\":\\"en\\"}}")</script></head>
<body class="pc-root"><div id="entry"><div id="main" class="main typography use-theme-bg">
<div class="main-menu topbar-container"><div class="topbar-content"><a href="/" class="navbar-logo-container"><h1 class="navbar-title">Field Notes</h1></a><div class="navbar-buttons"><a href="/subscribe" class="button primary subscribe-btn">Subscribe</a><a href="/sign-in" class="button">Sign in</a></div></div></div>
<div class="container"><div class="single-post-container"><div class="container"><div class="single-post"><div class="pencraft pc-display-contents pc-reset pubTheme-yiXxQA"><article class="typography newsletter-post post">
<div class="post-header"><h1 dir="auto" class="post-title published title-X77sOw">{E(a['title'])}</h1><h3 dir="auto" class="subtitle subtitle-HEEcLo">A morning in a cold room, and why artisan food is a bank in disguise.</h3>
<div class="pencraft pc-display-flex pc-gap-12 pc-paddingTop-16 pc-paddingBottom-16"><div class="pencraft pc-display-flex pc-flexDirection-column"><a href="https://substack.example/@alice" class="pencraft pc-reset">{E(a['author'])}</a><div class="pencraft pc-reset color-pub-secondary-text-hGQ02T">Mar 21, 2024</div></div></div>
<div class="post-ufi style-large"><a class="post-ufi-button like-button-container">42</a><a class="post-ufi-button post-ufi-comment-button">7</a><a class="post-ufi-button">Share</a></div></div>
<div class="available-content"><div dir="auto" class="body markup">{body}</div></div>
<div class="visibility-check"></div>
<div class="subscription-widget-wrap"><div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">Thanks for reading Field Notes! Subscribe for free to receive new posts and support my work.</p></div><form><input type="email" placeholder="Type your email…"><input type="submit" value="Subscribe"></form></div></div>
<div class="post-footer"><a class="post-ufi-button">42 Likes</a><a>∙</a><a>3 Restacks</a></div></article></div></div></div>
<div id="discussion" class="comments-section"><h4 class="comments-heading">Discussion about this post</h4><div class="comments-page"><div class="comment-input"><textarea placeholder="Write a comment…"></textarea></div><div class="comment-list"><div class="comment-list-items">{comments}</div></div></div></div>
<div class="portable-archive"><h4>Ready for more?</h4><form><input type="email" placeholder="Type your email…"><input type="submit" value="Subscribe"></form></div></div></div>
<div class="footer-wrap publication-footer"><div class="footer"><div class="footer-copyright">© 2024 {E(a['author'])}</div><div><a href="/privacy">Privacy</a> ∙ <a href="/tos">Terms</a> ∙ <a href="/collection-notice">Collection notice</a></div><a href="https://substack.example/signup" class="footer-substack-cta">Start Writing</a><a href="https://substack.example/app">Get the app</a><p>Substack is the home for great culture</p></div></div>
</div></div></body></html>"""


def ghost(a: dict) -> str:
    def fig(src: str, cap: str) -> str:
        return (f'<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{src}" class="kg-image" alt loading="lazy" width="2000" height="1333" '
                f'srcset="{src.replace("/images/", "/images/size/w600/")} 600w, {src} 2000w" sizes="(min-width: 720px) 720px"><figcaption><span style="white-space: pre-wrap;">{E(cap)}</span></figcaption></figure>')
    def between(i: int) -> str:
        if i == 3:
            return ('<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://bread.jonasweber.net/starter-basics/"><div class="kg-bookmark-content">'
                    '<div class="kg-bookmark-title">Starter basics: feeding schedules that fit a working week</div><div class="kg-bookmark-description">How I keep a rye starter healthy with one feed a day and a fridge.</div>'
                    '<div class="kg-bookmark-metadata"><span class="kg-bookmark-author">Crumb Notes</span><span class="kg-bookmark-publisher">Jonas Weber</span></div></div></a></figure>')
        return ""
    body = render(a["body"], fig=fig, between=between)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="X-UA-Compatible" content="IE=edge"><title>{E(a['title'])}</title>
<link rel="canonical" href="https://bread.jonasweber.net/high-hydration-home-ovens/"><meta name="referrer" content="no-referrer-when-downgrade">
<meta property="og:site_name" content="Crumb Notes"><meta property="og:type" content="article"><meta property="og:title" content="{E(a['title'])}"><meta property="article:published_time" content="{a['date']}">
{ld({"@context": "https://schema.org", "@type": "Article", "publisher": {"@type": "Organization", "name": "Crumb Notes"}, "author": {"@type": "Person", "name": a["author"]}, "headline": a["title"], "datePublished": a["date"], "mainEntityOfPage": "https://bread.jonasweber.net/high-hydration-home-ovens/"})}
<meta name="generator" content="Ghost 5.80"><script defer src="https://cdn.jsdelivr.net/ghost/portal@~2.37/umd/portal.min.js" data-ghost="https://bread.jonasweber.net/"></script></head>
<body class="post-template tag-baking"><div class="gh-site">
<header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner"><div class="gh-head-brand"><a class="gh-head-logo" href="https://bread.jonasweber.net">Crumb Notes</a></div>
<nav class="gh-head-menu"><ul class="nav"><li class="nav-home"><a href="https://bread.jonasweber.net/">Home</a></li><li class="nav-recipes"><a href="/recipes/">Recipes</a></li><li class="nav-about"><a href="/about/">About</a></li></ul></nav>
<div class="gh-head-actions"><a href="#/portal/signin" data-portal="signin">Sign in</a><a href="#/portal/signup" data-portal="signup" class="gh-head-btn gh-btn gh-primary-btn">Subscribe</a></div></div></header>
<main id="gh-main" class="gh-main"><article class="gh-article post tag-baking">
<header class="gh-article-header gh-canvas"><a class="gh-article-tag" href="/tag/baking/">Baking</a><h1 class="gh-article-title is-title">{E(a['title'])}</h1>
<p class="gh-article-excerpt is-body">What a year of wetter doughs taught me about flour, water and the oven I actually own.</p>
<div class="gh-article-meta"><div class="gh-article-author-image"><a href="/author/jonas/"><img class="author-profile-image" src="/content/images/size/w160/jonas.jpg" alt="{E(a['author'])}"></a></div>
<div class="gh-article-meta-wrapper"><h4 class="gh-article-author-name"><a href="/author/jonas/">{E(a['author'])}</a></h4><div class="gh-article-meta-content"><time class="gh-article-meta-date" datetime="2024-02-11">Feb 11, 2024</time><span class="gh-article-meta-length"><span class="bull">—</span> 4 min read</span></div></div></div></header>
<section class="gh-content gh-canvas is-body">{body}</section>
</article>
<section class="gh-cta"><div class="gh-cta-inner"><h2 class="gh-cta-title">Sign up for Crumb Notes</h2><p class="gh-cta-description">A bread diary from a small kitchen in Leipzig.</p><form data-members-form="signup"><input type="email" data-members-email placeholder="jamie@example.com"><button class="gh-btn">Subscribe</button></form></div></section>
<section class="gh-container is-grid gh-outer"><div class="gh-container-inner gh-inner"><h2 class="gh-container-title">Read more</h2><div class="gh-feed">
<article class="gh-card post"><a class="gh-card-link" href="/rye-everyday/"><div class="gh-card-wrapper"><h3 class="gh-card-title is-title">An everyday rye loaf with no kneading</h3><p class="gh-card-excerpt is-body">Seeds, a long soak and a tin. The loaf I bake most weeks, with notes on what I changed along the way.</p><footer class="gh-card-meta"><time>Jan 28, 2024</time></footer></div></a></article>
<article class="gh-card post"><a class="gh-card-link" href="/oven-thermometer/"><div class="gh-card-wrapper"><h3 class="gh-card-title is-title">My oven lies by 25 degrees</h3><p class="gh-card-excerpt is-body">A cheap thermometer, a morning of measurements, and why half my bakes were underdone.</p><footer class="gh-card-meta"><time>Jan 7, 2024</time></footer></div></a></article>
<article class="gh-card post"><a class="gh-card-link" href="/flour-tests/"><div class="gh-card-wrapper"><h3 class="gh-card-title is-title">Six supermarket bread flours, tested</h3><p class="gh-card-excerpt is-body">Same recipe, same oven, six bags of flour. The differences in water absorption were bigger than the protein numbers suggested.</p><footer class="gh-card-meta"><time>Dec 12, 2023</time></footer></div></a></article>
</div></div></section></main>
<footer class="gh-foot outer"><div class="gh-foot-inner inner"><div class="gh-copyright">Crumb Notes © 2024</div><nav class="gh-foot-menu"><ul class="nav"><li><a href="/privacy/">Privacy</a></li><li><a href="/contact/">Contact</a></li></ul></nav><div class="gh-powered-by"><a href="https://ghost.org/" target="_blank" rel="noopener">Powered by Ghost</a></div></div></footer>
</div></body></html>"""


def wordpress_comments(a: dict) -> str:
    site = "https://www.smallflatenergy.example"
    body = render(a["body"], p=lambda t: f"<p>{E(t)}</p>")
    people = ["Henrik", "Maja Schulz", "solarfan88", "Thomas B.", "Anja", "Greta Lindholm", "Peter K", "Ute", "Jens from Kiel", "Lotte"]
    texts = [
        "Thanks for the honest numbers! Most reviews only show the best summer day. Did you have to register the system with the grid operator, and how long did that take in your city?",
        "We have the same setup on a north-east balcony and got about 260 kWh. Still worth it for us, but I would tell anyone with a north-facing balcony to think twice before buying.",
        "Have you thought about a small battery? I have seen 1 kWh units for balcony systems now, which would shift the afternoon surplus to the evening when you are actually home and cooking.",
        "The tip about timing the dishwasher is the best part of the whole article. We did the same thing and our self-consumption went up a lot, without spending anything extra.",
        "How did your landlord react? Ours said no at first and only agreed after we showed him the mounting brackets and promised not to drill into the facade.",
        "Replying to Anja: our landlord was fine with it because the brackets just clamp to the railing. We had to sign a short letter saying we would remove everything when we move out.",
        "I measured mine with a smart plug and it matched the inverter app within about two percent, so the apps seem to be reasonably accurate for this kind of system.",
        "Four years payback sounds about right. Electricity prices went down a bit this year so it will be slightly longer for new buyers, but the kits are also much cheaper than a year ago.",
        "Great write-up. Could you share which inverter you used? Some of the cheap ones are very noisy on the radio, which annoyed our neighbour who listens to shortwave.",
        "We put ours on the garden shed instead of the balcony, same principle. Worth mentioning that the panels need cleaning after the pollen season in spring, we lost quite a bit before I noticed.",
    ]
    comments = "".join(
        f'<li id="comment-{100 + i}" class="comment {"byuser comment-author-greta bypostauthor" if n == "Greta Lindholm" else ""} even thread-even depth-1">'
        f'<article id="div-comment-{100 + i}" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><img alt="" src="https://secure.gravatar.example/avatar/{i}?s=32" class="avatar avatar-32 photo" height="32" width="32"><b class="fn">{E(n)}</b> <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><a href="{site}/balcony-solar-one-year/#comment-{100 + i}"><time datetime="2024-05-0{3 + i % 5}T09:1{i}:00+02:00">May {3 + i % 5}, 2024 at 9:1{i} am</time></a></div></footer>'
        f'<div class="comment-content"><p>{E(t)}</p></div><div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-{100 + i}">Reply</a></div></article></li>'
        for i, (n, t) in enumerate(zip(people, texts)))
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{E(a['title'])} &#8211; Small Flat Energy</title><meta name='robots' content='max-image-preview:large'>
<link rel='stylesheet' id='twentytwentyone-style-css' href='{site}/wp-content/themes/twentytwentyone/style.css?ver=2.1' media='all'>
<link rel="canonical" href="{site}/balcony-solar-one-year/"><meta name="generator" content="WordPress 6.5.2"></head>
<body class="post-template-default single single-post postid-812 single-format-standard wp-embed-responsive is-light-theme singular has-main-navigation">
<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header has-title-and-tagline has-menu" role="banner"><div class="site-branding"><p class="site-title"><a href="{site}/">Small Flat Energy</a></p><p class="site-description">Saving energy without owning a house</p></div>
<nav id="site-navigation" class="primary-navigation" aria-label="Primary menu"><div class="menu-main-container"><ul id="primary-menu-list" class="menu-wrapper"><li id="menu-item-10" class="menu-item"><a href="{site}/">Home</a></li><li class="menu-item"><a href="{site}/solar/">Solar</a></li><li class="menu-item"><a href="{site}/heating/">Heating</a></li><li class="menu-item"><a href="{site}/about/">About</a></li></ul></div></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-812" class="post-812 post type-post status-publish format-standard hentry category-solar entry">
<header class="entry-header alignwide"><h1 class="entry-title">{E(a['title'])}</h1></header>
<div class="entry-content">{body}</div>
<footer class="entry-footer default-max-width"><div class="posted-by"><span class="posted-on">Published <time class="entry-date published updated" datetime="{a['date']}">May 2, 2024</time></span><span class="byline">By <a href="{site}/author/greta/" rel="author">{E(a['author'])}</a></span></div><div class="post-taxonomies"><span class="cat-links">Categorized as <a href="{site}/solar/" rel="category tag">Solar</a></span></div></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><div class="nav-previous"><a href="{site}/heat-pump-flat/" rel="prev"><p class="meta-nav">Previous post</p><p class="post-title">Can you put a heat pump in a rented flat?</p></a></div></div></nav>
<div id="comments" class="comments-area default-max-width show-avatars"><h2 class="comments-title">10 comments on &ldquo;{E(a['title'])}&rdquo;</h2>
<ol class="comment-list">{comments}</ol>
<div id="respond" class="comment-respond"><h2 id="reply-title" class="comment-reply-title">Leave a comment</h2><form action="{site}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> Required fields are marked <span class="required">*</span></p><p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div></div>
</main></div></div>
<aside class="widget-area"><section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="{site}/"><input type="search" class="search-field" name="s"><input type="submit" class="search-submit" value="Search"></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><nav aria-label="Recent Posts"><ul><li><a href="{site}/a/">Can you put a heat pump in a rented flat?</a></li><li><a href="{site}/b/">Draught-proofing sash windows for under 50 euros</a></li><li><a href="{site}/c/">What an energy audit of a 1960s block found</a></li></ul></nav></section></aside>
<footer id="colophon" class="site-footer" role="contentinfo"><div class="site-info"><div class="site-name"><a href="{site}/">Small Flat Energy</a></div><div class="powered-by">Proudly powered by <a href="https://wordpress.org/">WordPress</a>.</div></div></footer>
</div></body></html>"""


def hugo(a: dict) -> str:
    def code(t: str) -> str:
        lines = "".join(f'<span class="line"><span class="cl">{E(line)}\n</span></span>' for line in t.split("\n"))
        return f'<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-shell" data-lang="shell">{lines}</code></pre></div>'
    body = render(a["body"], code=code, h=lambda tag, t: f'<h2 id="{t.lower().replace(" ", "-")}">{E(t)}<a class="anchor" href="#{t.lower().replace(" ", "-")}">#</a></h2>')
    toc = '<details class="toc" open><summary><span class="details">Table of Contents</span></summary><div class="inner"><nav id="TableOfContents"><ul><li><a href="#the-symptom">The symptom</a></li><li><a href="#the-fix">The fix</a></li></ul></nav></div></details>'
    return f"""<!DOCTYPE html><html lang="en" dir="auto"><head><meta charset="utf-8"><meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{E(a['title'])} | Sam Okoro</title><meta name="description" content="A flame graph, a refactor, and two lines of fix."><meta name="author" content="{E(a['author'])}">
<link rel="canonical" href="https://samokoro.example.dev/posts/rust-malloc/"><meta property="og:title" content="{E(a['title'])}"><meta property="article:published_time" content="{a['date']}T00:00:00+00:00">
<meta name="generator" content="Hugo 0.121.1"></head>
<body id="top"><header class="header"><nav class="nav"><div class="logo"><a href="https://samokoro.example.dev/" accesskey="h" title="Sam Okoro (Alt + H)">Sam Okoro</a></div>
<ul id="menu"><li><a href="/posts/" title="Posts"><span>Posts</span></a></li><li><a href="/talks/" title="Talks"><span>Talks</span></a></li><li><a href="/about/" title="About"><span>About</span></a></li><li><a href="/index.xml" title="RSS"><span>RSS</span></a></li></ul></nav></header>
<main class="main"><div class="post-single"><div class="post-header"><div class="breadcrumbs"><a href="/">Home</a>&nbsp;»&nbsp;<a href="/posts/">Posts</a></div>
<h1 class="post-title entry-hint-parent">{E(a['title'])}</h1><div class="post-meta"><span title="2023-12-04 00:00:00 +0000 UTC">December 4, 2023</span>&nbsp;·&nbsp;5 min&nbsp;·&nbsp;{E(a['author'])}</div></div>
{toc}
<div class="post-content">{body}</div>
<div class="post-footer"><ul class="post-tags"><li><a href="/tags/rust/">Rust</a></li><li><a href="/tags/performance/">Performance</a></li></ul>
<nav class="paginav"><a class="prev" href="/posts/sqlite-wal/"><span class="title">« Prev</span><br><span>What I got wrong about SQLite WAL mode</span></a><a class="next" href="/posts/tokio-console/"><span class="title">Next »</span><br><span>A week with tokio-console</span></a></nav>
<p class="discuss">Discuss on <a href="https://news.ycombinator.com/item?id=38512345">Hacker News</a> or <a href="https://lobste.rs/s/abc">Lobsters</a>.</p></div></div></main>
<footer class="footer"><span>&copy; 2023 <a href="/">Sam Okoro</a></span><span>Powered by <a href="https://gohugo.io/" rel="noopener noreferrer">Hugo</a> &amp; <a href="https://github.com/adityatelange/hugo-PaperMod/" rel="noopener">PaperMod</a></span></footer>
<a href="#top" aria-label="go to top" title="Go to Top (Alt + G)" class="top-link" id="top-link">↑</a></body></html>"""


def nextjs(a: dict) -> str:
    body = render(a["body"], p=lambda t: f'<div class="RichText_paragraph__Xk2vS"><p class="Paragraph_root__aB3cD">{E(t)}</p></div>',
                  h=lambda tag, t: f'<h2 class="Heading_h2__Pq9zL" id="{zlib.crc32(t.encode()) % 999}">{E(t)}</h2>')
    data = {"props": {"pageProps": {"article": {"id": "a5b7", "headline": a["title"], "byline": a["author"], "published": a["date"],
                                                 "blocks": [{"type": k, "text": v} for k, v in a["body"]],
                                                 "related": [{"title": "Heat pumps outsell gas boilers for the first time in two regions", "slug": "heat-pumps"},
                                                             {"title": "Used EV prices fall again as leasing cars return", "slug": "used-ev"}]}}},
            "page": "/[section]/[slug]", "query": {"section": "motoring", "slug": "ev-charging"}, "buildId": "x8Zq1mT2", "isFallback": False, "gssp": True}
    return f"""<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/><title>{E(a['title'])} | The Drive Report</title>
<meta property="og:title" content="{E(a['title'])}"/><meta name="author" content="{E(a['author'])}"/><meta property="article:published_time" content="{a['date']}"/>
<link rel="preload" href="/_next/static/media/inter.woff2" as="font" crossorigin="anonymous"/><link rel="stylesheet" href="/_next/static/css/7c8d.css" data-n-g=""/>
<noscript data-n-css=""></noscript><script defer="" nomodule="" src="/_next/static/chunks/polyfills.js"></script><script src="/_next/static/chunks/webpack.js" defer=""></script></head>
<body><div id="__next"><div class="Layout_root__Q1wYt"><div class="Banner_root__1s2M3" role="region" aria-label="cookie banner"><p class="Banner_text__z7Pq2">We use cookies to improve your experience and to show you relevant advertising. You can change your choices at any time in Privacy settings.</p><div><button class="Button_primary__nk2P4">Accept</button><button class="Button_secondary__k1mZr">Reject</button></div></div>
<header class="Header_root__T5kPz"><a class="Header_logo__bC8xW" href="/">The Drive Report</a><ul class="Header_links__9vMKe"><li><a href="/news">News</a></li><li><a href="/reviews">Reviews</a></li><li><a href="/electric">Electric</a></li><li><a href="/advice">Advice</a></li><li><a href="/deals">Car deals</a></li></ul></header>
<main class="Article_main__Zk1Xp"><div class="Article_header__Ph3dC"><span class="Article_kicker__Wy8qC">Electric cars</span><h1 class="Article_title__yNwzC">{E(a['title'])}</h1>
<div class="Byline_root__Rt4xM"><span class="Byline_name__Lx0bA">{E(a['author'])}</span><time class="Byline_time__cd3Tn" dateTime="{a['date']}">25 April 2024</time></div></div>
<div class="Article_grid__Fm2Wd"><div class="Article_body__r8XtV">{body}</div>
<div class="Article_rail__zYq0P"><div class="Newsletter_box__q8KcE"><h3 class="Newsletter_title__J2dQy">The Drive Report newsletter</h3><p class="Newsletter_blurb__v9Lkc">The week's most important motoring news, car reviews and money-saving tips, straight to your inbox every Friday morning.</p><input type="email"/><button>Sign me up</button></div>
<div class="MostPopular_root__x2k8Y"><h3>Most popular</h3><ol><li><a href="/a">Best family electric cars 2024: our top ten tested</a></li><li><a href="/b">Smart motorway cameras switched on across the network</a></li><li><a href="/c">How to check a used car’s history for free</a></li></ol></div></div></div>
<div class="Related_root__dK5rE"><h2 class="Related_title__zC6eM">Read next</h2><div class="Related_grid__Y3nQa"><a class="Card_root__s9TtD" href="/heat-pumps"><div class="Card_title__Hd7vL">Heat pumps outsell gas boilers for the first time in two regions</div></a><a class="Card_root__s9TtD" href="/used-ev"><div class="Card_title__Hd7vL">Used EV prices fall again as leasing cars return</div></a></div></div></main>
<footer class="Footer_root__e1Ppm"><div class="Footer_links__jC9lq"><a href="/about">About us</a><a href="/contact">Contact</a><a href="/privacy">Privacy</a><a href="/terms">Terms and conditions</a></div><p class="Footer_legal__Wp6tm">© 2024 Drive Report Media Ltd. Registered in England and Wales.</p></footer></div></div>
<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script></body></html>"""


def amp(a: dict) -> str:
    def fig(src: str, cap: str) -> str:
        return f'<figure class="article-image"><amp-img src="{src}" width="1200" height="800" layout="responsive" alt="Finish line"><noscript><img src="{src}" width="1200" height="800" alt="Finish line"></noscript></amp-img><figcaption class="caption">{E(cap)}</figcaption></figure>'
    def between(i: int) -> str:
        if i in (2, 4):
            return f'<div class="amp-ad-wrapper"><amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/runnersdaily/amp_{i}" layout="responsive"><div placeholder>Advertisement</div></amp-ad></div>'
        return ""
    body = render(a["body"], fig=fig, between=between)
    return f"""<!doctype html><html ⚡ lang="en"><head><meta charset="utf-8"><script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1.js"></script><script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>
<title>{E(a['title'])} - Runners Daily</title><link rel="canonical" href="https://www.runnersdaily.example/training/marathon-recovery"><meta name="viewport" content="width=device-width">
{ld({"@context": "http://schema.org", "@type": "NewsArticle", "mainEntityOfPage": "https://www.runnersdaily.example/training/marathon-recovery", "headline": a["title"], "datePublished": a["date"], "author": {"@type": "Person", "name": a["author"]}, "publisher": {"@type": "Organization", "name": "Runners Daily", "logo": {"@type": "ImageObject", "url": "https://www.runnersdaily.example/logo.png"}}, "image": ["https://cdn.runnersdaily.example/img/2024/04/finish-line.jpg"]})}
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}}</style><noscript><style amp-boilerplate>body{{-webkit-animation:none}}</style></noscript>
<style amp-custom>.article-body p{{font-size:18px}}</style></head>
<body><amp-sidebar id="sidebar" layout="nodisplay" side="left"><ul class="sidebar-menu"><li><a href="/training">Training</a></li><li><a href="/races">Races</a></li><li><a href="/gear">Gear</a></li><li><a href="/nutrition">Nutrition</a></li><li><a href="/injuries">Injuries</a></li><li><a href="/shop">Shop</a></li></ul></amp-sidebar>
<div class="amp-header"><button on="tap:sidebar.toggle" class="hamburger">☰</button><a href="/" class="amp-logo">Runners Daily</a></div>
<amp-consent id="consent" layout="nodisplay"><div class="consent-ui"><p>We use cookies and data to deliver and maintain our services and ads. Click accept to continue.</p><button on="tap:consent.accept">Accept</button><button on="tap:consent.reject">Reject</button></div></amp-consent>
<div class="amp-main"><div class="article-header"><h1 class="article-title">{E(a['title'])}</h1><div class="byline">By {E(a['author'])} | <span class="date">April 22, 2024</span></div>
<amp-social-share type="twitter" width="32" height="32"></amp-social-share><amp-social-share type="facebook" width="32" height="32"></amp-social-share><amp-social-share type="email" width="32" height="32"></amp-social-share></div>
<div class="article-body">{body}</div>
<div class="amp-related"><h3>Related</h3><ul><li><a href="/a">Marathon training plan for beginners: 16 weeks to race day</a></li><li><a href="/b">What to eat the night before a long run</a></li><li><a href="/c">Are carbon-plated shoes worth it for amateurs?</a></li></ul></div>
<a class="view-full" href="https://www.runnersdaily.example/training/marathon-recovery">View full site</a></div>
<footer class="amp-footer"><p>© 2024 Runners Daily. All rights reserved.</p><a href="/privacy">Privacy Policy</a> | <a href="/terms">Terms of Use</a></footer></body></html>"""


def liveblog(a: dict) -> str:
    posts = []
    for kind, (time, heading, paras) in a["body"]:
        ps = "".join(f"<p>{E(t)}</p>" for t in paras)
        posts.append(f'<article class="live-post" id="post-{time.replace(":", "")}" data-post-id="{time}"><header class="live-post__header"><time class="live-post__time" datetime="2024-05-05T{time}:00+01:00">{time}</time><span class="live-post__author">Politics team</span></header>'
                     f'<h2 class="live-post__title">{E(heading)}</h2><div class="live-post__body">{ps}</div><div class="live-post__share"><a href="#post-{time}">Copy link</a><a href="https://twitter.com/share">Share</a></div></article>')
    key_events = "".join(f'<li><a href="#post-{t.replace(":", "")}"><time>{t}</time> {E(h)}</a></li>' for _, (t, h, _) in a["body"])
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{E(a['title'])} | The Courier</title>
<meta property="og:title" content="{E(a['title'])}"><meta property="og:type" content="article">
{ld({"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": a["title"], "coverageStartTime": a["date"], "datePublished": a["date"], "author": {"@type": "Organization", "name": "The Courier"}, "liveBlogUpdate": [{"@type": "BlogPosting", "headline": h, "datePublished": f"2024-05-05T{t}:00+01:00"} for _, (t, h, _) in a["body"]]})}
</head><body><header class="site-head"><a href="/" class="logo">The Courier</a><nav><a href="/news">News</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a> <a href="/business">Business</a> <a href="/lifestyle">Lifestyle</a> <a href="/puzzles">Puzzles</a></nav></header>
<div class="liveblog"><div class="liveblog__head"><span class="liveblog__badge">LIVE</span><h1>{E(a['title'])}</h1><p class="liveblog__summary">Follow the count across all 42 constituencies as results come in overnight.</p></div>
<div class="liveblog__layout"><aside class="liveblog__key-events"><h2>Key events</h2><ul>{key_events}</ul></aside>
<div class="liveblog__feed"><div class="liveblog__refresh"><button>Show 2 new updates</button></div>{"".join(posts)}
<div class="liveblog__pagination"><a href="?page=2">Older posts</a></div></div></div></div>
<section class="promo-box"><h2>Get the Courier politics newsletter</h2><p>Analysis from our political editor every Tuesday, plus the week's key votes and what they mean for you.</p><a href="/newsletters">Sign up</a></section>
<footer class="site-foot"><p>© The Courier 2024</p><a href="/contact">Contact</a> <a href="/privacy">Privacy</a> <a href="/cookies">Cookie settings</a></footer></body></html>"""


def short_huge_nav(a: dict) -> str:
    sections = ["News", "Local", "Politics", "Business", "Sport", "Football", "Cricket", "Rugby", "What's On", "Food & Drink", "Property", "Motors", "Jobs", "Announcements", "Weather", "Traffic", "Schools", "Health", "Crime", "Opinion", "Letters", "Obituaries", "Puzzles", "Competitions"]
    mega = "".join(f'<li class="mega-menu__item"><a href="/{s.lower()}">{E(s)}</a><ul class="mega-menu__sub">' + "".join(f'<li><a href="/{s.lower()}/{j}">{E(s)} {w}</a></li>' for j, w in enumerate(["latest", "in pictures", "video", "analysis", "archive"])) + "</ul></li>" for s in sections)
    trending = "".join(f'<div class="teaser teaser--small"><a href="/news/t{i}"><h3 class="teaser__title">{E(t)}</h3></a><p class="teaser__summary">{E(s)}</p></div>' for i, (t, s) in enumerate([
        ("Road closed for three weeks as gas main is replaced", "Diversions will be in place on the A614 while engineers replace a section of pipe dating from the 1950s, the gas network said on Monday."),
        ("Plans for 300 homes on edge of town rejected", "Councillors voted against the scheme after hearing objections from residents about flooding and pressure on the local surgery."),
        ("Famous chip shop named best in the region for third year", "The family-run business, which opened in 1962, beat more than 200 other entries to win the award at a ceremony in Leeds."),
        ("Police appeal after shed fires in three villages overnight", "Officers are treating the fires as linked and are asking anyone with doorbell camera footage from the area to get in touch."),
        ("Town's oldest resident celebrates 107th birthday", "She put her long life down to walking every day, a small glass of sherry on Sundays, and never worrying about things she could not change.")]))
    body = render(a["body"])
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{E(a['title'])} - Wolds Gazette</title><meta property="og:title" content="{E(a['title'])}"><meta property="article:published_time" content="{a['date']}"></head>
<body><div class="site-wrapper"><div class="top-strip"><a href="/subscribe">Subscribe</a> | <a href="/e-edition">E-edition</a> | <a href="/login">Log in</a> | <a href="/register">Register</a></div>
<header class="header"><a href="/" class="header__logo">Wolds Gazette</a><nav class="mega-menu"><ul class="mega-menu__list">{mega}</ul></nav></header>
<div class="breaking-ticker"><span>Breaking</span> <a href="/news/b1">Flood warning in place for the river at Driffield</a></div>
<div class="page"><div class="col-main"><div class="story"><h1 class="story__headline">{E(a['title'])}</h1><div class="story__meta"><span class="story__author">{E(a['author'])}</span> <span class="story__date">Thursday 28 March 2024 11:00</span></div>
<div class="story__text">{body}</div>
<div class="story__share"><a href="https://www.facebook.com/sharer">Facebook</a> <a href="https://twitter.com/share">Twitter</a> <a href="https://wa.me/">WhatsApp</a> <a href="mailto:">Email</a></div></div>
<div class="trending"><h2>Trending</h2>{trending}</div></div>
<div class="col-side"><div class="ad-mpu"><span>Advertisement</span></div><div class="weather-widget"><h3>Weather</h3><p>Light rain, 9°C</p></div><div class="family-notices"><h3>Family notices</h3><ul><li><a href="/n1">Deaths</a></li><li><a href="/n2">Births</a></li><li><a href="/n3">Marriages</a></li></ul></div></div></div>
<footer class="footer"><div class="footer__cols">{"".join(f'<ul class="footer__col"><li><a href="/{s.lower()}">{E(s)}</a></li></ul>' for s in sections)}</div><p>Wolds Gazette is a member of the Independent Press Standards Organisation. © 2024 Wolds Media Ltd.</p></footer></div></body></html>"""


def br_page(a: dict) -> str:
    paras = [v for k, v in a["body"] if k == "p"]
    text = "<br>\n<br>\n".join(E(t) for t in paras)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>{E(a['title'])}</title></head>
<body bgcolor="#ffffff" topmargin="0"><center><table width="780" border="0" cellspacing="0" cellpadding="0"><tr><td><a href="/"><img src="/images/logo.gif" border="0" alt="The County Farmer"></a></td></tr>
<tr><td bgcolor="#336633"><font face="Verdana" size="1" color="#ffffff"><a href="/">HOME</a> | <a href="/news.htm">NEWS</a> | <a href="/markets.htm">MARKETS</a> | <a href="/machinery.htm">MACHINERY</a> | <a href="/classified.htm">CLASSIFIED</a> | <a href="/contact.htm">CONTACT</a></font></td></tr></table>
<div id="wrapper" style="width:780px;text-align:left"><div id="leftcol" style="float:left;width:150px"><font size="1"><b>Markets</b><br><a href="/m/wheat.htm">Wheat</a><br><a href="/m/barley.htm">Barley</a><br><a href="/m/osr.htm">Oilseed rape</a><br><a href="/m/beef.htm">Beef</a><br><a href="/m/lamb.htm">Lamb</a><br><a href="/m/milk.htm">Milk</a></font></div>
<div id="story" style="float:left;width:460px;padding:10px"><font face="Georgia" size="4"><b>{E(a['title'])}</b></font><br>
<font size="1" color="#666666">By {E(a['author'])}, 14 September 2023</font><br><br>
<font face="Georgia" size="2">{text}</font>
<br><br><font size="1"><a href="javascript:window.print()">Print this page</a> | <a href="mailto:?subject=Harvest">Send to a friend</a></font></div>
<div id="rightcol" style="float:left;width:150px"><font size="1"><b>Classified</b><br>Massey Ferguson 135, good runner, offers. Tel 01377 555123<br><br>Wanted: small bales of hay, collect. Tel 01377 555987<br><br>Border collie pups, working parents, ready now.</font></div>
<div style="clear:both"></div><hr><font size="1">&copy; The County Farmer 1998-2023. Webmaster: <a href="mailto:web@countyfarmer.example">web@countyfarmer.example</a></font></div></center></body></html>"""


def table_bio(a: dict) -> str:
    body = render(a["body"], table=lambda rows: '<div class="table-responsive"><table class="data-table"><caption>' + E(a["table_caption"]) + '</caption><thead><tr>' + "".join(f'<th scope="col">{E(c)}</th>' for c in rows[0]) + "</tr></thead><tbody>" + "".join("<tr>" + "".join(f"<td>{E(c)}</td>" for c in r) + "</tr>" for r in rows[1:]) + "</tbody></table></div>")
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{E(a['title'])} | Village Cricket Monthly</title>
<meta property="og:title" content="{E(a['title'])}"><meta name="author" content="{E(a['author'])}"><meta property="article:published_time" content="{a['date']}"></head>
<body><div class="cookie-bar" id="cookieBar"><p>This site uses cookies. Some of them are essential, while others help us improve your experience by providing insights into how the site is being used.</p><a href="#" class="cookie-bar__accept">Got it</a></div>
<div class="container"><div class="header-row"><a href="/" class="logo">Village Cricket Monthly</a><ul class="main-menu"><li><a href="/news">News</a></li><li><a href="/features">Features</a></li><li><a href="/clubs">Clubs</a></li><li><a href="/kit">Kit</a></li><li><a href="/shop">Shop</a></li></ul></div>
<div class="row"><div class="col-md-8 main-col"><h1 class="post-heading">{E(a['title'])}</h1><div class="post-info">By <a href="/writers/nadia">{E(a['author'])}</a> on 11 March 2024 | <a href="#respond">4 comments</a></div>
<div class="post-text">{body}</div>
<div class="author-box"><div class="author-box__avatar"><img src="/img/writers/nadia.jpg" alt="{E(a['author'])}"></div><div class="author-box__text"><h4>About {E(a['author'])}</h4><p>{E(a['bio'])}</p><a href="/writers/nadia">More by Nadia</a> · <a href="https://twitter.com/">@nadiawrites</a></div></div>
<div class="post-nav"><a href="/news/county-fixtures">← County fixtures announced</a> <a href="/news/womens-league">Women’s league expands to 40 teams →</a></div></div>
<div class="col-md-4 side-col"><div class="box"><h3>Latest</h3><ul><li><a href="/l1">Umpire shortage hits weekend leagues</a></li><li><a href="/l2">The bat maker still using willow from his own trees</a></li></ul></div><div class="box"><h3>Subscribe to the magazine</h3><p>Twelve issues delivered to your door for £39, plus a free club scorebook.</p></div></div></div>
<div class="footer-row"><p>Village Cricket Monthly is published by Longstop Media. © 2024</p></div></div></body></html>"""


def gallery(a: dict) -> str:
    intro = [v for k, v in a["body"] if k == "p"]
    figs = [v for k, v in a["body"] if k == "fig"]
    slides = "".join(f'<figure class="gallery__item" id="img-{i + 1}"><div class="gallery__count">{i + 1} of {len(figs)}</div><picture><source type="image/webp" srcset="{src}.webp"><img src="{src}" alt="" loading="lazy"></picture><figcaption class="gallery__caption"><p>{E(cap)}</p><span class="gallery__credit">Photograph: {E(a["author"])}</span></figcaption></figure>' for i, (src, cap) in enumerate(figs))
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{E(a['title'])} | Valley Echo</title><meta property="og:title" content="{E(a['title'])}"><meta property="og:image" content="{figs[0][0]}">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"], "datePublished": a["date"], "author": {"@type": "Person", "name": a["author"]}})}</head>
<body><header class="masthead"><a href="/">Valley Echo</a><nav><ul><li><a href="/news">News</a></li><li><a href="/environment">Environment</a></li><li><a href="/pictures">Pictures</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><div class="gallery-page"><h1>{E(a['title'])}</h1><div class="meta">{E(a['author'])} · 18 June 2024</div>
<div class="gallery__intro"><p>{E(intro[0])}</p></div>
<div class="gallery">{slides}</div>
<div class="gallery__outro"><p>{E(intro[1])}</p></div>
<div class="share"><a href="#">Share on Facebook</a><a href="#">Share on X</a><a href="#">Pin it</a></div></div>
<section class="more-galleries"><h2>More galleries</h2><div class="cards"><a href="/p1"><img src="/p1.jpg" alt=""><span>Best of the county show in pictures</span></a><a href="/p2"><img src="/p2.jpg" alt=""><span>Sunrise over the estuary: readers’ photos</span></a><a href="/p3"><img src="/p3.jpg" alt=""><span>The last day of the old bus station</span></a></div></section></main>
<footer><p>© Valley Echo 2024</p></footer></body></html>"""


# ================================================================ Chinese layouts


def sina(a: dict) -> str:
    def fig(src: str, cap: str) -> str:
        return f'<div class="img_wrapper"><img src="{src}" alt="{E(cap)}" style="max-width:640px;"><span class="img_descr">{E(cap)}</span></div>'
    body = render(a["body"], p=lambda t: f'<p cms-style="font-L">　　{E(t)}</p>', fig=fig)
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-type" content="text/html; charset=utf-8"><title>{E(a['title'])}|夜市|摊位_新浪财经_新浪网</title>
<meta name="keywords" content="夜市,摊位"><meta name="description" content="{E(a['body'][0][1][:60])}"><meta property="og:type" content="news"><meta property="og:title" content="{E(a['title'])}">
<meta property="article:published_time" content="2024-05-12T08:45:00+08:00"><meta property="article:author" content="新浪财经"><meta name="sudameta" content="allCIDs:51894,2,258"></head>
<body><div class="top-nav" id="SI_Top_Wrap"><div class="tn-bg"><div class="tn-header"><div class="tn-nav"><a href="https://www.sina.com.cn/">新浪首页</a><a href="https://news.sina.com.cn/">新闻</a><a href="https://sports.sina.com.cn/">体育</a><a href="https://finance.sina.com.cn/">财经</a><a href="https://ent.sina.com.cn/">娱乐</a><a href="https://tech.sina.com.cn/">科技</a><a href="https://blog.sina.com.cn/">博客</a><a href="https://photo.sina.com.cn/">图片</a><a href="https://zhuanlan.sina.com.cn/">专栏</a></div><div class="tn-user"><a href="https://login.sina.com.cn/">登录</a></div></div></div></div>
<div class="main-content w1240"><h1 class="main-title">{E(a['title'])}</h1>
<div class="top-bar-wrap" id="top_bar_wrap"><div class="top-bar"><div class="date-source"><span class="date">2024年05月12日 08:45</span><a href="https://finance.sina.com.cn/" class="source ent-source" rel="nofollow">新浪财经</a></div>
<div class="hqimg_wrapper"></div><div class="share-wrap" data-sudaclick="share"><a href="javascript:;" class="share-weibo">分享到微博</a><a href="javascript:;">微信</a><span class="num">评论 <a href="#comment">1,203</a></span></div></div></div>
<div class="article-content clearfix" id="article_content"><div class="article-content-left"><div class="article" id="article">
{body}
<div class="appendQr_wrap"><div class="appendQr_normal"><div class="appendQr_normal_txt">新浪财经公众号</div><div class="appendQr_normal_txt">24小时滚动播报最新的财经资讯和视频，更多粉丝福利扫描二维码关注（sinafinance）</div></div></div>
</div>
<div id="article-bottom"><p class="article-editor">责任编辑：张倩</p></div>
<div class="article-notice"><p>海量资讯、精准解读，尽在新浪财经APP</p></div>
<div class="blk-related clearfix" id="related"><h3>相关新闻</h3><ul><li><a href="https://finance.sina.com.cn/r1.shtml">多地夜经济持续升温 “烟火气”带动消费回暖</a></li><li><a href="https://finance.sina.com.cn/r2.shtml">街头小吃如何兼顾便民与规范？</a></li><li><a href="https://finance.sina.com.cn/r3.shtml">五一假期全国夜间消费数据出炉</a></li></ul></div>
<div class="sina-comment-wrap" id="comment"><div class="hd"><span>我要评论</span><span class="count">1,203人参与</span></div><div class="list"><div class="item"><span class="name">新浪网友</span><p>终于又开了，周末带孩子去吃烤肠！</p></div><div class="item"><span class="name">南门街坊</span><p>油烟确实小了，支持规范管理。</p></div></div></div>
</div>
<div class="article-content-right" id="rightContent"><div class="tab-bar"><h3>新浪财经意见反馈留言板</h3></div><div class="hot-news"><h3>热门推荐</h3><ul><li><a href="/h1">A股三大指数集体收涨 成交额突破万亿</a></li><li><a href="/h2">央行：保持流动性合理充裕</a></li><li><a href="/h3">一季度居民人均可支配收入公布</a></li><li><a href="/h4">油价迎来年内第五次上调</a></li></ul></div></div></div></div>
<div class="footer" id="footer"><p><a href="https://corp.sina.com.cn/chn/">新浪简介</a> | <a href="https://corp.sina.com.cn/eng/">About Sina</a> | <a href="https://emarketing.sina.com.cn/">广告服务</a> | <a href="https://www.sina.com.cn/contactus.html">联系我们</a> | <a href="https://corp.sina.com.cn/chn/sina_job.html">招聘信息</a> | <a href="https://www.sina.com.cn/intro/lawfirm.shtml">通行证注册</a></p><p>Copyright © 1996-2024 SINA Corporation, All Rights Reserved</p><p>新浪公司 版权所有</p></div></body></html>"""


def netease(a: dict) -> str:
    def fig(src: str, cap: str) -> str:
        return f'<p class="f_center"><img src="{src}" alt="{E(cap)}" /><br/>{E(cap)}</p>'
    body = render(a["body"], p=lambda t: f'<p id="{zlib.crc32(t.encode()) % 99999:05d}">{E(t)}</p>', fig=fig)
    return f"""<!DOCTYPE HTML><html id="ne_wrap"><head><meta charset="utf-8"><title>{E(a['title'])}|志愿者|河道_网易新闻</title>
<meta name="keywords" content="志愿者,河道,垃圾"><meta name="description" content="{E(a['title'])}"><meta name="author" content="网易"><meta property="og:title" content="{E(a['title'])}"><meta property="og:release_date" content="{a['date']}">
<meta property="article:published_time" content="2024-04-08T10:21:36+08:00"></head>
<body><div class="N-nav-top"><div class="N-nav-top-wrap"><ul class="ntes-quicknav-column"><li><a href="https://news.163.com/">新闻</a></li><li><a href="https://sports.163.com/">体育</a></li><li><a href="https://ent.163.com/">娱乐</a></li><li><a href="https://money.163.com/">财经</a></li><li><a href="https://auto.163.com/">汽车</a></li><li><a href="https://tech.163.com/">科技</a></li><li><a href="https://fashion.163.com/">时尚</a></li><li><a href="https://mobile.163.com/">手机</a></li><li><a href="https://house.163.com/">房产</a></li></ul><div class="ntes-nav-login"><a href="https://reg.163.com/">登录</a> <a href="https://mail.163.com/">免费邮箱</a></div></div></div>
<div class="container clearfix"><div class="post_main"><div class="post_crumb"><a href="https://www.163.com/">网易首页</a> &gt; <a href="https://news.163.com/">新闻中心</a> &gt; <a href="https://news.163.com/shehui/">社会新闻</a> &gt; 正文</div>
<h1 class="post_title">{E(a['title'])}</h1><div class="post_info">{a['date']}　来源: <a href="https://www.163.com/">城市晚报</a> <a href="#post_comment_area" class="post_top_tie_count">1,024跟贴</a></div>
<div class="post_content" id="content"><div class="post_body">
{body}
<p class="post_statement"><span>特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。</span></p>
<p class="post_statement_en">Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao, which is a social media platform and only provides information storage services.</p>
</div></div>
<div class="post_next"><a href="https://www.163.com/dy/next.html">下一篇：城西公园改造完工 新增三条健身步道</a></div>
<div class="post_recommends js-tab-mod"><div class="post_recommends_titles"><h3>相关推荐</h3></div><ul><li class="post_recommend"><a href="/r1.html"><h3>这座城市的河长都在忙什么？</h3><p class="post_recommend_time">2024-04-06</p></a></li><li class="post_recommend"><a href="/r2.html"><h3>外卖餐盒回收难题如何破解</h3><p class="post_recommend_time">2024-04-05</p></a></li><li class="post_recommend"><a href="/r3.html"><h3>一群退休老人的护河十年</h3><p class="post_recommend_time">2024-04-01</p></a></li></ul></div>
<div class="tie-area" id="post_comment_area"><div class="tie-titlebar"><span>跟贴</span><span class="tie-info">1,024人参与</span></div><div class="tie-cnt"><div class="tie-item"><span class="tie-user">网易广东省深圳市网友</span><p>向志愿者致敬！这才是真正的正能量。</p></div><div class="tie-item"><span class="tie-user">网易浙江省杭州市网友</span><p>垃圾是人扔的，源头不管，捞多少都没用。</p></div></div></div></div>
<div class="post_side"><div class="side_hot"><h2>热点新闻</h2><ul><li><a href="/s1">多地发布高温预警</a></li><li><a href="/s2">今年高考报名人数公布</a></li><li><a href="/s3">新规实施：这些变化与你有关</a></li></ul></div><div class="side_ad" id="ad_side"><span>广告</span></div></div></div>
<div class="N-nav-bottom"><div class="ntes_foot_link"><a href="https://corp.163.com/">About NetEase</a> | <a href="https://gb.corp.163.com/gb/about/overview.html">公司简介</a> | <a href="https://gb.corp.163.com/gb/contactus.html">联系方法</a> | <a href="https://help.163.com/">客服中心</a></div><p>网易公司版权所有 ©1997-2024</p></div></body></html>"""


def sohu(a: dict) -> str:
    body = render(a["body"], p=lambda t: f"<p>{E(t)}</p>")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{E(a['title'])}_中亚_茶叶_市场</title>
<meta name="keywords" content="中亚,茶叶,市场"><meta name="description" content="{E(a['body'][0][1])}"><meta property="og:type" content="news"><meta property="og:title" content="{E(a['title'])}">
<meta property="og:release_date" content="2024-03-25 16:02"><meta name="mediaid" content="{E(a['author'])}"></head>
<body><div class="head-container"><div class="area"><div class="logo"><a href="//www.sohu.com/">搜狐</a></div><ul class="head-nav-left"><li><a href="//news.sohu.com/">新闻</a></li><li><a href="//sports.sohu.com/">体育</a></li><li><a href="//auto.sohu.com/">汽车</a></li><li><a href="//www.focus.cn/">房产</a></li><li><a href="//travel.sohu.com/">旅游</a></li><li><a href="//learning.sohu.com/">教育</a></li><li><a href="//fashion.sohu.com/">时尚</a></li><li><a href="//it.sohu.com/">科技</a></li><li><a href="//business.sohu.com/">财经</a></li></ul><div class="login-box"><a href="#">登录</a></div></div></div>
<div class="location area"><a href="//www.sohu.com/">搜狐</a> &gt; <a href="//business.sohu.com/">财经</a> &gt; 正文</div>
<div class="area clearfix" id="article-container"><div class="left main"><div class="user-info" id="user-info"><div class="user-pic"><img src="//p1.itc.cn/avatar.jpg" alt=""></div><h4><a href="//mp.sohu.com/profile?xpt=abc">{E(a['author'])}</a></h4><ul class="user-more"><li><span class="value">1,286</span><span class="name">文章</span></li><li><span class="value">356万</span><span class="name">总阅读</span></li></ul><div class="focus"><a href="#">+ 关注</a></div></div></div>
<div class="left main"><div class="text"><div class="text-title"><h1>{E(a['title'])}<span class="article-tag"></span></h1><div class="article-info"><span class="time" id="news-time">2024-03-25 16:02</span><span data-role="original-link">发布于：<a href="#">北京市</a></span></div></div>
<article class="article" id="mp-editor">
{body}
<a href="//www.sohu.com/?strategyid=00001" target="_blank" title="点击进入搜狐首页" id="backsohucom" style="white-space: nowrap;"><span class="backword"><i class="backsohu"></i>返回搜狐，查看更多</span></a>
</article>
<div id="articleAllsee" style="height:629px"></div>
<div class="statement">平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。</div>
<div class="bottom-relate-wrap clear"><div class="read-wrap"><span class="read-num">阅读 (<em data-role="pv">3.6万</em>)</span></div></div></div>
<div id="god_bottom_banner" class="god-bottom-banner" data-role="god_column"></div>
<div class="comment" id="comment_area"><div class="c-comment-header">评论</div><div class="c-comment-list"><div class="c-comment-item"><span class="c-username">搜狐网友</span><p>这个方向不错，中亚市场确实有潜力。</p></div></div></div>
<div class="more-article"><h3>推荐阅读</h3><ul><li><a href="/a/1">茶叶出口数据发布：红茶增速最快</a></li><li><a href="/a/2">中欧班列开行量再创新高</a></li><li><a href="/a/3">县域经济如何借力跨境电商</a></li></ul></div></div>
<div class="sidebar right" id="right-side-bar"><div class="hot-article"><h4>24小时热文</h4><ul><li><a href="/h/1">房贷利率再降，这些城市率先执行</a></li><li><a href="/h/2">这类存款利率又调整了</a></li><li><a href="/h/3">多家车企宣布降价促销</a></li></ul></div></div></div>
<div class="footer"><p>Copyright © 2024 Sohu All Rights Reserved. 搜狐公司 版权所有</p><p><a href="//www.sohu.com/about">关于搜狐</a> | <a href="//www.sohu.com/help">客服中心</a> | <a href="//www.sohu.com/law">法律声明</a></p></div></body></html>"""


def tencent(a: dict) -> str:
    body = render(a["body"], p=lambda t: f'<p class="one-p">{E(t)}</p>')
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{E(a['title'])}_腾讯新闻</title>
<meta name="keywords" content="动力电池,回收"><meta name="description" content="{E(a['body'][0][1][:70])}"><meta name="apub:time" content="{a['date']}"><meta property="og:title" content="{E(a['title'])}">
<script>window.DATA = {{"article_id": "20240417A01XYZ00", "title": "{E(a['title'])}", "media": "经济观察", "pubtime": "{a['date']}", "catalog1": "tech"}};</script></head>
<body><div class="qq-top"><div class="qq-top-inner"><a href="https://www.qq.com/" class="logo">腾讯网</a><ul class="nav"><li><a href="https://news.qq.com/">新闻</a></li><li><a href="https://v.qq.com/">视频</a></li><li><a href="https://new.qq.com/ch/ent/">娱乐</a></li><li><a href="https://new.qq.com/ch/tech/">科技</a></li><li><a href="https://new.qq.com/ch/finance/">财经</a></li><li><a href="https://new.qq.com/ch/auto/">汽车</a></li><li><a href="https://new.qq.com/ch/edu/">教育</a></li></ul><div class="login"><a href="#">登录</a></div></div></div>
<div class="qq-main"><div class="LEFT"><h1>{E(a['title'])}</h1><div class="media-info"><a class="author" href="https://new.qq.com/omn/author/8QMd3">经济观察</a><span class="time">{a['date'][:16]}</span><span class="ip">发布于北京</span></div>
<div class="content clearfix"><div class="content-article">
{body}
<p class="one-p"><img class="content-picture" src="https://inews.gtimg.com/newsapp_bt/0/battery/1000" alt=""></p>
</div>
<div class="statement-box"><p>免责声明：本内容来自腾讯平台创作者，不代表腾讯新闻或腾讯网的观点和立场。</p></div>
<div id="Comment" class="qq-comment"><div class="comment-hd"><span>全部评论</span><em>256</em></div><div class="comment-list"><div class="comment-item"><div class="nick">用户7341</div><div class="comment-text">小作坊必须严查，太危险了。</div></div><div class="comment-item"><div class="nick">数码爱好者</div><div class="comment-text">以旧换新这个模式挺好，希望推广。</div></div></div></div></div>
<div class="rec-list"><div class="rec-title">为你推荐</div><ul><li class="rec-item"><a href="https://new.qq.com/rain/a/1"><div class="rec-item-title">新能源车下乡活动启动 多款车型参与优惠</div><div class="rec-item-source">汽车之家 · 2小时前</div></a></li><li class="rec-item"><a href="https://new.qq.com/rain/a/2"><div class="rec-item-title">锂价跌回三年前 电池企业日子好过了吗</div><div class="rec-item-source">财经观察 · 5小时前</div></a></li></ul></div></div>
<div class="RIGHT"><div class="hot-rank"><h3>腾讯热榜</h3><ol><li><a href="/t1">高考志愿填报指南发布</a></li><li><a href="/t2">多地出台购房新政</a></li><li><a href="/t3">国产大飞机新航线开通</a></li></ol></div></div></div>
<div class="qq-footer"><p><a href="https://www.tencent.com/">关于腾讯</a> | <a href="https://www.qq.com/contract.shtml">服务协议</a> | <a href="https://www.qq.com/privacy.htm">隐私政策</a></p><p>Copyright © 1998 - 2024 Tencent. All Rights Reserved</p></div></body></html>"""


def xinhua(a: dict) -> str:
    body = render(a["body"], p=lambda t: f'<p>　　{E(t)}</p>')
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="pagetype" content="1"><title>{E(a['title'])}-新华网</title>
<meta name="keywords" content="小麦,三夏"><meta name="description" content="{E(a['title'])}---{E(a['body'][0][1][:60])}"><meta name="source" content="新华网"><meta name="publishdate" content="2024-06-05">
<meta name="contentid" content="20240605ab12cd34"></head>
<body><div class="header"><div class="header-cont"><a href="http://www.news.cn/" class="logo">新华网</a><div class="nav"><a href="http://www.news.cn/politics/">时政</a> <a href="http://www.news.cn/local/">地方</a> <a href="http://www.news.cn/legal/">法治</a> <a href="http://www.news.cn/world/">国际</a> <a href="http://www.news.cn/mil/">军事</a> <a href="http://www.news.cn/fortune/">财经</a> <a href="http://www.news.cn/money/">金融</a> <a href="http://www.news.cn/tech/">科技</a> <a href="http://www.news.cn/sports/">体育</a> <a href="http://www.news.cn/culture/">文化</a></div></div></div>
<div class="header-cont clearfix" id="conTit"><div class="nav"><a href="http://www.news.cn/">新华网</a> &gt; <a href="http://www.news.cn/local/">地方</a> &gt; 正文</div>
<div class="head-line clearfix"><h1><span class="title">{E(a['title'])}</span></h1><div class="header-time left"><span class="year"><em> 2024</em></span><span class="day"><em> 06</em>/<em>05</em></span><span class="time"> 19:42:08</span></div>
<div class="source">来源：新华网</div><div class="pageShare"><div class="setFont">字体：<span id="fontSmall">小</span><span id="fontNormal" class="active">中</span><span id="fontBig">大</span></div><div class="share"><a class="wx"></a><a class="wb"></a></div></div></div></div>
<div class="main clearfix"><div class="main-left left"><div id="detail"><span id="detailContent">
{body}
</span>
<div id="articleEdit"><span class="tiyi1"><a href="javascript:void(0);" class="advise">【纠错】</a></span><span class="editor">【责任编辑:王娟】</span></div></div>
<div class="columBox xhwp"><div class="col-tit"><span>相关阅读</span></div><ul class="dataList"><li><a href="http://www.news.cn/x1.htm">全国麦收进度超三成</a></li><li><a href="http://www.news.cn/x2.htm">农机跨区作业服务全面启动</a></li><li><a href="http://www.news.cn/x3.htm">“三夏”时节的麦田新景</a></li></ul></div></div>
<div class="main-right right"><div class="columBox"><div class="col-tit"><span>热点推荐</span></div><ul class="dataList"><li><a href="/r1">高温天气如何防暑降温</a></li><li><a href="/r2">全国夏粮收购工作全面展开</a></li></ul></div></div></div>
<div class="foot"><div class="foot-cont"><p><a href="http://www.xinhuanet.com/aboutus.htm">关于我们</a> | <a href="http://www.xinhuanet.com/contact.htm">联系我们</a> | <a href="http://www.xinhuanet.com/ad.htm">广告服务</a></p><p>Copyright © 2000-2024 XINHUANET.com All Rights Reserved.</p><p>制作单位：新华网股份有限公司　版权所有：新华网股份有限公司</p></div></div></body></html>"""


def peoples(a: dict) -> str:
    body = render(a["body"], p=lambda t: f'<p style="text-indent: 2em;">{E(t)}</p>')
    return f"""<!DOCTYPE html><html><head><meta http-equiv="content-type" content="text/html;charset=UTF-8"><title>{E(a['title'])}--社会·法治--人民网</title>
<meta name="keywords" content="长者食堂"><meta name="description" content="{E(a['body'][0][1][:70])}"><meta name="publishdate" content="2024-03-19"><meta name="author" content="王静"><meta name="source" content="来源：人民网－人民日报">
<meta name="contentid" content="40198765"></head>
<body><div class="rm_topnav"><div class="w1200"><a href="http://www.people.com.cn/">人民网首页</a><span>|</span><a href="http://cpc.people.com.cn/">时政</a><a href="http://society.people.com.cn/">社会</a><a href="http://finance.people.com.cn/">经济</a><a href="http://world.people.com.cn/">国际</a><a href="http://opinion.people.com.cn/">观点</a><a href="http://edu.people.com.cn/">教育</a><a href="http://health.people.com.cn/">健康</a></div></div>
<div class="main"><div class="layout rm_txt cf"><div class="col col-1 fl"><div class="route-nav"><a href="http://www.people.com.cn/">人民网</a>&gt;&gt;<a href="http://society.people.com.cn/">社会·法治</a></div>
<h3 class="pre"></h3><h1>{E(a['title'])}</h1><h4 class="sub"></h4><p class="author">本报记者  王静</p>
<div class="col-1-1 fl">2024年03月19日05:21 | 来源：<a href="http://paper.people.com.cn/rmrb/">人民网－人民日报</a></div>
<div class="col-1-2 fr"><a href="javascript:void(0)" class="f_sc">分享到：</a><a class="wx" href="#"></a><a class="wb" href="#"></a></div>
<div class="rm_txt_con cf">
{body}
<p style="text-indent: 2em;">　　《 人民日报 》（ 2024年03月19日 11 版）</p>
<div class="edit cf">(责编：李明、赵丽)</div></div>
<div class="share cf"><span>分享让更多人看到</span></div>
<div class="rm_relevant cf"><div class="title"><span>相关新闻</span></div><ul><li><a href="http://society.people.com.cn/1.html">多地探索老年助餐服务新模式</a></li><li><a href="http://society.people.com.cn/2.html">让老年人吃得好、吃得放心</a></li></ul></div>
<div class="rm_ranking"><div class="title">推荐阅读</div><ul><li><a href="/r1">乡村振兴看新变化</a></li><li><a href="/r2">春耕备耕正当时</a></li><li><a href="/r3">智慧社区让生活更便利</a></li></ul></div></div>
<div class="col col-2 fr"><div class="rm_hot"><h2>热门排行</h2><ol><li><a href="/h1">全国两会新闻中心启用</a></li><li><a href="/h2">这些新规3月起施行</a></li><li><a href="/h3">春运返程客流持续高位</a></li></ol></div></div></div></div>
<div class="foot"><p>人 民 网 股 份 有 限 公 司 版 权 所 有 ，未 经 书 面 授 权 禁 止 使 用</p><p>Copyright &copy; 1997-2024 by www.people.com.cn. all rights reserved</p></div></body></html>"""


def thepaper(a: dict) -> str:
    inner = "".join(f"<p>{E(v)}</p>" for k, v in a["body"] if k == "p")
    data = {"props": {"pageProps": {"detailData": {"contentDetail": {"contId": 27123456, "name": a["title"], "author": a["author"], "pubTime": a["date"], "content": inner,
                                                                      "tags": [{"tag": "读书日"}, {"tag": "地铁"}]}}}}, "page": "/newsDetail_forward_[id]", "buildId": "k3Yf9", "isFallback": False}
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/><title>{E(a['title'])}_上海_澎湃新闻-The Paper</title>
<meta name="Keywords" content="地铁,图书馆"/><meta name="Description" content="{E(a['body'][0][1][:80])}"/><meta property="og:title" content="{E(a['title'])}"/>
<link rel="stylesheet" href="/_next/static/css/abc.css" data-n-g=""/></head>
<body><div id="__next"><div class="index_wrapper__iGDyE"><div class="index_header__oMl9u"><div class="index_headerCon__Fx3cY"><a href="/" class="index_logo__r1Bss">澎湃新闻</a><ul class="index_nav__yv0KU"><li><a href="/">首页</a></li><li><a href="/channel_25950">时事</a></li><li><a href="/channel_25951">财经</a></li><li><a href="/channel_36079">澎湃号</a></li><li><a href="/channel_119908">科技</a></li><li><a href="/channel_25952">思想</a></li><li><a href="/channel_119489">智库</a></li><li><a href="/channel_25953">生活</a></li></ul><a class="index_login__bL3k9" href="/login">登录</a></div></div>
<div class="index_container__MNXG_"><div class="index_left__LfzyH"><div class="index_main__tz_2x"><h1 class="index_title__B8mhI">{E(a['title'])}</h1>
<div class="index_headerContent__sASF4"><div class="index_left__LfzyH"><div class="ant-space ant-space-horizontal"><div class="ant-space-item"><span>{E(a['author'])}</span></div></div><div class="ant-space"><span>{a['date']}</span><span>来源：澎湃新闻</span></div></div></div>
<div class="index_cententWrapBox__bh0OY"><div class="index_cententWrap__Jv8jK">{inner}</div></div>
<div class="index_editorBox__Q5VNj"><p>责任编辑：彭玮</p><p>校对：刘威</p></div>
<div class="index_copyright__yIl_P"><p>澎湃新闻报料：021-962866</p><p>澎湃新闻，未经授权不得转载</p></div>
<div class="index_tagsBox__tq5Ss"><a href="/searchResult?id=1">读书日</a><a href="/searchResult?id=2">地铁</a></div></div>
<div class="index_commentBox__NjY6F"><div class="index_commentTitle__Qx2cE">评论(36)</div><div class="index_commentItem__lPx8n"><span class="index_nick__Ks9ZP">澎友_阿宁</span><p class="index_commentText__Q6pE9">这个好！希望我家门口的站也能开一个。</p></div><div class="index_commentItem__lPx8n"><span class="index_nick__Ks9ZP">澎友_书虫</span><p class="index_commentText__Q6pE9">建议开到晚上九点，下班太晚赶不上。</p></div></div></div>
<div class="index_right__nW3Fs"><div class="index_hotRank__xJ1Bp"><h2>热问答</h2><ul><li><a href="/q1">读书日你在读什么书？</a></li></ul></div><div class="index_hotNews__hdnnX"><h2>热新闻</h2><ol><li><a href="/n1">上海发布新一轮促消费举措</a></li><li><a href="/n2">长三角铁路迎来客流高峰</a></li><li><a href="/n3">本周末有雨 气温略降</a></li></ol></div></div></div>
<div class="index_footer__Un3Jj"><p>沪ICP备14003370号</p><p>© 2014-2024 上海东方报业有限公司</p></div></div></div>
<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script></body></html>"""


def kr36(a: dict) -> str:
    body = render(a["body"], p=lambda t: f"<p>{E(t)}</p>", h=lambda tag, t: f"<h2><strong>{E(t)}</strong></h2>")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{E(a['title'])}-36氪</title><meta name="keywords" content="扫地机器人,出海"><meta name="description" content="{E(a['body'][0][1][:80])}">
<meta property="og:title" content="{E(a['title'])}"><meta name="author" content="{E(a['author'])}">
<script>window.initialState={{"articleDetail":{{"articleDetailData":{{"data":{{"widgetTitle":"{E(a['title'])}","author":"{E(a['author'])}","publishTime":1714957800000}}}}}}}}</script></head>
<body><div id="app"><div class="box-kr-article-new-y"><div class="kr-header"><div class="kr-header-content"><a class="logo" href="/">36氪</a><ul class="kr-header-nav"><li><a href="/newsflashes">快讯</a></li><li><a href="/information/web_news">资讯</a></li><li><a href="/information/enterpriseservice">企服</a></li><li><a href="/information/innovate">创新</a></li><li><a href="/information/ccs">创投</a></li><li><a href="/information/travel">出海</a></li></ul><div class="kr-header-user"><a href="#">登录</a></div></div></div>
<div class="kr-layout"><div class="kr-layout-main clearfloat"><div class="main-right"><div class="kr-layout-content"><div class="article-detail-wrapper-box">
<div class="article-wrapper common-width"><div class="article-title-icon common-width margin-bottom-40"><h1 class="article-title margin-bottom-20 common-width">{E(a['title'])}</h1>
<div class="article-title-icon"><a class="title-icon-item item-a" href="/user/5678">{E(a['author'])}</a><span class="title-icon-item item-time">·2024年05月06日 09:10</span></div></div>
<div class="summary">出海三年，海外收入占比超过六成。</div>
<div class="common-width content articleDetailContent kr-rich-text-wrapper"><div><p>文｜{E(a['author'])}</p><p>编辑｜李然</p>{body}</div></div>
<div class="article-footer-txt"><p>本文由「36氪」原创出品，转载请联系36氪获得授权，侵权必究。</p><p>该文观点仅代表作者本人，36氪平台仅提供信息存储空间服务。</p></div>
<div class="kr-article-tags"><a href="/search/articles/出海">出海</a><a href="/search/articles/智能硬件">智能硬件</a></div></div>
<div class="kr-shadow-content"><div class="kr-article-support"><span>+1</span><span>收藏</span><span>分享</span></div></div>
<div class="kr-article-recommend"><h3 class="recommend-title">推荐阅读</h3><div class="kr-flow-article-item"><a class="article-item-title" href="/p/1">出海第一站，为什么越来越多人选了中东？</a><a class="article-item-description" href="/p/1">从电商到本地生活，中国公司在中东的打法正在变化。</a></div><div class="kr-flow-article-item"><a class="article-item-title" href="/p/2">智能硬件的下一个爆款会是什么</a><a class="article-item-description" href="/p/2">投资人正在重新审视消费电子赛道。</a></div></div>
</div></div></div><div class="main-left"><div class="kr-hot-list"><h3>24小时热榜</h3><ol><li><a href="/h1">某新能源车企一季度财报出炉</a></li><li><a href="/h2">大模型价格战打响</a></li><li><a href="/h3">氪星晚报｜多家公司发布新品</a></li></ol></div></div></div></div>
<div class="kr-footer"><p>36氪APP让一部分人先看到未来</p><p>© 2011~2024 北京多氪信息科技有限公司 | 京ICP备12031756号</p></div></div></div></body></html>"""


def cnbeta(a: dict) -> str:
    body = render(a["body"], p=lambda t: f"<p>{E(t)}</p>")
    hot = "".join(f'<dl class="comment-item"><dt><span class="re_username">匿名人士</span> 发表于 2024-02-28 2{i}:0{i}</dt><dd class="re_detail">{E(t)}</dd><dd class="re_mark"><a>支持({10 * i + 3})</a><a>反对(1)</a></dd></dl>'
                  for i, t in enumerate(["所以说还是温度最重要，夏天车里充电是真的伤。", "样本只有一千多部，结论不一定靠谱吧。", "厂商的电池管理做得好不好影响更大。"]))
    return f"""<!DOCTYPE html><html lang="zh-cn"><head><meta charset="utf-8"><title>{E(a['title'])} - 手机 - cnBeta.COM</title><meta name="keywords" content="快充,电池"><meta name="description" content="{E(a['summary'])}">
<meta property="og:title" content="{E(a['title'])}"></head>
<body><div class="cnbeta-header"><div class="w1200"><a href="/" class="logo">cnBeta.COM</a><ul class="nav"><li><a href="/">首页</a></li><li><a href="/topics/9.htm">手机</a></li><li><a href="/topics/448.htm">苹果</a></li><li><a href="/topics/4.htm">软件</a></li><li><a href="/topics/197.htm">游戏</a></li><li><a href="/topics/11.htm">科学探索</a></li></ul><form class="search"><input name="q"></form></div></div>
<div class="cnbeta-article-wrapper w1200"><div class="cnbeta-article"><header class="title"><h1>{E(a['title'])}</h1><div class="meta"><span>2024年02月28日 21:17</span><span class="source">{E(a['author'])}</span><a href="#comments" class="comment-num">76 次阅读</a></div></header>
<div class="article-summary"><div class="topic"><a href="/topics/9.htm"><img src="//static.cnbetacdn.com/topics/phone.png" title="手机"></a></div><p><strong>{E(a['summary'])}</strong></p></div>
<div class="article-content" id="artContent">{body}</div>
<div class="article-global"><div class="article-global-label">查看评论</div></div>
<div class="article-topic"><a href="/topics/9.htm">手机</a><a href="/topics/1121.htm">电池</a></div></div>
<div class="cnbeta-article-comment" id="comments"><div class="commt_list"><h3>热门评论</h3>{hot}</div></div>
<div class="cnbeta-update-list"><h3>相关文章</h3><ul><li><a href="/articles/tech/1.htm">某品牌发布240W快充 9分钟充满</a></li><li><a href="/articles/tech/2.htm">电池健康度低于80%要不要换？</a></li></ul></div></div>
<div class="cnbeta-footer"><p>Copyright © 2003 - 2024 cnBeta.COM. All rights reserved.</p></div></body></html>"""


def zhihu(a: dict) -> str:
    def fig(src: str, cap: str) -> str:
        return (f'<figure data-size="normal"><noscript><img src="{src}" data-caption="" data-size="normal" data-rawwidth="1080" data-rawheight="720" class="origin_image zh-lightbox-thumb" width="1080" data-original="{src}"/></noscript>'
                f'<img src="data:image/svg+xml;utf8,&lt;svg xmlns=&#39;http://www.w3.org/2000/svg&#39; width=&#39;1080&#39; height=&#39;720&#39;&gt;&lt;/svg&gt;" data-caption="" data-size="normal" data-rawwidth="1080" data-rawheight="720" class="origin_image zh-lightbox-thumb lazy" width="1080" data-original="{src}" data-actualsrc="{src}"/><figcaption>{E(cap)}</figcaption></figure>')
    body = render(a["body"], p=lambda t: f'<p data-pid="{zlib.crc32(t.encode()) % 10**8:08x}">{E(t)}</p>', fig=fig)
    comments = "".join(f'<div class="CommentItemV2"><div class="CommentItemV2-meta"><span class="UserLink">{E(n)}</span></div><div class="CommentItemV2-content"><div class="RichText ztext">{E(t)}</div></div><div class="CommentItemV2-footer"><span>{d}</span><button>赞 {k}</button></div></div>'
                       for n, t, d, k in [("小鹿乱撞", "同感！每天十五分钟这个真的有用，我学韩语也是这样坚持下来的。", "01-10", 238), ("Kenji", "想问一下答主看的是哪些综艺？适合初学者吗？", "01-10", 56),
                                          ("匿名用户", "单词书也不是完全没用，关键是要配合例句。不过对上班族来说确实很难坚持。", "01-11", 31), ("北海道的风", "N1能过已经很厉害了，恭喜！", "01-12", 12)])
    return f"""<!doctype html><html lang="zh" data-hairline="true" data-theme="light"><head><meta charSet="utf-8"/><title>{E(a['title'])} - 知乎</title>
<meta name="description" content="{E(a['body'][0][1])}"/><meta property="og:title" content="{E(a['title'])}"/><meta property="og:site_name" content="知乎专栏"/><meta itemProp="datePublished" content="2024-01-09T14:14:00.000Z"/>
<script id="js-initialData" type="text/json">{{"initialState":{{"entities":{{"articles":{{"671234567":{{"title":"{E(a['title'])}","voteupCount":1532,"commentCount":87}}}}}}}}}}</script></head>
<body><div id="root"><div><div class="ColumnPageHeader-Wrapper"><div class="ColumnPageHeader"><div class="ColumnPageHeader-content"><a href="//www.zhihu.com" aria-label="知乎">知乎</a><div class="ColumnPageHeader-Title"><div class="ColumnPageHeader-TitleName"><span>首发于</span><a class="ColumnLink ColumnPageHeader-TitleColumn" href="https://www.zhihu.com/column/c_123">语言学习笔记</a></div></div><div class="ColumnPageHeader-Button"><button class="Button">写文章</button></div></div></div></div>
<main role="main" class="App-main"><div class="Post-content" data-zop-usertoken="{{}}"><article class="Post-Main Post-NormalMain" tabindex="-1"><header class="Post-Header"><h1 class="Post-Title">{E(a['title'])}</h1>
<div class="Post-Author"><div class="AuthorInfo"><span class="UserLink AuthorInfo-avatarWrapper"><img class="Avatar" src="https://picx.zhimg.com/avatar.jpg" alt="{E(a['author'])}"/></span><div class="AuthorInfo-content"><div class="AuthorInfo-head"><a class="UserLink-link" href="//www.zhihu.com/people/aoki">{E(a['author'])}</a></div><div class="AuthorInfo-detail"><div class="AuthorInfo-badgeText">日语N1 / 程序员</div></div></div></div></div>
<div class="LabelContainer-wrapper"></div></header>
<div class="Post-RichTextContainer"><div class="css-376mun"><div class="RichText ztext Post-RichText css-4em6pe" options="[object Object]">{body}</div></div></div>
<div class="ContentItem-time">编辑于 2024-01-09 22:14・IP 属地上海</div>
<div class="Post-topicsAndReviewer"><div class="TopicList Post-Topics"><a class="TopicLink" href="//www.zhihu.com/topic/1">日语学习</a><a class="TopicLink" href="//www.zhihu.com/topic/2">自学</a></div></div>
<div class="RichContent-actions"><button class="VoteButton VoteButton--up">赞同 1532</button><button class="ContentItem-action">87 条评论</button><button class="ContentItem-action">分享</button><button class="ContentItem-action">喜欢</button><button class="ContentItem-action">收藏</button></div></article>
<div class="Post-Sub Post-NormalSub"><div class="Comments-container"><div class="CommentListV2"><div class="Topbar CommentTopbar"><div class="Topbar-title"><h2 class="CommentTopbar-title">87 条评论</h2></div></div>{comments}</div></div>
<div class="PostIndex-footer"><h3 class="BlockTitle">推荐阅读</h3><div class="PostItem"><a href="https://zhuanlan.zhihu.com/p/1"><h3 class="PostItem-title">零基础如何在一年内通过N2？</h3><p class="PostItem-summary">分享我的学习计划表和每个阶段用过的材料，希望对刚开始学日语的朋友有帮助。</p></a></div><div class="PostItem"><a href="https://zhuanlan.zhihu.com/p/2"><h3 class="PostItem-title">看动画学日语，到底靠不靠谱？</h3><p class="PostItem-summary">动画里的日语和日常生活中的日语有哪些区别，初学者应该注意什么。</p></a></div></div></div></div></main></div></div></body></html>"""


def wechat_xiumi(a: dict) -> str:
    def p(t: str) -> str:
        return (f'<section style="margin: 0px 0px 16px; box-sizing: border-box;"><section style="text-align: justify; line-height: 1.75; letter-spacing: 1px; font-size: 15px; color: rgb(62, 62, 62); box-sizing: border-box;">'
                f'<span style="box-sizing: border-box;" leaf="">{E(t)}</span></section></section>')
    body = render(a["body"], p=p)
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0,viewport-fit=cover">
<title>{E(a['title'])}</title><meta property="og:title" content="{E(a['title'])}"><meta property="og:url" content="http://mp.weixin.qq.com/s?__biz=MzA5ODk2NjY2Mg==&amp;mid=2650000001&amp;idx=1&amp;sn=abc"><meta property="og:description" content="{E(a['body'][0][1][:50])}"><meta property="og:site_name" content="微信公众平台"><meta property="twitter:card" content="summary">
<script>var ct = "1717200000"; var nickname = htmlDecode("乡土记");</script></head>
<body id="activity-detail" class="zh_CN wx_wap_page"><div id="js_article" class="rich_media"><div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary"><div class="rich_media_area_primary_inner"><div id="img-content" class="rich_media_wrp">
<h1 class="rich_media_title" id="activity-name">{E(a['title'])}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_text">原创</span><span class="rich_media_meta rich_media_meta_text">文/{E(a['author'])}</span><span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" id="js_name">乡土记</a></span><em id="publish_time" class="rich_media_meta rich_media_meta_text">2024年06月01日 08:00</em><em id="js_ip_wording_wrp" class="rich_media_meta rich_media_meta_text">浙江</em></div>
<div class="rich_media_content js_underline_content autoTypeSetting24psection" id="js_content" style="visibility: hidden;">
<section style="box-sizing: border-box;" data-role="outer" label="edit by 135editor"><section style="margin: 10px 0px; text-align: center; box-sizing: border-box;"><section style="display: inline-block; padding: 4px 12px; background-color: rgb(96, 150, 80); color: #fff; box-sizing: border-box;"><span leaf="">点击蓝字 关注我们</span></section></section>
{body}
<section style="margin: 24px 0px; text-align: center;"><span leaf="">— THE END —</span></section>
<section style="text-align: center; color: rgb(136, 136, 136); font-size: 12px;"><span leaf="">文字 | {E(a['author'])}</span><br><span leaf="">图片 | 受访者提供</span><br><span leaf="">编辑 | 小满</span></section>
<section style="text-align:center"><img class="rich_pages wxw-img" data-src="https://mmbiz.qpic.cn/mmbiz_png/qrcode/640" src="{GIF}" alt=""><span leaf="">长按识别二维码关注我们</span></section></section>
</div>
<div class="rich_media_tool" id="js_toobar3"><div class="media_tool_meta meta_extra" id="js_read_area3">阅读 <span id="readNum3">1.2万</span></div><a class="media_tool_meta meta_praise" id="like3">赞</a><a id="js_view_source" class="media_tool_meta">阅读原文</a></div></div>
<div class="rich_media_area_extra"><div class="discuss_container" id="js_cmt_main"><div class="rich_media_extra_title">精选留言</div><ul class="discuss_list"><li class="discuss_item"><div class="user_info"><strong class="nickname">山里人</strong></div><div class="discuss_message"><span class="discuss_message_content">为晓峰点赞！土地不会骗人，说得太好了。</span></div></li><li class="discuss_item"><div class="user_info"><strong class="nickname">阿梅</strong></div><div class="discuss_message"><span class="discuss_message_content">黄桃在哪里可以买到？</span></div></li></ul></div></div></div></div></div></div></body></html>"""


# ================================================================ second batch (scored before any tuning)


def cnn(a: dict) -> str:
    def between(i: int) -> str:
        if i == 2:
            return ('<div data-uri="cms.cnn.com/_components/related-content/instances/x" class="related-content related-content--article" data-component-name="related-content">'
                    '<div class="related-content__image"><img src="https://media.example-cnn.com/api/v1/images/stellar/prod/boiler.jpg?q=w_300" alt=""></div>'
                    '<a class="related-content__link" href="/2023/10/11/climate/gas-boiler-ban"><span class="related-content__headline-text">Europe is phasing out gas boilers. Here’s what replaces them</span></a></div>')
        if i == 4:
            return '<div class="ad-slot-dynamic ad-slot-in-article" data-ad-type="in-article"><div class="ad-slot__label">Advertisement</div><div class="ad-feedback-link-container"><button>Ad Feedback</button></div></div>'
        return ""
    body = render(a["body"], p=lambda t: f'<p class="paragraph inline-placeholder vossi-paragraph" data-component-name="paragraph" data-editable="text">{E(t)}</p>', between=between)
    return f"""<!DOCTYPE html><html lang="en" data-uri="cms.cnn.com/_pages/x"><head><meta charset="utf-8"><title>{E(a['title'])} | CNN</title>
<meta name="author" content="{E(a['author'])}"><meta property="og:title" content="{E(a['title'])}"><meta property="article:published_time" content="{a['date']}">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"], "author": [{"@type": "Person", "name": a["author"]}], "datePublished": a["date"], "publisher": {"@type": "Organization", "name": "CNN"}})}
</head><body class="layout layout-with-rail__body"><header class="header" data-component-name="header"><nav class="header__nav"><a href="/us">US</a><a href="/world">World</a><a href="/politics">Politics</a><a href="/business">Business</a><a href="/health">Health</a><a href="/entertainment">Entertainment</a><a href="/style">Style</a><a href="/travel">Travel</a><a href="/sport">Sports</a><a href="/weather">Weather</a></nav></header>
<section class="layout__wrapper layout-with-rail__wrapper"><section class="layout__top layout-with-rail__top"><div class="headline headline--has-lowertext"><div class="headline__wrapper"><h1 data-editable="headlineText" id="maincontent" class="headline__text inline-placeholder">{E(a['title'])}</h1></div>
<div class="headline__footer"><div class="headline__byline-sub-text"><div class="byline byline--short"><div class="byline__names"><span class="byline__name">{E(a['author'])}</span>, CNN</div></div><div class="timestamp vossi-timestamp">Updated 10:15 AM EST, Tue February 6, 2024</div></div>
<div class="headline__sub-container"><div class="social-share social-share--headline"><button>Link Copied!</button></div></div></div></div></section>
<section class="layout__wrapper"><section class="layout__main-wrapper"><section class="layout__main"><main class="article__main"><div class="image image__hide-placeholder" data-component-name="image"><div class="image__container"><picture class="image__picture"><img src="https://media.example-cnn.com/heat-pump.jpg" alt="A heat pump outside a house" class="image__dam-img"></picture></div><div class="image__metadata"><div class="image__caption attribution"><span data-editable="metaCaption">A heat pump outside a house in Oslo. Norway leads Europe in heat pumps per household.</span></div><figcaption class="image__credit">Lise Åserud/NTB/AFP/Getty Images</figcaption></div></div>
<div class="article__content-container"><div class="article__content" data-editable="content" itemprop="articleBody" data-reorderable="content">
<div class="source inline-placeholder"><cite class="source__cite"><span class="source__location">London</span><span class="source__text">CNN</span></cite> — </div>
{body}</div>
<div class="article__footer"><div class="footnote">CNN’s Mark Thompson contributed reporting.</div></div></div></main></section></section>
<section class="layout__right"><div class="zone zone--t-light"><div class="container__title"><h2>More from CNN</h2></div><ul><li><a href="/m1">Why winters are getting harder to predict</a></li><li><a href="/m2">The city that heats homes with waste from a data center</a></li></ul></div></section></section></section>
<footer class="footer"><div class="footer__disclaimer">© 2024 Cable News Network. A Warner Bros. Discovery Company. All Rights Reserved. CNN Sans ™ &amp; © 2016 Cable News Network.</div><ul><li><a href="/terms">Terms of Use</a></li><li><a href="/privacy">Privacy Policy</a></li><li><a href="/cookies">Cookie Settings</a></li><li><a href="/accessibility">Accessibility &amp; CC</a></li></ul></footer></body></html>"""


def blogger(a: dict) -> str:
    paras = [v for k, v in a["body"] if k == "p"]
    text = "<br />\n<br />\n".join(E(t) for t in paras)
    comments = "".join(f'<li class="comment" id="c{i}"><div class="avatar-image-container"><img src="//blogger.example/img/blank.gif"></div><div class="comment-block"><div class="comment-header"><cite class="user"><a href="/profile/{i}">{E(n)}</a></cite><span class="icon user"></span><span class="datetime secondary-text"><a rel="nofollow" href="#c{i}">23 October 2023 at 0{i}:14</a></span></div><p class="comment-content">{E(t)}</p><span class="comment-actions secondary-text"><a class="comment-reply" target="_self">Reply</a><span class="item-control blog-admin"><a target="_self" href="/delete-comment.g?c={i}">Delete</a></span></span></div></li>'
                       for i, (n, t) in enumerate([
                           ("Pauline", "Lovely account Margaret. We did the same walk in the spring and the mud after the swing bridge was almost knee deep, so you were lucky with the weather! Did you go into the little tea room by the aqueduct? It has reopened under new owners and the scones are excellent."),
                           ("Derek H", "I used to work at that boatyard in the eighties. Nice to hear the old boat is being looked after. There used to be a pub at the wharf as well, the Navigation, but it closed long before you would have been walking there."),
                           ("Anonymous", "How long did it take you? Thinking of doing it with the grandchildren but eleven miles might be a bit much for them, maybe we will just go as far as the swing bridge and back and save the aqueduct for another day."),
                           ("Margaret Ellis", "Thanks all! Pauline, we did not see the tea room, it must have been closed. Anonymous, it took us about five hours with a long lunch, the first part would be fine for children."),
                           ("Walking with Wendy", "Adding this to my list. Your photos of the kingfisher last year were wonderful, did you manage to get one this time? They are so quick I have never managed a sharp picture myself.")]))
    return f"""<!DOCTYPE html><html class="v2" dir="ltr" xmlns="http://www.w3.org/1999/xhtml" xmlns:b="http://www.google.com/2005/gml/b"><head><meta content="text/html; charset=UTF-8" http-equiv="Content-Type"><title>Muddy Boots: {E(a['title'])}</title>
<meta content="blogger" name="generator"><link rel="canonical" href="https://muddyboots.example-blogspot.com/2023/10/canal-walk.html"><meta content="{E(a['title'])}" property="og:title"></head>
<body class="loading"><div class="navbar section" id="navbar"><div class="widget Navbar" id="Navbar1"><iframe src="https://www.blogger.com/navbar.g"></iframe></div></div>
<div class="outer-wrapper"><div class="header-outer"><div class="header section" id="header"><div class="widget Header" id="Header1"><div id="header-inner"><div class="titlewrapper"><h1 class="title"><a href="https://muddyboots.example-blogspot.com/">Muddy Boots</a></h1></div><div class="descriptionwrapper"><p class="description"><span>Walks, weather and the occasional cake in the Welsh Marches</span></p></div></div></div></div></div>
<div class="main-outer"><div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
<div class="date-outer"><h2 class="date-header"><span>Sunday, 22 October 2023</span></h2><div class="date-posts"><div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
<h3 class="post-title entry-title" itemprop="name">{E(a['title'])}</h3><div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-8812" itemprop="description articleBody">{text}
<div style="clear: both;"></div></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn" itemprop="author" itemscope="itemscope" itemtype="http://schema.org/Person"><span itemprop="name">{E(a['author'])}</span></span></span> <span class="post-timestamp">at <a class="timestamp-link" href="#"><abbr class="published" title="2023-10-22T18:04:00+01:00">18:04</abbr></a></span> <span class="post-comment-link"></span></div>
<div class="post-share-buttons goog-inline-block"><a class="goog-inline-block share-button sb-email" href="#" title="Email This"><span class="share-button-link-text">Email This</span></a><a class="goog-inline-block share-button sb-blog" href="#" title="BlogThis!"><span class="share-button-link-text">BlogThis!</span></a><a class="goog-inline-block share-button sb-twitter" href="#" title="Share to X"><span class="share-button-link-text">Share to X</span></a></div>
<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: <a href="/search/label/canals" rel="tag">canals</a>, <a href="/search/label/walks" rel="tag">walks</a></span></div></div></div>
<div class="comments" id="comments"><a name="comments"></a><h4>5 comments:</h4><div class="comments-content"><div id="comment-holder"><div class="comment-thread toplevel-thread"><ol id="top-ra">{comments}</ol></div></div></div>
<p class="comment-footer"><a href="https://www.blogger.com/comment/fullpage/post/1/8812" onclick="">Post a Comment</a></p></div></div></div></div>
<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="/2023/11/x.html" title="Newer Post">Newer Post</a></span><span id="blog-pager-older-link"><a class="blog-pager-older-link" href="/2023/10/y.html" title="Older Post">Older Post</a></span><a class="home-link" href="/">Home</a></div>
<div class="post-feeds"><div class="feed-links">Subscribe to: <a class="feed-link" href="/feeds/8812/comments/default" target="_blank" type="application/atom+xml">Post Comments (Atom)</a></div></div></div></div></div>
<div class="sidebar section" id="sidebar-right-1"><div class="widget Profile" id="Profile1"><h2>About Me</h2><div class="widget-content"><a href="/profile"><img alt="My photo" class="profile-img" height="80" src="//blogger.example/img/me.jpg" width="60"></a><dl class="profile-datablock"><dt class="profile-data"><a class="profile-name-link g-profile" href="/profile">{E(a['author'])}</a></dt><dd class="profile-textblock">Retired teacher, walker, baker of flapjacks. I write about the walks we do most weekends, whatever the weather does.</dd></dl></div></div>
<div class="widget BlogArchive" id="BlogArchive1"><h2>Blog Archive</h2><ul class="hierarchy"><li><a href="/2023/">2023</a> (24)</li><li><a href="/2022/">2022</a> (31)</li><li><a href="/2021/">2021</a> (28)</li></ul></div></div></div></div></body></html>"""


def teasers(a: dict) -> str:
    teaser = "".join(f'<article class="teaser teaser--list"><a href="/news/{i}" class="teaser__link"><h3 class="teaser__title">{E(t)}</h3></a><p class="teaser__standfirst">{E(s)}</p><time class="teaser__time">{d}</time></article>'
                     for i, (t, s, d) in enumerate([
                         ("Plans for new bus lanes on ring road put on hold", "The scheme, which would have cost £6m, will be reviewed after objections from businesses and residents who said it would move congestion onto side streets.", "2 hours ago"),
                         ("Primary school to close at end of summer term", "Falling pupil numbers mean the village school is no longer viable, the council says, and the 46 remaining children will be offered places at two nearby schools.", "5 hours ago"),
                         ("Leisure centre pool reopens after £2m refurbishment", "Swimmers returned on Monday to a pool with new changing rooms, a moveable floor for teaching and solar panels on the roof that will heat the water in summer.", "Yesterday"),
                         ("Flood defences completed a year ahead of schedule", "The new walls and pumping station protect more than 400 homes along the river, which flooded three times in the last decade, the Environment Agency said.", "Yesterday"),
                         ("Residents asked for views on town centre parking charges", "The consultation runs until the end of March and includes a proposal for free parking after 3pm to help shops compete with out-of-town retail parks.", "2 days ago")]))
    body = render(a["body"])
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{E(a['title'])} | Shire Post</title><meta property="og:title" content="{E(a['title'])}"><meta name="author" content="{E(a['author'])}"><meta property="article:published_time" content="{a['date']}"></head>
<body><header class="site-header"><a class="site-header__logo" href="/">Shire Post</a><ul class="site-header__sections"><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/whats-on">What's on</a></li><li><a href="/property">Property</a></li></ul></header>
<div class="content-wrap"><div class="story-wrap"><div class="story-top"><h1 class="story-top__headline">{E(a['title'])}</h1><p class="story-top__byline">By {E(a['author'])}, Local Democracy Reporter</p><p class="story-top__date">Wednesday 28 February 2024, 9:30pm</p></div>
<div id="story-text" class="story-text">{body}</div>
<p class="story-ldrs">This story was written by a Local Democracy Reporter, a role funded by the BBC and filled by a local newspaper.</p></div>
<div class="latest-list"><h2 class="latest-list__title">Latest news</h2>{teaser}</div></div>
<footer class="site-footer"><p>Shire Post, part of Shire Media Group. © 2024 All rights reserved.</p></footer></body></html>"""


def ifeng(a: dict) -> str:
    body = render(a["body"], p=lambda t: f"<p>{E(t)}</p>")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{E(a['title'])}_凤凰网资讯_凤凰网</title><meta name="keywords" content="乡村医生"><meta name="description" content="{E(a['body'][0][1][:60])}">
<meta property="og:title" content="{E(a['title'])}"><meta name="og:time " content="{a['date']}"><meta name="og:category " content="凤凰网资讯">
<script>var allData = {{"docData": {{"title": "{E(a['title'])}", "newsTime": "{a['date']}", "source": "中国青年报"}}, "adData": {{}}}};</script></head>
<body><div id="root"><div class="header-1YQDbQvB"><div class="nav-2cvNfLgB"><a href="https://www.ifeng.com/">凤凰网首页</a><a href="https://news.ifeng.com/">资讯</a><a href="https://finance.ifeng.com/">财经</a><a href="https://ent.ifeng.com/">娱乐</a><a href="https://sports.ifeng.com/">体育</a><a href="https://fashion.ifeng.com/">时尚</a><a href="https://auto.ifeng.com/">汽车</a><a href="https://house.ifeng.com/">房产</a><a href="https://tech.ifeng.com/">科技</a></div></div>
<div class="artical-25JfwmD5"><div class="leftContent-2tzBBRCp"><div class="caption-3dAb0lF6"><h1 class="topic-3bY8Hw-9">{E(a['title'])}</h1><div class="info-3Ht6Fk1n clearfix"><div class="time-3wcv8rwr"><span>2024-04-02 06:30:00</span><span class="source-3cecBclA">来自 <a href="#">中国青年报</a></span></div><div class="shareBox-3Ha5EMAs"><span>分享到:</span></div></div></div>
<div class="main_content-r5RGqegj"><div class="text-3w2e3DBc"><div>{body}</div></div></div>
<div class="original-ZcvdJvgB"><p>原标题：《山村医生的三十年》</p></div>
<div class="responsibility-1Xd2pMHj"><span>[责任编辑：赵静]</span></div>
<div class="hotNews-3WK1VsbH"><h3>24小时热点</h3><ul><li><a href="/h1">全国多地迎来强降雨</a></li><li><a href="/h2">清明假期出行提示</a></li><li><a href="/h3">新版医保目录正式实施</a></li></ul></div>
<div class="commentBox-2Vz5dW9y"><h3>网友评论</h3><div class="item"><span>凤凰网友</span><p>致敬基层医生！</p></div><div class="item"><span>山里娃</span><p>小时候打针的那个医生也是这样，风雨无阻。</p></div></div></div>
<div class="rightContent-2pzvCkO5"><div class="hotList"><h3>大家都在看</h3><ol><li><a href="/r1">春季养生小常识</a></li><li><a href="/r2">这些城市放宽落户</a></li></ol></div></div></div>
<div class="footer-2EiDn7Uv"><p>凤凰网版权所有 Copyright © 2024 Phoenix New Media Limited All Rights Reserved.</p></div></div></body></html>"""


def discuz(a: dict) -> str:
    paras = [v for k, v in a["body"] if k == "p"]
    first = "<br />\r\n".join(E(t) for t in paras)
    replies = [("老王骑车", "感谢分享！请问橡皮山那段有没有补给点？打算下个月去。"), ("青海湖边的风", "写得很详细，收藏了。补充一下，黑马河看日出要早起，五点多就得出门。"),
               ("风一样的骑手", "回复 老王骑车：山脚下有小卖部，山顶有一家，但价格比较贵，建议自己多带水。"), ("路人甲乙丙", "一千二真的很便宜了，我们去年住宿就花了一千多。"),
               ("单车少年", "请问楼主租的是哪家的车？车况怎么样？刹车好不好？上次在别的地方租车，下坡的时候刹车不灵，差点出事，所以这次特别注意。")]
    posts = []
    for i, (who, text) in enumerate([(a["author"], first)] + replies):
        posts.append(f'<div id="post_{1000 + i}"><table id="pid{1000 + i}" class="plhin" summary="pid{1000 + i}" cellspacing="0" cellpadding="0"><tr><td class="pls" rowspan="2"><div class="pi"><div class="authi"><a href="space-uid-{i}.html" class="xw1">{E(who)}</a></div></div><div class="avatar"><img src="uc_server/avatar.php?uid={i}"></div></td>'
                     f'<td class="plc"><div class="pi"><strong><a href="#pid{1000 + i}">{"楼主" if i == 0 else f"{i + 1}#"}</a></strong><div class="pti"><div class="authi"><em id="authorposton{1000 + i}">发表于 2023-8-15 21:0{i}</em><span class="pipe">|</span><a href="#">只看该作者</a></div></div></div>'
                     f'<div class="pct"><div class="pcb"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{1000 + i}">{text}</td></tr></table></div></div></div></td></tr>'
                     f'<tr><td class="plc plm"><div class="po hin"><div class="pob cl"><em><a class="fastre" href="#">回复</a></em><p><a href="#">举报</a></p></div></div></td></tr></table></div>')
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>{E(a['title'])} - 骑行游记 - 西部骑行论坛 -  Powered by Discuz!</title><meta name="keywords" content="{E(a['title'])}" /><meta name="description" content="{E(a['title'])} ,西部骑行论坛" /><meta name="generator" content="Discuz! X3.4" /></head>
<body id="nv_forum" class="pg_viewthread"><div id="toptb" class="cl"><div class="wp"><div class="z"><a href="/">设为首页</a><a href="/">收藏本站</a></div><div class="y"><a href="member.php?mod=register">立即注册</a><a href="member.php?mod=logging">登录</a></div></div></div>
<div id="hd"><div class="wp"><div class="hdc cl"><h2><a href="./" title="西部骑行论坛">西部骑行论坛</a></h2></div><div id="nv"><ul><li><a href="forum.php">论坛</a></li><li><a href="group.php">群组</a></li><li><a href="home.php">空间</a></li><li><a href="misc.php?mod=ranklist">排行榜</a></li></ul></div></div></div>
<div id="wp" class="wp"><div id="pt" class="bm cl"><div class="z"><a href="./" class="nvhm">西部骑行论坛</a> <em>&rsaquo;</em> <a href="forum.php">论坛</a> <em>&rsaquo;</em> <a href="forum-12-1.html">骑行游记</a> <em>&rsaquo;</em> <a href="thread-8812-1-1.html">{E(a['title'])}</a></div></div>
<div id="ct" class="wp cl"><div id="postlist" class="pl bm"><table cellspacing="0" cellpadding="0"><tr><td class="pls ptn pbn"><div class="hm ptn"><span class="xg1">查看:</span> <span class="xi1">3862</span><span class="pipe">|</span><span class="xg1">回复:</span> <span class="xi1">5</span></div></td>
<td class="plc ptm pbn vwthd"><h1 class="ts"><span id="thread_subject">{E(a['title'])}</span></h1></td></tr></table>
{"".join(posts)}</div>
<div class="pgs mtm mbm cl"><div class="pg"><strong>1</strong><a href="thread-8812-2-1.html">2</a><a href="thread-8812-2-1.html" class="nxt">下一页</a></div></div></div></div>
<div id="ft" class="wp cl"><div id="flk" class="y"><p><a href="archiver/">Archiver</a><span class="pipe">|</span><a href="forum.php?mobile=yes">手机版</a><span class="pipe">|</span><strong><a href="/" target="_blank">西部骑行论坛</a></strong></p></div><div id="frt"><p>Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> <em>X3.4</em></p><p class="xs0">&copy; 2001-2023 <a href="http://www.comsenz.com" target="_blank">Comsenz Inc.</a></p></div></div></body></html>"""


# ================================================================ page list

PAGES: list[tuple[str, dict, Callable[[dict], str]]] = [
    ("bbc-ferry-strike", EN["bbc-ferry-strike"], bbc),
    ("guardian-allotments", EN["guardian-allotments"], guardian),
    ("reuters-copper", EN["reuters-copper"], reuters),
    ("ap-school-bus", EN["ap-school-bus"], ap),
    ("nyt-glacier-town", EN["nyt-glacier-town"], nyt),
    ("medium-feature-flags", EN["medium-feature-flags"], medium),
    ("substack-cheese", EN["substack-cheese"], substack),
    ("ghost-sourdough-hydration", EN["ghost-sourdough-hydration"], ghost),
    ("wp-balcony-solar", EN["wp-balcony-solar"], wordpress_comments),
    ("hugo-rust-allocator", EN["hugo-rust-allocator"], hugo),
    ("next-ev-charging", EN["next-ev-charging"], nextjs),
    ("amp-marathon-recovery", EN["amp-marathon-recovery"], amp),
    ("live-election-night", EN["live-election-night"], liveblog),
    ("short-library-hours", EN["short-library-hours"], short_huge_nav),
    ("br-harvest-report", EN["br-harvest-report"], br_page),
    ("table-league-budget", EN["table-league-budget"], table_bio),
    ("gallery-wildflowers", EN["gallery-wildflowers"], gallery),
    ("sina-night-market", ZH["sina-night-market"], sina),
    ("netease-river-cleanup", ZH["netease-river-cleanup"], netease),
    ("sohu-tea-exports", ZH["sohu-tea-exports"], sohu),
    ("qq-battery-recycling", ZH["qq-battery-recycling"], tencent),
    ("xinhua-wheat-harvest", ZH["xinhua-wheat-harvest"], xinhua),
    ("people-elderly-canteen", ZH["people-elderly-canteen"], peoples),
    ("thepaper-subway-library", ZH["thepaper-subway-library"], thepaper),
    ("36kr-robot-vacuum", ZH["36kr-robot-vacuum"], kr36),
    ("cnbeta-phone-battery", ZH["cnbeta-phone-battery"], cnbeta),
    ("zhihu-learning-japanese", ZH["zhihu-learning-japanese"], zhihu),
    ("wechat-xiumi-orchard", ZH["wechat-xiumi-orchard"], wechat_xiumi),
    # second batch: written after extract.py was tuned on the pages above
    ("cnn-heat-pumps", EN["cnn-heat-pumps"], cnn),
    ("blogger-canal-walk", EN["blogger-canal-walk"], blogger),
    ("teasers-council-budget", EN["teasers-council-budget"], teasers),
    ("ifeng-village-doctor", ZH["ifeng-village-doctor"], ifeng),
    ("discuz-bike-trip", ZH["discuz-bike-trip"], discuz),
]

# Pages served in a legacy encoding, as such sites still do.
ENCODINGS = {"br-harvest-report": "cp1252", "discuz-bike-trip": "gbk"}


def main() -> None:
    for name, article, layout in PAGES:
        page = layout(article)
        # cnBeta's bold summary above the text is a standfirst, like the Guardian's: not body.
        (HERE / f"{name}.html").write_bytes(page.encode(ENCODINGS.get(name, "utf-8")))
        (HERE / f"{name}.expected.txt").write_text(expected(article["body"]), encoding="utf-8")
        print(f"{name:28} {layout.__name__}")


if __name__ == "__main__":
    main()
