"""Regenerate the saved article pages: ``python tests/resources/pages/make_pages.py``.

Each article (articles_en.py / articles_zh.py) is rendered into one of several site
layouts that real news sites and blogs use (WordPress with a Yoast @graph, a news site
with NewsArticle JSON-LD, a Chinese portal with lazy ``data-original`` images, a
WeChat-style page with ``data-src``, an old table layout, ...), surrounded by the
boilerplate extraction must drop: navigation, cookie banners, share bars, related
articles, comment threads, ads, newsletter boxes and footers.

Writes ``NAME.html`` (bytes in the article's encoding) and ``NAME.expected.txt`` (the
main body as plain text: what a reader would call the article, without title/byline).
Output is deterministic.
"""

from __future__ import annotations

import html
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from articles_en import ARTICLES_EN
from articles_zh import ARTICLES_ZH

Article = dict[str, Any]
GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

E = html.escape


# ---------------------------------------------------------------- body rendering


def img_tag(src: str, alt: str, lazy: str | None) -> str:
    alt_attr = f' alt="{E(alt)}"'
    if lazy == "data-original":
        return f'<img class="lazy" src="/static/img/grey.gif" data-original="{E(src)}"{alt_attr}>'
    if lazy == "data-src":
        return f'<img class="rich_pages" data-src="{E(src)}" src="{GIF}" data-ratio="0.66"{alt_attr}>'
    if lazy == "data-lazy-src":
        return (
            f'<img src="{GIF}" data-lazy-src="{E(src)}"{alt_attr} width="800" height="533">'
            f'<noscript><img src="{E(src)}"{alt_attr}></noscript>'
        )
    if lazy == "srcset":
        small = src.replace(".", "-400w.", 1) if "." in src else src
        return (
            f'<img loading="lazy" data-srcset="{E(small)} 400w, {E(src)} 1200w" '
            f'data-sizes="auto"{alt_attr}>'
        )
    if lazy == "data-actualsrc":
        return f'<img src="{GIF}" data-actualsrc="{E(src)}"{alt_attr}>'
    return f'<img src="{E(src)}"{alt_attr}>'


