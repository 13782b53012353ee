"""The kinds of boilerplate, and the whole lines that are a known label of one ("Share", "ADVERTISEMENT", "Related
articles"). :mod:`.boilerplate` tries these first, then its phrases and shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    """What a line of boilerplate is; the layout treats some kinds specially."""

    CHROME = "chrome"  # account banners, share buttons, labels
    MENU = "menu"  # a row of section names: "Home | World | Business", "Home > Tech > Mobile"
    ADVERT = "advert"
    PROMO = "promo"  # newsletter and subscription pitches, paywall banners
    COOKIE = "cookie"
    FOOTER = "footer"  # copyright, legal links, sign-offs ("Reporting by …")
    VIDEO = "video"
    CREDIT = "credit"  # "Image credit: Getty Images"
    CAPTION = "caption"  # a picture's caption, with a credit in it
    LIST = "list"  # a heading over a list of other articles: the list is not the article
    END = "end"  # comments, "About the company", "###": nothing after it is the article


@dataclass(frozen=True, slots=True)
class Label:
    """A line's kind, and for credits and captions the credit itself."""

    kind: Kind
    credit: str = ""


def _words(text: str) -> frozenset[str]:
    return frozenset(item.strip() for item in text.split(",") if item.strip())


EXACT: dict[Kind, frozenset[str]] = {
    Kind.CHROME: _words(
        "share, share this, share this article, share this story, share article, share full article, share on facebook, share on twitter, "
        "share on linkedin, share via email, share via e-mail, tweet, facebook, twitter, x, linkedin, whatsapp, reddit, pinterest, flipboard, "
        "telegram, messenger, email, e-mail, print, print this page, copy link, copy link to clipboard, link copied, save, save article, "
        "save for later, saved, bookmark, gift article, gift this article, comment, comments, more sharing options, sharing options, listen, "
        "listen to this article, listen to article, audio, font size, text size, aa, follow, follow us, follow topic, home, menu, search, close, "
        "open menu, main menu, navigation, skip to content, skip to main content, skip to navigation, jump to, back to top, top, sections, news, "
        "world, business, tech, technology, politics, opinion, sport, sports, markets, economy, culture, science, health, live, more, next, "
        "previous, next article, previous article, next story, previous story, breaking news, sign in, sign up, sign out, log in, login, log out, "
        "register, subscribe, subscribe now, my account, account, profile, sign in / register, log in / register, newsletters, edition, "
        "change edition, english, menu search, search menu, toggle navigation, loading, loading..., open in app, view in app, "
        "fact checked, analysis, exclusive, opinion, explainer, breaking, news release, press release, for immediate release, reply, report, "
        "like, likes, enlarge, expand, show more, show less, load more, see more, view more, join, joined, subscribed, unsubscribed, write, "
        # a web mail client's own buttons and folders, around a newsletter read in it
        "mail, inbox, compose, starred, snoozed, drafts, sent, sent mail, spam, junk, trash, to me, search mail, reply all, forward, "
        # a social post's buttons
        "see translation, translate post, translate tweet, show translation, connect, repost, quote, bookmark post"
    ),
    Kind.ADVERT: _words(
        "advertisement, advert, ad, ads, sponsored, sponsored content, promoted, promoted content, paid content, paid post, partner content, "
        "story continues below advertisement, article continues below advertisement, article continues below, story continues below, "
        "continue reading below, scroll to continue, scroll to continue with content, advertisement - scroll to continue, "
        "content continues below, ad feedback, report ad, remove ads, supported by, skip advert, skip ad"
    ),
    Kind.LIST: _words(
        "related, related articles, related stories, related content, related coverage, related news, related topics, related links, "
        "related posts, related reading, recent articles, recent posts, recent stories, recent news, more stories, more news, more articles, "
        "most read, most popular, most viewed, most shared, popular, popular now, trending, trending now, trending stories, you may also like, "
        "you might also like, you may like, recommended, recommended for you, recommended stories, recommended articles, read next, up next, "
        "what to read next, read more, more on this story, more on this topic, more like this, latest, latest news, latest stories, "
        "latest articles, top stories, editor's picks, editors' picks, don't miss, in other news, further reading, see also, keep reading, "
        "explore more, tags, topics, filed under, categories, related tags, more to explore, also read, read also, must read, must reads, "
        "quick facts, fast facts, associated links, related products, "
        "key points, key takeaways, highlights, in brief, at a glance, summary, tl;dr, quick read, the big picture, what you need to know"
    ),
    Kind.END: _words(
        "leave a reply, leave a comment, post a comment, add a comment, comments are closed, join the conversation, join the discussion, "
        "show comments, view comments, reader comments, what do you think?, have your say, comment on this story, conversation, discussion, "
        "responses, about the author, about the authors, media contact, media contacts, press contact, press contacts, media enquiries, "
        "media inquiries, for media inquiries, for more information, contact, contacts, ###, ends, - ends -, -30-, notes to editors, "
        "notes to editor, editor's note, disclaimer, footnotes, endnotes, notes, references, sources, credits, share your thoughts, "
        "forward-looking statements, forward looking statements, cautionary statement, safe harbor statement, safe harbour statement, "
        "important disclosures, disclosures, analyst certification, links from this episode, show notes, episode credits, "
        # a video's chapter list under its description: the description has ended
        "chapters, timestamps, video chapters, in this video, "
        # a magazine's end mark after the last sentence: what follows is another item
        "■, ∎, ◼, ▪, ◆, ♦, □"
    ),
}
