create table if not exists dim_section (
    section_key bigint primary key,
    section_name varchar not null,
    is_unknown boolean not null
);