def render_blocks(blocks: list[tuple[str, Any]], img_base: str, lazy: str | None,
                  figure_style: str = "figure") -> str:
    out: list[str] = []
    for kind, value in blocks:
        if kind == "p":
            out.append(f"<p>{E(value)}</p>")
        elif kind == "h2":
            out.append(f"<h2>{E(value)}</h2>")
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{E(i)}</li>" for i in value)
            out.append(f"<{kind}>{items}</{kind}>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{E(value)}</p></blockquote>")
        elif kind == "code":
            out.append(f'<pre><code class="language-plain">{E(value)}</code></pre>')
        elif kind == "table":
            head, *rows = value
            th = "".join(f"<th>{E(c)}</th>" for c in head)
            trs = "".join("<tr>" + "".join(f"<td>{E(c)}</td>" for c in r) + "</tr>" for r in rows)
            out.append(f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>")
        elif kind == "fig":
            path, caption = value
            tag = img_tag(img_base + path, caption, lazy)
            if figure_style == "figure":
                out.append(f"<figure>{tag}<figcaption>{E(caption)}</figcaption></figure>")
            else:  # Chinese portals: image paragraph followed by a centred caption
                out.append(f'<p style="text-align:center">{tag}</p><p class="img-desc">{E(caption)}</p>')
    return "\n".join(out)


def expected_text(blocks: list[tuple[str, Any]]) -> str:
    lines: list[str] = []
    for kind, value in blocks:
        if kind in ("p", "h2", "quote", "code"):
            lines.append(value)
        elif kind in ("ul", "ol"):
            lines.extend(value)
        elif kind == "table":
            lines.extend(" ".join(row) for row in value)
        elif kind == "fig":
            lines.append(value[1])
    return "\n".join(lines) + "\n"


def lead_image(a: Article, img_base: str) -> str | None:
    for kind, value in a["body"]:
        if kind == "fig":
            return img_base + value[0]
    return None


def summary(a: Article) -> str:
    first = next(v for k, v in a["body"] if k == "p")
    cut = 60 if a.get("lang") == "zh" else 160
    return first[:cut]


# ---------------------------------------------------------------- boilerplate

def cookie_banner(zh: bool = False) -> str:
    if zh:
        return ('<div id="cookie-notice" class="cookie-consent"><p>本网站使用Cookie来改善您的浏览体验。'
                '继续浏览即表示您同意我们使用Cookie。</p><button>我知道了</button></div>')
    return ('<div id="cookie-consent" class="cc-banner" role="dialog"><p>We use cookies and similar '
            'technologies to personalise content and ads, to provide social media features and to '
            'analyse our traffic. By clicking accept you agree to our use of cookies.</p>'
            '<button class="cc-accept">Accept all</button><button>Manage preferences</button></div>')


def share_bar(zh: bool = False) -> str:
    if zh:
        return ('<div class="share-box"><span>分享到：</span><a href="#">微信</a><a href="#">微博</a>'
                '<a href="#">QQ空间</a></div>')
    return ('<div class="social-share"><a href="https://twitter.com/intent/tweet">Share on X</a>'
            '<a href="https://www.facebook.com/sharer.php">Share on Facebook</a>'
            '<a href="mailto:?subject=story">Email this article</a></div>')


def related_box(site: str, zh: bool, items: list[str]) -> str:
    if zh:
        lis = "".join(f'<li><a href="{site}/news/2024/{i:02d}/{900 + i}.html">{E(t)}</a></li>'
                      for i, t in enumerate(items, 1))
        return f'<div class="related-news"><h3>相关阅读</h3><ul>{lis}</ul></div>'
    lis = "".join(f'<li><a href="{site}/2024/0{i}/story-{i}">{E(t)}</a></li>' for i, t in enumerate(items, 1))
    return f'<section class="related-articles"><h2>More stories you might like</h2><ul>{lis}</ul></section>'


EN_RELATED = [
    "Council tax to rise by 4.9% in most areas next year",
    "Why your energy bill could fall this summer",
    "Five walks to try before the clocks change",
    "The quiet revival of the neighbourhood pub",
]
ZH_RELATED = [
    "本市发布2024年重点民生实事项目清单",
    "五一假期出行指南：这些景点需提前预约",
    "气象台发布暴雨蓝色预警 市民出行注意安全",
    "新学期中小学课后服务再升级",
]


def comments_en() -> str:
    return ('<section id="comments" class="comments-area"><h2 class="comments-title">3 comments</h2>'
            '<ol class="comment-list">'
            '<li class="comment"><div class="comment-author">Gareth</div><div class="comment-content">'
            '<p>Really interesting read, although I think the piece underplays how long this has been '
            'coming. Anyone who has lived here for a while saw it years ago.</p></div></li>'
            '<li class="comment"><div class="comment-author">pat_w</div><div class="comment-content">'
            '<p>Thanks for writing this up. Would love a follow-up in six months to see what actually '
            'changed.</p></div></li>'
            '<li class="comment"><div class="comment-author">Moira S.</div><div class="comment-content">'
            '<p>Same thing happened in our town and nobody asked the residents first.</p></div></li>'
            '</ol><div id="respond"><h3>Leave a Reply</h3><form><textarea name="comment"></textarea>'
            '<button>Post Comment</button></form></div></section>')


def comments_zh() -> str:
    return ('<div class="comment-wrap" id="comment"><h3>网友评论</h3>'
            '<div class="comment-item"><span class="user">北京网友</span><p>这个好消息，希望以后越办越好，'
            '给点赞！</p></div><div class="comment-item"><span class="user">上海网友</span>'
            '<p>我们这边什么时候也能有？期待一下。</p></div>'
            '<div class="comment-item"><span class="user">广东网友</span><p>说得很有道理，转发给家里人看看。</p></div></div>')


def ad_slot(zh: bool = False) -> str:
    if zh:
        return '<div class="ad_box" id="ad-slot-2"><a href="https://ad.example.cn/c?id=88"><img src="https://ad.example.cn/banner.jpg" alt="广告"></a><span>广告</span></div>'
    return ('<div class="ad-container advertisement" data-ad-slot="mid-article"><span class="ad-label">'
            'Advertisement</span><div id="div-gpt-ad-1"></div></div>')


def newsletter() -> str:
    return ('<aside class="newsletter-signup"><h3>Get the morning briefing</h3><p>Sign up for our free '
            'newsletter and get the day\'s most important stories in your inbox every weekday.</p>'
            '<form><input type="email" placeholder="Your email"><button>Subscribe</button></form></aside>')


def nav_en(site: str, sections: list[str]) -> str:
    links = "".join(f'<li><a href="{site}/{s.lower()}/">{s}</a></li>' for s in sections)
    return f'<nav class="main-nav" aria-label="Main"><ul><li><a href="{site}/">Home</a></li>{links}</ul></nav>'


def footer_en(name: str) -> str:
    return (f'<footer class="site-footer"><p>© 2024 {E(name)}. All rights reserved.</p>'
            '<ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li>'
            '<li><a href="/terms">Terms of use</a></li><li><a href="/contact">Contact</a></li></ul></footer>')


def footer_zh(name: str) -> str:
    return (f'<div class="footer"><p>关于我们 | 联系方式 | 广告服务 | 版权声明</p><p>Copyright &copy; 2024 '
            f'{E(name)} 版权所有 京ICP备12345678号</p></div>')


# ---------------------------------------------------------------- JSON-LD

def person(name: str) -> dict[str, str]:
    return {"@type": "Person", "name": name}


def jsonld_script(data: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False, indent=1)}</script>'


def meta_tags(a: Article, url: str, site_name: str, image: str | None, og_type: str = "article") -> str:
    tags = [
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:title" content="{E(a["title"])}">',
        f'<meta property="og:url" content="{url}">',
        f'<meta property="og:site_name" content="{E(site_name)}">',
        f'<meta property="og:description" content="{E(summary(a))}">',
        f'<meta name="description" content="{E(summary(a))}">',
    ]
    if image:
        tags.append(f'<meta property="og:image" content="{image}">')
        tags.append(f'<meta name="twitter:image" content="{image}">')
    tags.append('<meta name="twitter:card" content="summary_large_image">')
    return "\n".join(tags)


