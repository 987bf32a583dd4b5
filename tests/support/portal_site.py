"""A news portal without full feeds, added to the sample site for the full-text tests:
a home page that advertises a summary-only feed, listing pages (with and without
selectors, paginated), a gzipped Google News sitemap behind a sitemap index, and
article pages in UTF-8 and Big5."""

from __future__ import annotations

import gzip
import json

from archiver.demo.site import Resource, SampleSite


def _article_page(title: str, paragraphs: list[str], *, lang: str, published: str,
                  author: str, image: str | None = None, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:2])
    if image:
        body += f'<figure><img class="lazy" src="/static/grey.gif" data-src="{image}" alt=""><figcaption>{title}</figcaption></figure>'
    body += "".join(f"<p>{p}</p>" for p in paragraphs[2:])
    jsonld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                         "datePublished": published, "author": {"@type": "Person", "name": author}},
                        ensure_ascii=False)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{title} | Portal</title>
<script type="application/ld+json">{jsonld}</script>
<meta property="og:title" content="{title}">
</head><body>
<header><nav><a href="/portal/">Home</a> <a href="/portal/world/">World</a> <a href="/portal/shehui/">社会</a></nav></header>
<div id="cookie-consent">We use cookies to improve your experience. <a href="/portal/privacy">Privacy</a></div>
<main><article><h1>{title}</h1><div class="byline">By {author} · {published}</div>
<div class="story-body">{body}</div></article>
<aside class="most-read"><h2>Most read</h2><ol><li><a href="/portal/world/2022/05/01/older-story">An older story everyone read</a></li></ol></aside>
<section class="comments"><h2>Comments (2)</h2><p>First!</p><p>Great article, thanks.</p></section>
</main><footer>© 2022 Portal Media Group · <a href="/portal/about">About</a></footer></body></html>"""


ARTICLES: dict[str, dict] = {
    "/portal/shehui/2022/0510/100001.shtml": {
        "title": "地铁14号线东段今日开通 沿线居民通勤时间缩短近半", "lang": "zh-CN", "published": "2022-05-10T09:30:00+08:00",
        "author": "李明", "image": "/img/2022/lantern.jpg", "paragraphs": [
            "5月10日上午9时，地铁14号线东段正式开通初期运营，沿线二十余万居民的通勤方式随之改变。",
            "14号线东段全长17.2公里，共设车站11座，其中换乘站4座。运营初期，高峰时段行车间隔为4分钟。",
            "家住东坝的王女士告诉记者，过去她每天开车上班要一个多小时，现在乘地铁只需三十五分钟。",
            "运营方表示，将根据客流变化适时加密班次，并在部分车站增设无障碍设施。"]},
    "/portal/shehui/2022/0509/100002.shtml": {
        "title": "汛期将至 多地开展防汛应急演练", "lang": "zh-CN", "published": "2022-05-09T18:00:00+08:00",
        "author": "王芳", "paragraphs": [
            "随着主汛期临近，多地近日组织开展防汛应急演练，检验预案的可操作性和各部门的协同能力。",
            "演练模拟了城区内涝、河道漫堤和山洪灾害等场景，参演人员完成了人员转移、抢险排涝等科目。",
            "应急管理部门提醒，汛期外出应关注天气预警信息，遇到积水路段切勿冒险涉水通行。"]},
    "/portal/shehui/2022/0508/100003.shtml": {
        "title": "高校毕业生就业季：企业更看重实践能力", "lang": "zh-CN", "published": "2022-05-08T14:00:00+08:00",
        "author": "赵磊", "paragraphs": [
            "又到一年毕业季，多场校园招聘会近日陆续举行。与往年相比，用人单位对实践能力的要求明显提高。",
            "一家科技企业的招聘负责人说，简历上的实习经历和项目经验，往往比成绩单更能打动面试官。",
            "高校就业指导中心建议，学生应尽早参与社会实践，在真实的工作环境中积累经验。"]},
    "/portal/shehui/2022/0507/100004.shtml": {
        "title": "老旧小区加装电梯提速 今年计划完成三百部", "lang": "zh-CN", "published": "2022-05-07T10:00:00+08:00",
        "author": "孙婷", "paragraphs": [
            "记者从市住建部门获悉，今年全市计划为老旧小区加装电梯三百部，目前已有一百二十部开工建设。",
            "为破解“协调难”，多个街道引入第三方机构，帮助居民就费用分摊和低层住户补偿达成一致。",
            "已经用上电梯的居民表示，再也不用为爬楼发愁了，老人下楼活动的次数明显多了。"]},
    "/portal/world/2022/05/11/ferry-service-resumes-after-storm-repairs": {
        "title": "Ferry service resumes after storm repairs", "lang": "en", "published": "2022-05-11T07:45:00+01:00",
        "author": "Megan Doyle", "image": "/img/2022/harbor-wide.jpg", "paragraphs": [
            "Ferries between the mainland and the islands resumed on Wednesday after six weeks of repairs to the storm-damaged pier.",
            "The operator said the first crossings were fully booked, with extra sailings added for the weekend.",
            "Islanders had relied on a single small boat for supplies since the March storm tore away part of the landing ramp.",
            "Engineers reinforced the pier with steel piles designed to withstand waves twice the height of those in March."]},
    "/portal/world/2022/05/10/city-library-extends-opening-hours": {
        "title": "City library extends opening hours to midnight during exams", "lang": "en",
        "published": "2022-05-10T16:00:00+01:00", "author": "Arun Mehta", "paragraphs": [
            "The central library will stay open until midnight for the next five weeks to give students a quiet place to revise.",
            "Library staff said demand for study spaces had doubled since the reading rooms reopened after refurbishment.",
            "Volunteers from the university will run the front desk in the late evening, and the café will stay open until ten."]},
}
BIG5_PATH = "/portal/hk/2022/0511/200001.html"
BIG5_TITLE = "電車百年 見證香港變遷"
BIG5_PARAGRAPHS = [
    "香港電車於一九零四年投入服務，至今已超過一百年，是全球現存唯一全數採用雙層電車的系統。",
    "每日約有十八萬人次乘搭電車，車資低廉，深受市民和遊客歡迎，被稱為「叮叮」。",
    "電車公司表示，將繼續更新車隊，在保留傳統外觀的同時，提升乘客的舒適度。",
]


def add_portal(site: SampleSite) -> None:
    base = site.base_url
    res = site.resources

    def html(path: str, text: str, charset: str = "utf-8") -> None:
        res[path] = Resource(text.encode(charset), f"text/html; charset={charset}" if charset == "utf-8" else "text/html")

    for path, article in ARTICLES.items():
        html(path, _article_page(**article))
    res[BIG5_PATH] = Resource(
        _article_page(BIG5_TITLE, BIG5_PARAGRAPHS, lang="zh-HK", published="2022-05-11T08:00:00+08:00",
                      author="陳大文", charset="big5").encode("big5", "xmlcharrefreplace"), "text/html")

    def listing(items: list[str], next_link: str | None) -> str:
        links = "".join(f'<li><a href="{p}?utm_source=list">{ARTICLES[p]["title"]}</a></li>' for p in items)
        pager = f'<div class="page"><a class="next" href="{next_link}">下一页</a></div>' if next_link else ""
        return (f"<html><head><meta charset='utf-8'><title>社会</title></head><body>"
                f"<div class='nav'><a href='/portal/'>首页</a><a href='/portal/tag/ditie'>地铁</a></div>"
                f"<ul class='news-list'>{links}</ul>{pager}"
                f"<div class='hot'><a href='/portal/world/2022/05/11/ferry-service-resumes-after-storm-repairs'>热门</a></div>"
                f"</body></html>")

    shehui = [p for p in ARTICLES if "/shehui/" in p]
    html("/portal/shehui/", listing(shehui[:2], "/portal/shehui/index_2.shtml"))
    html("/portal/shehui/index_2.shtml", listing(shehui[2:], "/portal/shehui/index_3.shtml"))
    html("/portal/shehui/index_3.shtml", listing([], None))

    world = [p for p in ARTICLES if "/world/" in p]
    html("/portal/world/", f"""<html lang="en"><head><meta charset="utf-8"><title>World | Portal</title></head><body>
