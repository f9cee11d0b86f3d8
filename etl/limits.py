"""What counts as an article, declared once: the read stage applies these limits and the
expectation suite audits what the read stage cannot know."""

# Fewer words than this after cleaning is a page with no article on it (an index, a menu, a
# paywall stub); the sample inbox's link page has 9, the shortest real brief about 40.
MIN_BODY_WORDS = 15
# No news article runs to a book: a body this long is a mis-cleaned page or a data dump.
MAX_BODY_WORDS = 50_000
# A plain-text file of more words than this is no page anybody copied (a book, a data dump):
# quarantined before it is read, whatever the body model would make of its lines.
MAX_PAGE_WORDS = 100_000
# Publication dates outside these days are misreadings (a phone number, a version string).
MIN_PUBLISHED = "1990-01-01"
MAX_PUBLISHED = "2100-12-31"
