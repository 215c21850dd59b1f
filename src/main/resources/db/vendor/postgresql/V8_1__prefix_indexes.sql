-- Prefix searches (LIKE 'ABC%') on PostgreSQL: a plain index follows the database's collation,
-- which LIKE cannot use unless the collation is C; a pattern_ops index compares bytes and can.
CREATE INDEX course_code_prefix ON course (code varchar_pattern_ops);
CREATE INDEX course_title_word_prefix ON course_title_word (word varchar_pattern_ops, course_id);
