"""A fake Open edX for bench/reconcile.sh: the OAuth2 token endpoint and the Course API
(pages of up to 100 courses, absolute next links), COURSES courses course-v1:edX+BENCH+R<i>.
Each listing (each request of page 1) moves every start date one day later than the last, so
that every reconciliation has all its runs to repair."""
import base64
import datetime
import json
import sys
import threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlparse, parse_qs

PORT = int(sys.argv[1])
COURSES = int(sys.argv[2])
def b64(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


# A JWT with Open edX's claims for a global staff service user (signature not checked).
TOKEN = "%s.%s.%s" % (b64({"alg": "HS256", "typ": "JWT"}),
                      b64({"preferred_username": "bench_worker", "administrator": True, "superuser": False,
                           "scopes": ["read", "write", "email", "profile"], "exp": 4102444800}),
                      base64.urlsafe_b64encode(b"not-checked").rstrip(b"=").decode())
FIRST_START = datetime.datetime(2031, 1, 1, tzinfo=datetime.timezone.utc)
generation = [0]
lock = threading.Lock()


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
        self.answer(200, {"access_token": TOKEN, "expires_in": 36000, "token_type": "JWT",
                          "scope": "read write email profile"})

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if not self.headers.get("Authorization", "").startswith("JWT "):
            return self.answer(401, {"detail": "no token"})
        page = int(query["page"][0])
        size = min(100, int(query["page_size"][0]))
        pages = max(1, (COURSES + size - 1) // size)
        with lock:
            if page == 1:
                generation[0] += 1
            start = (FIRST_START + datetime.timedelta(days=generation[0])).strftime("%Y-%m-%dT%H:%M:%SZ")
        results = [{"id": "course-v1:edX+BENCH+R%d" % i, "start": start, "end": None,
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