<nav><a href="/portal/">Home</a> <a href="/portal/world/">World</a> <a href="/portal/login">Sign in</a>
<a href="/portal/search?q=">Search</a></nav>
<h1>World</h1>
<div class="card"><a href="{world[0]}"><h3>{ARTICLES[world[0]]["title"]}</h3></a>
 <a class="tag" href="/portal/tag/transport">Transport</a> <a class="author" href="/portal/author/megan-doyle">Megan Doyle</a></div>
<div class="card"><a href="{base}{world[1]}#comments"><h3>{ARTICLES[world[1]]["title"]}</h3></a>
 <a class="category" href="/portal/category/education/">Education</a></div>
<div class="card"><a href="/private/2022/05/09/embargoed-story-draft">Embargoed story (draft)</a></div>
<a href="https://other-site.example/2022/05/10/partner-story-about-ferries">Partner: more on ferries</a>
<footer><a href="/portal/about">About us</a> <a href="/portal/page/2">Older</a></footer>
</body></html>""")

    feed_items = "".join(
        f"<item><title>{ARTICLES[p]['title']}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        f"<description>{ARTICLES[p]['paragraphs'][0][:40]}…</description></item>"
        for p in world)
    res["/portal/feed.xml"] = Resource(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Portal</title>'
        f"<link>{base}/portal/</link>{feed_items}</channel></rss>".encode(), "application/rss+xml")
    html("/portal/", """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<link rel="alternate" type="application/rss+xml" title="Portal – all stories" href="/portal/feed.xml">
<link rel="alternate" type="application/json+oembed" href="/portal/oembed?url=x">
</head><body><h1>Portal</h1><a href="/portal/world/">World</a></body></html>""")

    news_entries = [
        (path, article["title"], article["published"]) for path, article in ARTICLES.items() if "/shehui/" in path
    ] + [(BIG5_PATH, BIG5_TITLE, "2022-05-11T08:00:00+08:00"),
         ("/portal/shehui/2021/1201/000001.shtml", "旧闻：去年的消息", "2021-12-01T08:00:00+08:00")]
    urls = "".join(
        f"<url><loc>{base}{path}</loc><news:news><news:publication><news:name>Portal</news:name>"
        f"<news:language>zh</news:language></news:publication><news:publication_date>{published}"
        f"</news:publication_date><news:title>{title}</news:title></news:news></url>"
        for path, title, published in news_entries)
    news_sitemap = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                    f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')
    res["/portal/sitemap-news.xml.gz"] = Resource(gzip.compress(news_sitemap.encode("utf-8"), mtime=0),
                                                  "application/x-gzip")
    res["/portal/sitemap.xml"] = Resource(
        f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/portal/sitemap-news.xml.gz</loc></sitemap></sitemapindex>".encode(), "application/xml")
