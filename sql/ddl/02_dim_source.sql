-- one row per outlet; the 'Unknown' member stands for articles whose outlet the page does not give
create table if not exists dim_source (
    source_key bigint primary key,
    outlet_name varchar not null,
    is_unknown boolean not null
);
