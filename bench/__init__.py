"""Benchmarks and training, apart from the product: they read the development sets in
../shared/benchmarks by path and use only the pipeline's public functions.

clean.py    body F1 and pages per second (`bench clean`), dev and site-held-out figures
fields.py   header fields on a metadata set (`bench fields --set`), or the sample inbox's
            hand annotations (`bench fields`)
extract.py  the extract stage against bare nlp.pipe
pipeline.py the whole pipeline against the spaCy ceiling
stories.py  story assignment in large synthetic warehouses
train.py, train_header.py   fitting the body and header models (`train clean|header`)
"""
