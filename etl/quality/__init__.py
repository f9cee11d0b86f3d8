"""Data quality artefacts shared by the validate stage and the report: Great Expectations'
Data Docs, made readable offline."""
