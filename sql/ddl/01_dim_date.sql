create table if not exists dim_date (
    date_key integer primary key,  -- yyyymmdd
    full_date date not null,
    year smallint not null,
    quarter tinyint not null,
    month tinyint not null,
    month_name varchar not null,
    day_of_month tinyint not null,
    day_of_week tinyint not null,  -- iso: monday = 1
    day_name varchar not null,
    iso_week tinyint not null,
    is_weekend boolean not null
);
