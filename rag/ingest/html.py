"""HTML pages: the main text, title, date and site name, extracted with trafilatura (which drops
navigation, scripts, cookie banners and comments)."""

from __future__ import annotations

from ..corpus import Article, clean_text
from ..dates import parse_date
from .meta import complete

MIN_WORDS = 8


def html_article(data: bytes, source: str, sha256: str) -> Article:
    """The article a saved news page holds. Raises ValueError when no main text is found."""
    import trafilatura  # imports lxml's HTML cleaner: the lxml_html_clean package

    doc = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True,
        # The page's own metadata only: a date guessed from the body's text could be any event's.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # trafilatura puts one paragraph a line; our passages split at blank lines.
    text = clean_text((getattr(doc, "text", None) or "").replace("\n", "\n\n"))
    # On a page with no story, trafilatura's fallback returns what text it finds ("Home" from a
    # menu); a story has at least a sentence.
    if len(text.split()) < MIN_WORDS:
        raise ValueError("no main text found in the page")
    try:
        date = parse_date(doc.date)
    except ValueError:
        date = None
    title = " ".join((doc.title or text.splitlines()[0]).split())[:300]
    return complete(Article(source=source, title=title, text=text, sha256=sha256, date=date,
                            outlet=doc.sitename or None, url=doc.url or None))
