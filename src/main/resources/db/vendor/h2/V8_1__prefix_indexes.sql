-- Prefix searches (LIKE 'abc%') on H2: a plain index serves them (course codes: course_code_unique).
CREATE INDEX course_title_word_prefix ON course_title_word (word, course_id);