# ---------------------------------------------------------------- layouts

def layout_news_jsonld(a: Article) -> tuple[str, str]:
    """National news site: NewsArticle JSON-LD, og tags, share bar, related, comments."""
    site = "https://www.dailyherald-news.co.uk"
    url = f"{site}/news/{a['section'].lower()}/2024/{a['slug']}-{abs(hash_slug(a)) % 90000 + 10000}"
    img_base = "https://cdn.dailyherald-news.co.uk"
    lead = lead_image(a, img_base)
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
        "datePublished": a["date"], "author": [person(n) for n in a["authors"]],
        "publisher": {"@type": "Organization", "name": "The Daily Herald",
                      "logo": {"@type": "ImageObject", "url": f"{site}/logo.png"}},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url}, "articleSection": a["section"],
    }
    if a["modified"]:
        ld["dateModified"] = a["modified"]
    if lead:
        ld["image"] = {"@type": "ImageObject", "url": lead, "width": 1200, "height": 800}
    byline = " and ".join(a["authors"])
    body = render_blocks(a["body"], img_base, None)
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{E(a['title'])} | The Daily Herald</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{url}">
{meta_tags(a, url, "The Daily Herald", lead)}
{jsonld_script(ld)}
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "{a['section']}"}});</script>
<style>.cc-banner{{position:fixed;bottom:0}}</style>
</head>
<body class="article-page">
{cookie_banner()}
<header class="masthead"><a class="logo" href="{site}/">The Daily Herald</a>
{nav_en(site, ["News", "Politics", "Business", "Sport", "Culture", "Opinion"])}
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<main id="main-content">
<article class="story">
<header class="story-header"><p class="kicker"><a href="{site}/news/{a['section'].lower()}/">{E(a['section'])}</a></p>
<h1 class="headline">{E(a['title'])}</h1>
<div class="byline">By <span class="author">{E(byline)}</span> · <time datetime="{a['date']}">{a['date'][:10]}</time></div>
{share_bar()}
</header>
<div class="story-body" itemprop="articleBody">
{body}
</div>
<footer class="story-footer"><p class="topics">Topics: <a href="{site}/topic/{a['section'].lower()}">{E(a['section'])}</a></p>{share_bar()}</footer>
</article>
{related_box(site, False, EN_RELATED)}
{comments_en()}
</main>
<aside class="sidebar"><h3>Most read</h3><ol><li><a href="{site}/news/a">Storm warning issued for the weekend</a></li><li><a href="{site}/news/b">Pensions triple lock to stay, minister says</a></li></ol>{ad_slot()}</aside>
{footer_en("The Daily Herald")}
</body>
</html>
"""
    return page, url


def layout_wordpress_graph(a: Article) -> tuple[str, str]:
    """WordPress blog with Yoast's @graph, lazy images, Jetpack related posts, comments."""
    site = "https://www.thekitchenplot.com"
    date = a["date"]
    url = f"{site}/{date[:4]}/{date[5:7]}/{a['slug']}/"
    lead = lead_image(a, site)
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": f"{site}/#website", "url": f"{site}/", "name": "The Kitchen Plot",
             "inLanguage": "en-US"},
            {"@type": "WebPage", "@id": url, "url": url, "name": a["title"] + " - The Kitchen Plot",
             "isPartOf": {"@id": f"{site}/#website"}, "datePublished": date,
             "breadcrumb": {"@id": url + "#breadcrumb"}},
            {"@type": "BreadcrumbList", "@id": url + "#breadcrumb", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{site}/"},
                {"@type": "ListItem", "position": 2, "name": a["title"]}]},
            {"@type": "Article", "@id": url + "#article", "isPartOf": {"@id": url},
             "author": [{"@id": f"{site}/#/schema/person/{i}"} for i, _ in enumerate(a["authors"])],
             "headline": a["title"], "datePublished": date, "dateModified": a["modified"] or date,
             "mainEntityOfPage": {"@id": url}, "publisher": {"@id": f"{site}/#organization"},
             "image": {"@id": url + "#primaryimage"}, "inLanguage": "en-US"},
            {"@type": "Organization", "@id": f"{site}/#organization", "name": "The Kitchen Plot"},
            *({"@type": "Person", "@id": f"{site}/#/schema/person/{i}", "name": n}
              for i, n in enumerate(a["authors"])),
            *([{"@type": "ImageObject", "@id": url + "#primaryimage", "url": lead, "contentUrl": lead}]
              if lead else []),
        ],
    }
    body = render_blocks(a["body"], "", "data-lazy-src")
    page = f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>{E(a['title'])} - The Kitchen Plot</title>
