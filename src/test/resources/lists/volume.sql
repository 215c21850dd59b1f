-- The admin lists' volume on PostgreSQL: 20,000 courses (half published, 2% with unpublished
-- changes), 100,000 draft runs (5 a course) and 1,000,000 history rows over about 12 days.
-- Ids made of a table digit and the row's number: rows refer to each other without joins, and
-- each index on an id grows at its end (random ids would make the load several times slower).
INSERT INTO course (id, code, title, unpublished_changes, created_at, updated_at)
SELECT ('1' || lpad(to_hex(i), 31, '0'))::uuid, 'C' || lpad(i::text, 6, '0'),
       'Course ' || i || ' ' || (ARRAY['python', 'economics', 'history', 'data', 'music'])[i % 5 + 1]
           || CASE WHEN i % 1000 = 0 THEN ' quantum' ELSE '' END,
       i % 50 = 0, TIMESTAMPTZ '2030-01-01' + i * INTERVAL '1 minute',
       TIMESTAMPTZ '2030-01-01' + i * INTERVAL '1 minute'
FROM generate_series(1, 20000) AS i;

INSERT INTO course_title_word (course_id, word)
SELECT ('1' || lpad(to_hex(i), 31, '0'))::uuid, w
FROM generate_series(1, 20000) AS i,
     LATERAL unnest(ARRAY['course', i::text, (ARRAY['python', 'economics', 'history', 'data', 'music'])[i % 5 + 1]]
         || CASE WHEN i % 1000 = 0 THEN ARRAY['quantum'] ELSE ARRAY[]::text[] END) AS w;

INSERT INTO course_public (course_id, title, published_at)
SELECT id, title, created_at FROM course WHERE code LIKE '%0' OR code LIKE '%2' OR code LIKE '%4'
    OR code LIKE '%6' OR code LIKE '%8';

INSERT INTO course_run (id, course_id, resource_link, lms_backend, sync_mode, display_mode, languages,
    enrollment_count, catalog_visibility, price_currency, created_at, updated_at)
SELECT ('2' || lpad(to_hex(n), 31, '0'))::uuid, ('1' || lpad(to_hex(n % 20000 + 1), 31, '0'))::uuid,
       'https://lms' || (n % 3) || '.test/courses/course-v1:X+C' || n || '/info', 'https://lms' || (n % 3) || '.test',
       'sync_to_draft', 'detailed', 'en', n % 1000, 'course_and_search', 'EUR',
       TIMESTAMPTZ '2030-02-01' + n * INTERVAL '1 second', TIMESTAMPTZ '2030-02-01' + n * INTERVAL '1 second'
FROM generate_series(0, 99999) AS n;

INSERT INTO sync_event (id, received_at, resource_link, lms_backend, outcome, secret_index, course_code,
    course_run_id, sync_mode, changes, errors, source)
SELECT ('3' || lpad(to_hex(g), 31, '0'))::uuid, TIMESTAMPTZ '2030-03-01' + g * INTERVAL '1 second',
       'https://lms' || (g % 100000 % 3) || '.test/courses/course-v1:X+C' || (g % 100000) || '/info',
       'https://lms' || (g % 100000 % 3) || '.test',
       CASE WHEN g % 100 < 70 THEN 'updated' WHEN g % 100 < 90 THEN 'unchanged' WHEN g % 100 < 99 THEN 'created'
           ELSE 'rejected' END,
       0, 'C' || lpad((g % 100000 % 20000 + 1)::text, 6, '0'), ('2' || lpad(to_hex(g % 100000), 31, '0'))::uuid, 'sync_to_draft',
       '{"enrollment_count": {"before": 1, "after": 2}}', NULL, 'webhook'
FROM generate_series(1, 1000000) AS g;

