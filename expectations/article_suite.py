"""The audit every extracted article passes before it is published to the warehouse.

It checks what the clean stage cannot know (the clean stage alone decides what is an article,
by etl/limits.py): that what the extraction found is consistent with the text it was found in
(every entity, quotation and amount is in the article's own text, every amount a finite
number), that each header field's provenance is one the pipeline knows, that keys are unique.

severity="critical" expectations are blocking: a row that fails one is quarantined, and a
table-level failure (no rows to point at, as a duplicated key) stops the whole batch from
publishing. severity="warning" expectations are recorded in dq_result and shown in the report.
"""

import logging

# Importing GX logs a line for every function it registers ("Skipping registering function ...
# because it is a closure"): 214 of a task log's 228 lines. Its own warnings still show.
logging.getLogger("great_expectations._docs_decorators").setLevel(logging.WARNING)

import great_expectations as gx  # noqa: E402 - after its registration chatter is silenced
import great_expectations.expectations as gxe  # noqa: E402

from etl.provenance import SOURCES  # noqa: E402

SUITE_NAME = "article_batch"
ROW_ID = "sha256"

# ISO 639-1, else 639-3 (py3langid names some languages only so), `und` when unsure.
LANGUAGE_CODE = r"^[a-z]{2,3}$"
MAX_TITLE_CHARS = 500
# A publication date more than a day after the run read it is a misreading (or a page's
# clock); recorded, not refused.
MAX_DAYS_AFTER_RUN = 1
FORMATS = ["text", "html"]
PROVENANCE = ["title_source", "published_source", "outlet_source", "authors_source"]


def build_article_suite() -> gx.ExpectationSuite:
    critical = [
        gxe.ExpectColumnValuesToNotBeNull(column=ROW_ID),
        gxe.ExpectColumnValuesToBeUnique(column=ROW_ID),
        gxe.ExpectColumnValuesToMatchRegex(column="language", regex=LANGUAGE_CODE),
        gxe.ExpectColumnValueLengthsToBeBetween(
            column="title", min_value=1, max_value=MAX_TITLE_CHARS
        ),
        gxe.ExpectColumnValuesToBeBetween(column="entities_outside_text", max_value=0),
        gxe.ExpectColumnValuesToBeBetween(column="quotes_outside_text", max_value=0),
        gxe.ExpectColumnValuesToBeBetween(column="quote_speakers_unexplained", max_value=0),
        gxe.ExpectColumnValuesToBeBetween(column="amounts_outside_text", max_value=0),
        gxe.ExpectColumnValuesToBeInSet(column="format", value_set=FORMATS),
        *(gxe.ExpectColumnValuesToBeInSet(column=c, value_set=list(SOURCES)) for c in PROVENANCE),
    ]
    warning = [
        gxe.ExpectColumnValuesToNotBeNull(column="title", mostly=0.9),
        gxe.ExpectColumnValuesToNotBeNull(column="published", mostly=0.5),
        gxe.ExpectColumnValuesToNotBeNull(column="outlet", mostly=0.5),
        gxe.ExpectColumnValuesToNotBeNull(column="language"),
        gxe.ExpectColumnValuesToBeBetween(column="entity_count", min_value=1, mostly=0.9),
        gxe.ExpectColumnValuesToBeBetween(column="boilerplate_ratio", max_value=0.9, mostly=0.9),
        gxe.ExpectColumnValuesToBeBetween(column="days_after_run", max_value=MAX_DAYS_AFTER_RUN),
    ]
    for expectation in critical:
        expectation.severity = "critical"
    for expectation in warning:
        expectation.severity = "warning"
    return gx.ExpectationSuite(name=SUITE_NAME, expectations=critical + warning)
