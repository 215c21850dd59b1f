"""A fake Open edX for bench/reconcile.sh: the OAuth2 token endpoint and the Course API
(pages of up to 100 courses, absolute next links), COURSES courses course-v1:edX+BENCH+R<i>."""
import json
import sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlparse, parse_qs

PORT = int(sys.argv[1])
COURSES = int(sys.argv[2])
START = sys.argv[3] if len(sys.argv) > 3 else "2031-01-01T00:00:00Z"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.answer(200, {"access_token": "bench-token", "expires_in": 36000, "token_type": "JWT", "scope": "read"})

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if not self.headers.get("Authorization", "").startswith("JWT "):
            return self.answer(401, {"detail": "no token"})
        page = int(query["page"][0])
        size = min(100, int(query["page_size"][0]))
        pages = max(1, (COURSES + size - 1) // size)
        results = [{"id": "course-v1:edX+BENCH+R%d" % i, "start": START, "end": None,
                    "enrollment_start": "2030-12-01T00:00:00Z", "enrollment_end": None,
                    "hidden": False, "pacing": "instructor", "name": "R%d" % i}
                   for i in range((page - 1) * size, min(COURSES, page * size))]
        nxt = None
        if page < pages:
            nxt = "http://127.0.0.1:%d%s?page=%d&page_size=%d&username=%s" % (
                PORT, url.path, page + 1, size, query.get("username", [""])[0])
        self.answer(200, {"results": results, "pagination": {"next": nxt, "previous": None,
                                                             "count": COURSES, "num_pages": pages}})


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