<link rel="canonical" href="{url}">
<link rel="alternate" type="application/rss+xml" title="The Kitchen Plot &raquo; Feed" href="{site}/feed/">
{meta_tags(a, url, "The Kitchen Plot", lead)}
<meta property="article:published_time" content="{date}">
<meta name="author" content="{E(a['authors'][0])}">
<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(graph, ensure_ascii=False)}</script>
</head>
<body class="post-template-default single single-post">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="{site}/">The Kitchen Plot</a></p>
<p class="site-description">Growing, cooking and keeping things alive</p>
{nav_en(site, ["Recipes", "Garden", "Baking", "About"])}</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-4182" class="post-4182 post type-post status-publish hentry">
<header class="entry-header"><h1 class="entry-title">{E(a['title'])}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="{date}">{date[:10]}</time></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="{site}/author/{a['slug'][:4]}/">{E(a['authors'][0])}</a></span></span></div></header>
<div class="entry-content">
{body}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Share this:</h3><ul><li><a class="share-twitter" href="?share=twitter">Twitter</a></li><li><a class="share-facebook" href="?share=facebook">Facebook</a></li><li><a class="share-print" href="#print">Print</a></li></ul></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
<div class="jp-relatedposts-items"><p class="jp-relatedposts-post"><a href="{site}/2023/05/rhubarb/">Forcing rhubarb in a dustbin</a> <span>In "Garden"</span></p><p class="jp-relatedposts-post"><a href="{site}/2023/02/focaccia/">Overnight focaccia for lazy weekends</a> <span>In "Baking"</span></p></div></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="{site}/category/{a['section'].lower()}/" rel="category tag">{E(a['section'])}</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-previous"><a href="{site}/2023/10/pickles/" rel="prev">Previous: Quick fridge pickles</a></div></nav>
{comments_en()}
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_search"><form><input name="s"></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="{site}/2023/10/pickles/">Quick fridge pickles</a></li><li><a href="{site}/2023/09/tomato-blight/">Tomato blight, again</a></li></ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress | Theme: Twenty Something</div></footer>
</div>
</body>
</html>
"""
    return page, url


def layout_blog_plain(a: Article) -> tuple[str, str]:
    """Hand-made personal blog: no JSON-LD, meta author, Disqus, srcset lazy images."""
    site = "https://notes.ravimenon.dev"
    url = f"{site}/posts/{a['slug']}.html"
    lead = lead_image(a, site)
    body = render_blocks(a["body"], "", "srcset")
    desc = summary(a)
    modified = f'<meta property="article:modified_time" content="{a["modified"]}">' if a["modified"] else ""
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{E(a['title'])} — notes</title>
<meta name="description" content="{E(desc)}">
<meta name="author" content="{E(', '.join(a['authors']))}">
<meta property="article:published_time" content="{a['date']}">
{modified}
{f'<meta property="og:image" content="{lead}">' if lead else ''}
<link rel="alternate" type="application/atom+xml" href="/atom.xml" title="Atom feed">
<link rel="stylesheet" href="/css/site.css">
</head>
<body>
<div class="wrapper">
<div class="topbar"><a href="/">notes</a> <a href="/archive.html">archive</a> <a href="/about.html">about</a> <a href="/atom.xml">feed</a></div>
<div class="layout">
<div class="post">
<h1>{E(a['title'])}</h1>
<p class="post-meta">{a['date'][:10]} · {E(', '.join(a['authors']))} · <a href="/tags/{a['section'].lower()}.html">#{E(a['section'].lower())}</a></p>
{body}
<p class="post-end">Thanks for reading. If you spotted a mistake, email me.</p>
</div>
<div class="sidebar-right"><h4>Tags</h4><p><a href="/tags/linux.html">linux</a> <a href="/tags/networking.html">networking</a> <a href="/tags/python.html">python</a> <a href="/tags/homelab.html">homelab</a></p>
<h4>Elsewhere</h4><p><a href="https://github.com/">GitHub</a> · <a href="https://mastodon.social/">Mastodon</a></p></div>
</div>
<div id="disqus_thread"><div class="comment-body"><p>Disqus comments are loading. I tried this exact setup last year and the mDNS part drove me nuts too.</p></div></div>
<script src="https://notes-ravimenon.disqus.com/embed.js" async></script>
<div class="footer">Built with a Makefile and too much coffee. Text licensed CC BY 4.0.</div>
</div>
</body>
</html>
"""
    return page, url


