"""The audit every extracted article passes before it is published to the warehouse.

severity="critical" expectations are blocking: a row that fails one is quarantined, and a
table-level failure (no rows to point at) stops the whole batch from publishing.
severity="warning" expectations are recorded in dq_result and shown in the report only.
"""

import great_expectations as gx
import great_expectations.expectations as gxe

from etl.keys import date_key
from etl.limits import MAX_BODY_WORDS, MAX_PUBLISHED, MIN_BODY_WORDS, MIN_PUBLISHED

SUITE_NAME = "article_batch"
ROW_ID = "sha256"

LANGUAGE_CODE = r"^[a-z]{2}$"
MIN_DATE_KEY = date_key(MIN_PUBLISHED)
MAX_DATE_KEY = date_key(MAX_PUBLISHED)


def build_article_suite() -> gx.ExpectationSuite:
    critical = [
        gxe.ExpectColumnValuesToNotBeNull(column=ROW_ID),
        gxe.ExpectColumnValuesToBeUnique(column=ROW_ID),
        gxe.ExpectColumnValuesToNotBeNull(column="body"),
        gxe.ExpectColumnValuesToBeBetween(
            column="word_count", min_value=MIN_BODY_WORDS, max_value=MAX_BODY_WORDS
        ),
        gxe.ExpectColumnValuesToBeBetween(column="boilerplate_ratio", min_value=0, max_value=1),
        gxe.ExpectColumnValuesToMatchRegex(column="language", regex=LANGUAGE_CODE),
        gxe.ExpectColumnValuesToBeBetween(
            column="published_date_key", min_value=MIN_DATE_KEY, max_value=MAX_DATE_KEY
        ),
        gxe.ExpectColumnValueLengthsToBeBetween(column="title", min_value=1, max_value=500),
        gxe.ExpectColumnValuesToBeBetween(column="paragraph_count", min_value=1),
    ]
    warning = [
        gxe.ExpectColumnValuesToNotBeNull(column="title", mostly=0.9),
        gxe.ExpectColumnValuesToNotBeNull(column="published", mostly=0.5),
        gxe.ExpectColumnValuesToNotBeNull(column="outlet", mostly=0.5),
        gxe.ExpectColumnValuesToNotBeNull(column="language"),
        gxe.ExpectColumnValuesToBeBetween(column="entity_count", min_value=1, mostly=0.9),
        gxe.ExpectColumnValuesToBeBetween(column="boilerplate_ratio", max_value=0.9, mostly=0.9),
    ]
    for expectation in critical:
        expectation.severity = "critical"
    for expectation in warning:
        expectation.severity = "warning"
    return gx.ExpectationSuite(name=SUITE_NAME, expectations=critical + warning)
