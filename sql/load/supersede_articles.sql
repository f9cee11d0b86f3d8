-- versions replaced by a new content at the same path stop being current
update fct_article
set is_current = false, valid_to = superseded.valid_to
from stg_superseded_article as superseded
where fct_article.article_key = superseded.article_key
    and fct_article.is_current