def layout_tech_blog(a: Article) -> tuple[str, str]:
    """Engineering blog: JSON-LD as a list (BreadcrumbList + BlogPosting), TOC, newsletter."""
    site = "https://engineering.lattice.io"
    url = f"{site}/blog/{a['slug']}"
    img_base = "https://images.lattice.io/blog"
    lead = lead_image(a, img_base) or f"{img_base}/default-card.png"
    ld = [
        {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Blog", "item": f"{site}/blog"}]},
        {"@context": "https://schema.org", "@type": "BlogPosting", "headline": a["title"],
         "datePublished": a["date"], **({"dateModified": a["modified"]} if a["modified"] else {}),
         "author": {"@type": "Person", "name": a["authors"][0], "url": f"{site}/authors/x"}
         if len(a["authors"]) == 1 else [person(n) for n in a["authors"]],
         "image": [lead], "url": url, "inLanguage": "en",
         "publisher": {"@type": "Organization", "name": "Lattice Engineering"}},
    ]
    headings = [v for k, v in a["body"] if k == "h2"]
    toc = "".join(f'<li><a href="#s{i}">{E(h)}</a></li>' for i, h in enumerate(headings))
    body = render_blocks(a["body"], img_base, None)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{E(a['title'])} | Lattice Engineering Blog</title>
<meta property="og:title" content="{E(a['title'])}">
<meta property="og:image" content="{lead}">
<meta property="og:site_name" content="Lattice Engineering">
<meta name="twitter:creator" content="@lattice">
<link rel="canonical" href="{url}">
<link rel="alternate" type="application/feed+json" href="{site}/blog/feed.json">
{jsonld_script(ld)}
</head>
<body>
<div id="__next">
<header class="Header_root"><a href="/">Lattice</a><nav><a href="/product">Product</a><a href="/pricing">Pricing</a><a href="/blog">Blog</a><a href="/careers">Careers</a><a href="/login">Sign in</a></nav></header>
<div class="BlogPost_layout">
<aside class="BlogPost_toc"><p>On this page</p><ul>{toc}</ul></aside>
<article class="BlogPost_article">
<div class="BlogPost_meta"><a href="/blog/category/engineering">{E(a['section'])}</a> · <span>{a['date'][:10]}</span> · <span>7 min read</span></div>
<h1>{E(a['title'])}</h1>
<div class="BlogPost_authors"><img src="/avatars/a.png" alt=""><span>{E(', '.join(a['authors']))}</span></div>
<div class="prose">
{body}
</div>
{newsletter()}
<div class="BlogPost_share"><span>Share:</span><a href="https://news.ycombinator.com/submitlink">Hacker News</a><a href="https://www.linkedin.com/shareArticle">LinkedIn</a></div>
</article>
</div>
<section class="MorePosts_root"><h2>Keep reading</h2><div class="MorePosts_grid"><a href="/blog/zero-downtime-migrations"><h3>Zero-downtime schema migrations at scale</h3><p>How we ship forty migrations a week without a maintenance window.</p></a><a href="/blog/flaky-tests"><h3>We deleted our flaky tests. Here is what happened</h3><p>Quarantine, measure, then fix or delete.</p></a></div></section>
<footer class="Footer_root"><p>© 2024 Lattice, Inc.</p><a href="/privacy">Privacy</a><a href="/security">Security</a><a href="/status">Status</a></footer>
</div>
</body>
</html>
"""
    return page, url


def layout_magazine_lazy(a: Article) -> tuple[str, str]:
    """Magazine: body split by ad slots and a newsletter box; data-src lazy images."""
    site = "https://www.northernreview.com"
    url = f"{site}/{a['section'].lower()}/{a['slug']}"
    img_base = "//media.northernreview.com"
    lead = lead_image(a, "https://media.northernreview.com")
    blocks = a["body"]
    mid = max(2, len(blocks) // 2)
    first = render_blocks(blocks[:mid], img_base, "data-src")
    second = render_blocks(blocks[mid:], img_base, "data-src")
    authors = "".join(f'<a rel="author" href="{site}/by/{n.split()[0].lower()}">{E(n)}</a> ' for n in a["authors"])
    ld = {"@context": "http://schema.org", "@type": ["Article", "NewsArticle"], "headline": a["title"],
          "datePublished": a["date"].replace("+00:00", "Z"), "author": {"@type": "Person", "name": ", ".join(a["authors"])},
          "image": {"@type": "ImageObject", "url": lead} if lead else None,
          "description": summary(a)}
    page = f"""<!DOCTYPE html>
<html class="no-js" lang="en">
<head>
<meta charset="utf-8">
<title>{E(a['title'])}</title>
{meta_tags(a, url, "The Northern Review", lead)}
<meta property="article:section" content="{E(a['section'])}">
<meta property="article:published_time" content="{a['date']}">
{jsonld_script(ld)}
<link rel="alternate" type="application/rss+xml" href="{site}/{a['section'].lower()}/rss.xml">
</head>
<body>
<div class="gdpr-consent-overlay" id="gdpr"><div class="gdpr-box"><h2>Your privacy</h2><p>We and our 214 partners store and access information on your device for personalised advertising and content, advertising and content measurement, audience research and service development.</p><button>I agree</button></div></div>
<div class="top-ad ad-leaderboard"><span>Advertisement</span></div>
<header class="site-header"><a href="/" class="brand">The Northern Review</a>
<ul class="menu"><li><a href="/politics">Politics</a></li><li><a href="/ideas">Ideas</a></li><li><a href="/culture">Culture</a></li><li><a href="/subscribe">Subscribe</a></li></ul></header>
<div class="article-wrapper">
<div class="article-header"><span class="section-label">{E(a['section'])}</span><h1 class="article-title">{E(a['title'])}</h1>
<p class="standfirst">{E(summary(a))}…</p>
<div class="article-meta">{authors}<span class="pubdate">{a['date'][:10]}</span></div></div>
<div class="article-content">
{first}
{ad_slot()}
{newsletter()}
{second}
<p class="article-tags">Filed under: <a href="/tag/{a['section'].lower()}">{E(a['section'])}</a></p>
</div>
</div>
{related_box(site, False, EN_RELATED)}
<div class="outbrain-widget OUTBRAIN"><h3>Recommended for you</h3><a href="https://paid.example.com/x">Doctors stunned by this one weird trick</a><a href="https://paid.example.com/y">The 10 best cars of the decade, ranked</a></div>
{footer_en("The Northern Review")}
</body>
</html>
"""
    return page, url


def layout_articlebody_br(a: Article) -> tuple[str, str]:
    """Wire-service page: <br>-separated div soup, full articleBody in JSON-LD."""
    site = "https://wire.pacificpress.net"
    url = f"{site}/story/{abs(hash_slug(a)) % 9000000 + 1000000}"
    text_blocks = [b for b in a["body"] if b[0] in ("p", "quote", "h2")]
    plain = [v for _, v in text_blocks]
    ld = {"@context": "https://schema.org", "@type": "ReportageNewsArticle", "headline": a["title"],
          "articleBody": "\n\n".join(plain), "datePublished": a["date"][:19],
          "author": {"@type": "Organization", "name": "Pacific Press"},
          "creator": [person(n) for n in a["authors"]]}
    soup = "<br><br>\n".join(E(v) for v in plain)
    page = f"""<html>
<head>
<meta http-equiv="content-type" content="text/html;charset=utf-8">
<title>{E(a['title'])} - Pacific Press Wire</title>
<meta name="author" content="{E(' and '.join(a['authors']))}">
{jsonld_script(ld)}
</head>
<body bgcolor="#ffffff">
<div id="hdr"><a href="/">PACIFIC PRESS WIRE</a> | <a href="/latest">Latest</a> | <a href="/world">World</a> | <a href="/markets">Markets</a> | <a href="/login">Subscriber login</a></div>
<div id="wrap">
<div class="hl">{E(a['title'])}</div>
<div class="dl">{E(' and '.join(a['authors']))} | Pacific Press | {a['date'][:16].replace('T', ' ')}</div>
<div class="txt">
{soup}
</div>
<div class="cpy">(Reporting by {E(' and '.join(a['authors']))}; Editing by Staff Desk)<br>Copyright Pacific Press. Redistribution prohibited.</div>
<div class="more"><b>Latest headlines</b><br><a href="/story/1">Oil steadies after volatile week</a><br><a href="/story/2">Regional stocks close higher on tech gains</a><br><a href="/story/3">Port workers vote on new contract</a></div>
</div>
</body>
</html>
"""
    return page, url


def layout_table_layout(a: Article) -> tuple[str, str]:
    """Old table-based regional site; date only in visible text, no meta at all."""
    site = "http://www.valleygazette.org"
    url = f"{site}/news.php?id={abs(hash_slug(a)) % 90000 + 10000}"
    body = render_blocks(a["body"], "/photos", None)
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<title>Valley Gazette :: {E(a['title'])}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
</head>
<body>
<table width="960" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="2" class="banner"><img src="/img/banner.gif" alt="Valley Gazette"></td></tr>
<tr><td colspan="2" class="menu"><a href="/">Home</a> | <a href="/news.php">News</a> | <a href="/sports.php">Sports</a> | <a href="/obits.php">Obituaries</a> | <a href="/classifieds.php">Classifieds</a></td></tr>
<tr>
<td width="180" valign="top" class="leftcol"><b>Sections</b><br><a href="/news.php?cat=local">Local</a><br><a href="/news.php?cat=schools">Schools</a><br><a href="/news.php?cat=weather">Weather</a><br><br><b>Sponsors</b><br><a href="http://www.millerhardware.example"><img src="/ads/miller.gif" alt="Miller Hardware"></a></td>
<td valign="top" class="content">
<h1>{E(a['title'])}</h1>
<p class="byline"><i>By {E(' and '.join(a['authors']))}, Gazette staff &mdash; {a['date'][:10]}</i></p>
{body}
<p><a href="javascript:window.print()">Print this story</a> | <a href="/email.php">Email to a friend</a></p>
</td></tr>
<tr><td colspan="2" class="footer"><small>Copyright &copy; 2024 Valley Gazette. Site by Tri-County Web Design.</small></td></tr>
</table>
</body>
</html>
"""
    return page, url


def layout_cn_portal(a: Article) -> tuple[str, str]:
    """Chinese news portal: data-original lazy images, 相关阅读, comments, ads, editor line."""
    site = "https://news.zhongyuanwang.cn"
    url = f"{site}/{a['section'] and 'shehui'}/2024/{a['date'][5:7]}{a['date'][8:10]}/{abs(hash_slug(a)) % 900000 + 100000}.shtml"
    img_base = "//img.zhongyuanwang.cn"
    lead = lead_image(a, "https://img.zhongyuanwang.cn")
    body = render_blocks(a["body"], img_base, "data-original", figure_style="p")
    when = a["date"][:16].replace("T", " ")
    encoding = a.get("declared", "utf-8")
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="{encoding}">
<title>{E(a['title'])}_中原网</title>
<meta name="keywords" content="{E(a['section'])},新闻">
<meta name="description" content="{E(summary(a))}">
<meta name="author" content="{E(a['authors'][0])}">
<meta name="publishdate" content="{a['date'][:19].replace('T', ' ')}">
<meta property="article:published_time" content="{a['date']}">
{f'<meta property="og:image" content="{lead}">' if lead else ''}
<meta property="og:title" content="{E(a['title'])}">
<link rel="canonical" href="{url}">
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="top-bar"><a href="{site}/">首页</a> | <a href="{site}/guonei/">国内</a> | <a href="{site}/guoji/">国际</a> | <a href="{site}/caijing/">财经</a> | <a href="{site}/keji/">科技</a> | <a href="{site}/tiyu/">体育</a> | <a href="https://passport.zhongyuanwang.cn/login">登录</a></div>
{cookie_banner(zh=True)}
<div class="main-wrap">
<div class="crumbs"><a href="{site}/">首页</a> &gt; <a href="{site}/shehui/">{E(a['section'])}</a> &gt; 正文</div>
<div class="main-title"><h1>{E(a['title'])}</h1></div>
<div class="date-source"><span class="date">{when[:4]}年{when[5:7]}月{when[8:10]}日 {when[11:]}</span> <span class="source">来源：中原网</span> <span class="author">作者：{E('、'.join(a['authors']))}</span></div>
{share_bar(zh=True)}
<div class="article" id="artibody">
{body}
{ad_slot(zh=True)}
<p class="show_author">责任编辑：张磊</p>
</div>
{related_box(site, True, ZH_RELATED)}
{comments_zh()}
</div>
<div class="side-bar"><div class="hot-news"><h3>热点排行</h3><ol><li><a href="{site}/a/1.shtml">多地出台新政支持首套房购买</a></li><li><a href="{site}/a/2.shtml">今年高考报名人数公布</a></li><li><a href="{site}/a/3.shtml">全国铁路暑运今日启动</a></li></ol></div></div>
{footer_zh("中原网")}
</body>
</html>
"""
    return page, url


def layout_cn_wechat(a: Article) -> tuple[str, str]:
    """WeChat-style official-account article: #js_content, data-src images, no JSON-LD."""
    site = "https://mp.weixin.qq.com"
    url = f"{site}/s/{a['slug'].replace('-', '')[:22]}"
    img_base = "https://mmbiz.qpic.cn/mmbiz_jpg/Qx7"
    lead = lead_image(a, img_base)
    body = render_blocks(a["body"], img_base, "data-src", figure_style="p")
    # WeChat wraps paragraphs in sections and spans; keep that shape.
    body = body.replace("<p>", '<section><p style="margin-bottom:12px"><span style="font-size:15px">').replace(
        "</p>", "</span></p></section>")
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{E(a['title'])}</title>
<meta property="og:title" content="{E(a['title'])}">
<meta property="og:url" content="{url}">
{f'<meta property="og:image" content="{lead}">' if lead else ''}
<meta property="og:description" content="{E(summary(a))}">
<meta property="twitter:card" content="summary">
<meta name="author" content="{E(a['authors'][0])}">
</head>
<body id="activity-detail" class="zh_CN">
<div class="rich_media_wrp"><div class="rich_media">
<div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">
<h1 class="rich_media_title" id="activity-name">{E(a['title'])}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_text">{E(a['authors'][0])}</span>
<span class="rich_media_meta rich_media_meta_nickname"><a href="javascript:void(0);" id="js_name">城市观察</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">{a['date'][:10]} {a['date'][11:16]}</em></div>
<div class="rich_media_content js_underline_content" id="js_content">
{body}
<section><p style="text-align:center"><span style="color:#888">— END —</span></p></section>
</div>
<div class="rich_media_tool" id="js_toobar3"><a id="js_view_source" href="javascript:void(0);">阅读原文</a><span>阅读 10万+</span><a class="like_btn">赞</a><a class="like_btn">在看</a></div>
</div></div>
<div class="rich_media_extra"><div class="discuss_container" id="js_cmt_area"><div class="discuss_title">精选留言</div>
<div class="discuss_item"><strong class="nickname">小鱼儿</strong><div class="discuss_message_content">写得真好，已转发朋友圈。希望多出这类文章！</div></div>
<div class="discuss_item"><strong class="nickname">老陈</strong><div class="discuss_message_content">我们那边也是这个情况，感同身受。</div></div></div></div>
<div class="qr_code_pc_outer"><p>微信扫一扫<br>关注该公众号</p></div>
</div></div>
<script>var ct = "{a['date'][:10]}"; var msg_title = "{E(a['title'])}";</script>
</body>
</html>
"""
    return page, url


def layout_cn_jsonld_graph(a: Article) -> tuple[str, str]:
    """Chinese tech/news site with @graph JSON-LD, data-actualsrc images, related + comments."""
    site = "https://www.kaiyuanshuo.com"
    url = f"{site}/p/{abs(hash_slug(a)) % 900000 + 100000}"
    img_base = "https://pic.kaiyuanshuo.com"
    lead = lead_image(a, img_base)
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "@id": f"{site}/#org", "name": "开源说"},
        {"@type": "NewsArticle", "headline": a["title"], "datePublished": a["date"],
         **({"dateModified": a["modified"]} if a["modified"] else {}),
         "author": [{"@type": "Person", "name": n} for n in a["authors"]],
         "publisher": {"@id": f"{site}/#org"}, "inLanguage": "zh-CN",
         **({"image": [lead]} if lead else {}), "mainEntityOfPage": url},
    ]}
    body = render_blocks(a["body"], img_base, "data-actualsrc")
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{E(a['title'])} - 开源说</title>
<link rel="canonical" href="{url}">
<link rel="alternate" type="application/rss+xml" title="开源说 RSS" href="{site}/rss">
{jsonld_script(graph)}
</head>
<body>
<header class="navbar"><a class="brand" href="/">开源说</a><ul><li><a href="/news">资讯</a></li><li><a href="/tech">技术</a></li><li><a href="/topics">专题</a></li><li><a href="/search">搜索</a></li><li><a href="/login">登录</a></li></ul></header>
<div class="container"><div class="row">
<div class="col-main">
<div class="post-detail">
<h1 class="post-title">{E(a['title'])}</h1>
<div class="post-info"><span class="post-author">{E('、'.join(a['authors']))}</span><span class="post-time">发布于 {a['date'][:10]}</span><span class="post-views">阅读 3,482</span></div>
<div class="post-content markdown-body">
{body}
</div>
<div class="post-tags"><a href="/tag/{a['section']}">{E(a['section'])}</a></div>
<div class="post-copyright">本文为作者原创，转载请注明出处。</div>
<div class="social-share-zh share"><a href="#">分享到微博</a><a href="#">分享到微信</a></div>
</div>
<div class="recommend-list"><h3>推荐阅读</h3><ul><li><a href="/p/100231">从零搭建可观测性平台的一些经验</a></li><li><a href="/p/100232">如何写好一份技术方案评审文档</a></li><li><a href="/p/100233">数据库连接池参数调优指南</a></li></ul></div>
<div id="comments" class="comment-list"><h3>全部评论（2）</h3><div class="comment-item"><p>干货满满，收藏了，回头慢慢看。</p></div><div class="comment-item"><p>第二部分能不能再展开讲讲？实际项目里遇到过类似的问题。</p></div></div>
</div>
<div class="col-side"><div class="widget"><h4>热门标签</h4><a href="/tag/go">Go</a> <a href="/tag/rust">Rust</a> <a href="/tag/k8s">Kubernetes</a></div>{ad_slot(zh=True)}</div>
</div></div>
<footer class="footer"><p>© 2024 开源说 | 沪ICP备00000000号</p></footer>
</body>
</html>
"""
    return page, url


def hash_slug(a: Article) -> int:
    """A stable number per article (``hash()`` is salted per process)."""
    return sum((i + 1) * ord(c) for i, c in enumerate(a["slug"])) * 7919


Layout = Callable[[Article], tuple[str, str]]
EN_LAYOUTS: list[Layout] = [layout_news_jsonld, layout_wordpress_graph, layout_blog_plain,
                            layout_tech_blog, layout_magazine_lazy, layout_articlebody_br,
                            layout_table_layout]
ZH_LAYOUTS: list[Layout] = [layout_cn_portal, layout_cn_wechat, layout_cn_jsonld_graph]


def layout_for(a: Article, index: int, zh: bool) -> Layout:
    if a.get("encoding"):
        return layout_cn_portal  # declares its charset in <meta charset>
    if any(k == "code" for k, _ in a["body"]) and not zh:
        return layout_tech_blog if index % 2 else layout_blog_plain
    layouts = ZH_LAYOUTS if zh else EN_LAYOUTS
    return layouts[index % len(layouts)]


def main() -> None:
    for index, a in enumerate(ARTICLES_EN):
        write(a, layout_for(a, index, zh=False))
    for index, a in enumerate(ARTICLES_ZH):
        a = {**a, "lang": "zh"}
        write(a, layout_for(a, index, zh=True))


def write(a: Article, layout: Layout) -> None:
    page, _url = layout(a)
    blocks = a["body"]
    if layout is layout_articlebody_br:  # that layout renders only the prose blocks
        blocks = [b for b in blocks if b[0] in ("p", "quote", "h2")]
    encoding = a.get("encoding", "utf-8")
    print(f"{a['slug']:32} {layout.__name__}")
    # The article itself must be representable; the shared (simplified Chinese) site
    # chrome falls back to numeric character references, as browsers submit them.
    expected_text(blocks).encode(encoding)
    (HERE / f"{a['slug']}.html").write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    (HERE / f"{a['slug']}.expected.txt").write_text(expected_text(blocks), encoding="utf-8")


if __name__ == "__main__":
    main()
