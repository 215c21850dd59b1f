#!/usr/bin/env python3
"""Generates corpus.jsonl: hostile HTTP requests for HostileInputIT.

Each line: {"name", "method", "path" (raw, sent as is), "headers": [[name, value]],
"raw_header_b64" (extra raw header bytes, may hold non-ASCII or control characters),
"body_b64", "sign": bool (sign the body with the test secret), "content_type"}.
Regenerate with: python3 src/test/resources/hostile/generate.py > src/test/resources/hostile/corpus.jsonl
"""
import base64
import json

LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/"
VALID = {"resource_link": LINK, "start": "2030-01-01T00:00:00Z", "languages": ["en"], "enrollment_count": 5}
FIELDS = ["resource_link", "start", "end", "enrollment_start", "enrollment_end", "languages", "enrollment_count",
          "catalog_visibility", "price", "price_currency", "offer", "certificate_price", "certificate_offer",
          "discounted_price", "discount", "certificate_discounted_price", "certificate_discount"]
WRONG_VALUES = [None, True, False, 0, -1, 1.5, 1e308, "", " ", "x" * 300, [], [1], {}, {"a": 1}, "NaN", "\u0000"]
SYNC = "/api/v1.0/course-runs-sync"
entries = []


def add(name, body=b"", method="POST", path=SYNC, sign=True, content_type="application/json", headers=(),
        raw_header=b""):
    if isinstance(body, str):
        body = body.encode("utf-8")
    entries.append({"name": name, "method": method, "path": path, "headers": [list(h) for h in headers],
                    "raw_header_b64": base64.b64encode(raw_header).decode(), "body_b64": base64.b64encode(body).decode(),
                    "sign": sign, "content_type": content_type})


valid = json.dumps(VALID)
# Malformed and truncated JSON.
for cut in range(1, len(valid), 4):
    add("truncated at %d" % cut, valid[:cut])
for garbage in ["{", "}", "[", "]", "{]", "[}", "{\"a\"}", "{\"a\":}", "{,}", "[,]", "nul", "tru", "\"abc",
                "{'resource_link': 'x'}", "{\"resource_link\": \"" + LINK + "\",}", "[1,]", "01", "-", "1e", ".5",
                "{\"a\":1}{\"b\":2}", "{} {}", "\t\n ", "/* comment */ {}", "{\"a\": undefined}", "{\"a\": 0x10}",
                "{\"resource_link\": \"\\ud800\"}", "{\"resource_link\": \"\\u12\"}", "{\"a\":\"\\q\"}"]:
    add("malformed " + garbage[:30], garbage)
# Deep nesting.
for depth in (100, 1000, 10000, 100000 // 4):
    add("nested arrays %d" % depth, "[" * depth + "]" * depth)
    add("nested objects %d" % depth, "{\"a\":" * depth + "1" + "}" * depth)
add("nested unclosed", "[" * 5000)
# Huge numbers and strings.
for number in ["1" * 400, "1e999999", "-1e999999", "1" * 2000, "0." + "0" * 3000 + "1", "123456789012345678901234567890"]:
    add("huge number count " + number[:20], "{\"resource_link\": \"%s\", \"enrollment_count\": %s}" % (LINK, number))
    add("huge number price " + number[:20], "{\"resource_link\": \"%s\", \"price\": %s}" % (LINK, number))
add("huge string link", json.dumps({"resource_link": LINK + "x" * 30000, "languages": ["en"]}))
add("huge string discount", json.dumps(dict(VALID, discount="d" * 30000)))
add("many languages", json.dumps(dict(VALID, languages=["en"] * 5000)))
add("many keys", json.dumps(dict(VALID, **{"k%d" % i: i for i in range(3000)})))
add("huge batch of bad items", json.dumps([{"resource_link": LINK, "enrollment_count": "x"}] * 500))
# Wrong types for every field, on create (full validation).
for field in FIELDS:
    for value in WRONG_VALUES:
        payload = dict(VALID)
        payload[field] = value
        add("wrong %s=%s" % (field, json.dumps(value)[:20]), json.dumps(payload))
# Bodies that are not objects, and batches of non-objects.
for value in ["\"str\"", "1", "1.5", "true", "null", "[1, 2]", "[null]", "[\"x\"]", "[[]]", "[{}]", "[{\"resource_link\": 1}]",
              "[{\"resource_link\": null}]", "[{\"resource_link\": \"  \"}]"]:
    add("body " + value, value)
# Invalid UTF-8 and NUL bytes.
for raw in [b"\xff\xfe", b"{\"resource_link\": \"\xc3\x28\"}", b"{\"a\": \"\xed\xa0\x80\"}", b"\xc0\xaf", b"{\"a\":\"\xf8\x88\x80\x80\x80\"}",
            b"\x00", b"{\"resource_link\": \"a\x00b\"}", b"{\x00}", b"\xef\xbb\xbf{}", b"\xfe\xff\x00{\x00}"]:
    add("bytes " + raw[:12].hex(), raw)
add("escaped NUL in link", json.dumps({"resource_link": LINK + "\u0000", "languages": ["en"]}))
add("control chars in link", json.dumps({"resource_link": "\u0001\u0002" + LINK, "languages": ["en"]}))
# Duplicate keys.
add("duplicate link", "{\"resource_link\": \"x\", \"resource_link\": \"%s\", \"languages\": [\"en\"]}" % LINK)
add("duplicate count", "{\"resource_link\": \"%s\", \"enrollment_count\": 1, \"enrollment_count\": \"x\"}" % LINK)
# Odd content types.
for content_type in ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                     "application/json; charset=latin1", "", "garbage/", "application/json;;;", "application/vnd.api+json",
                     "*/*", "application/*", "text/json", "application/JSON", "application/json; charset=\"utf-8\""]:
    add("content type " + repr(content_type), valid, content_type=content_type)
