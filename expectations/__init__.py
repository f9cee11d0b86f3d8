"""Great Expectations suites, as code."""
