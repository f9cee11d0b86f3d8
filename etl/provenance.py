"""Where a stored header field's value came from: the vocabulary of the warehouse's
`*_source` columns, which the read stage writes, the article suite checks and the registry
documents."""

# What an HTML page states about itself (JSON-LD, meta tags, microdata, a <time> element,
# the <h1>, the <title>, the URL, htmldate's guess), what its visible text prints, a plain
# text page's relative date ("Published 2 hours ago") counted back from the file's time, or
# nothing.
RELATIVE_TO_FILE_TIME = "relative_to_file_time"
SOURCES = (
    "json_ld", "meta", "microdata", "time_element", "h1", "title_tag", "url", "htmldate",
    "visible_text", RELATIVE_TO_FILE_TIME, "none",
)  # fmt: skip