# Headers with non-ASCII and control characters.
add("authorization non-ascii", valid, sign=False, raw_header="Authorization: SIG-HMAC-SHA256 é€\r\n".encode())
add("authorization latin1", valid, sign=False, raw_header=b"Authorization: SIG-HMAC-SHA256 \xe9\xe9\r\n")
add("authorization control", valid, sign=False, raw_header=b"Authorization: SIG-HMAC-SHA256 \x01\x02\r\n")
add("authorization empty", valid, sign=False, raw_header=b"Authorization: \r\n")
add("authorization huge", valid, sign=False, raw_header=b"Authorization: " + b"a" * 6000 + b"\r\n")
add("timestamp junk", valid, raw_header=b"X-Coursesync-Timestamp: abc\r\n")
add("timestamp huge", valid, raw_header=b"X-Coursesync-Timestamp: 99999999999999999999999\r\n")
add("timestamp negative", valid, raw_header=b"X-Coursesync-Timestamp: -1\r\n")
add("header with non-ascii name", valid, raw_header="X-Ñame: v\r\n".encode())
add("header with NUL value", valid, raw_header=b"X-Test: a\x00b\r\n")
add("accept garbage", valid, raw_header=b"Accept: ;;;,,,/\r\n")
add("accept non-ascii", valid, raw_header="Accept: application/jsoné\r\n".encode())
add("accept xml", valid, raw_header=b"Accept: application/xml\r\n")
add("content-length lies short", valid, raw_header=b"")
# Oversized bodies (the test limits bodies to 64KB).
add("oversized signed", json.dumps(dict(VALID, discount="d" * 70000)))
add("oversized unsigned", "x" * 70000, sign=False)
add("oversized batch", json.dumps([VALID] * 2000))
# Every HTTP method on every path.
PATHS = [SYNC, SYNC + "/", "/api/1.0/course-runs-sync", "/api/1.0/course-runs-sync/", "/api/v2.0/course-runs-sync",
         "/api/admin/courses", "/api/admin/courses/DEMOX", "/api/admin/courses/DEMOX/publish", "/api/admin/courses/DEMOX/runs",
         "/api/admin/course-runs/00000000-0000-0000-0000-000000000000", "/api/admin/course-runs/x", "/api/admin/sync-events",
         "/api/1.0/catalogs/main/course-runs", "/api/1.0/catalogs/nope/course-runs", "/actuator/prometheus",
         "/actuator/health", "/actuator/env", "/v3/api-docs", "/", "/nope", "/error"]
for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO"]:
    for path in PATHS:
        add("%s %s" % (method, path), valid if method in ("POST", "PUT", "PATCH") else b"", method=method, path=path,
            sign=path.startswith("/api/v1.0/course") or path.startswith("/api/1.0/course"))
# Bad percent-encoding and odd paths or queries.
for path in [SYNC + "%", "/api/%zz/course-runs-sync", "/api/1.0/catalogs/%E0%A4%A/course-runs", "/api/1.0/catalogs/main/course-runs?page=%zz",
             "/api/1.0/catalogs/main/course-runs?size=%FF", "/api/admin/courses/%00", "/api/..%2f..%2fetc/passwd", "/api/admin/courses/%2e%2e",
             "/api/v1.0/course-runs-sync;jsessionid=x", "/api/v1.0/course-runs-sync?%", "/api//v1.0//course-runs-sync",
             "/api/v1.0/course-runs-sync/%2F", "/api/1.0/catalogs/main/course-runs?start_after=%E9", "/%C0%AF", "/api/admin/courses?sort=%00",
             "/api/1.0/catalogs/main%00/course-runs", "/api/v1.0/course-runs-sync#frag", "/api/1.0/catalogs/main/course-runs?availability=%22",
             "/api/admin/sync-events?since=%ZZ", "/api/v1.0/course-runs-sync\\"]:
    add("path " + path, valid, path=path, method="GET" if "catalogs" in path or "admin" in path else "POST")

for entry in entries:
    print(json.dumps(entry))
