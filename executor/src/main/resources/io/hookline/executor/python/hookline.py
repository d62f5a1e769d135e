"""Hookline's helper for execute-webhook datasets (standard library only).

    import hookline
    payload = hookline.data()                      # the request's "data" object
    hookline.write_rows("meetings", [{"id": 1}])   # POST {DEFINITE_API_BASE_URL}/v4/tables/meetings/rows
    hookline.query("SELECT count(*) FROM meetings")  # POST {DEFINITE_API_BASE_URL}/v4/sql
"""
import json
import os
import urllib.parse
import urllib.request

__all__ = ["data", "write_rows", "read_rows", "query", "api"]


def data():
    """The webhook's JSON payload (the file named by WEBHOOK_DATA_FILE), or {} when there is none."""
    path = os.environ.get("WEBHOOK_DATA_FILE")
    if not path or not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def api(method, path, body=None, timeout=30):
    """Calls the Hookline API with the sandbox's key; returns the decoded JSON envelope's data."""
    base = os.environ["DEFINITE_API_BASE_URL"].rstrip("/")
    payload = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(base + path, data=payload, method=method, headers={
        "Authorization": "Bearer " + os.environ["DEFINITE_API_KEY"],
        "Content-Type": "application/json",
    })
    with urllib.request.urlopen(request, timeout=timeout) as response:
        envelope = json.loads(response.read().decode("utf-8"))
    return envelope.get("data")


def write_rows(table, rows):
    """Appends rows (a list of JSON objects) to one of your team's tables."""
    return api("POST", "/v4/tables/%s/rows" % urllib.parse.quote(table, safe=""), {"rows": list(rows)})


def read_rows(table):
    """All rows of one of your team's tables, oldest first (the gateway's pages, followed to the end)."""
    path = "/v4/tables/%s/rows?limit=10000" % urllib.parse.quote(table, safe="")
    page = api("GET", path)
    rows = list(page["rows"])
    while page.get("nextCursor"):
        page = api("GET", path + "&cursor=" + urllib.parse.quote(page["nextCursor"], safe=""))
        rows.extend(page["rows"])
    return dict(page, rows=rows, truncated=False, nextCursor=None)


def query(sql, params=None):
    """One read-only SELECT over your team's tables: {"columns": [{"name", "type"}], "rows": [[...]], "truncated"}."""
    body = {"query": sql}
    if params is not None:
        body["params"] = list(params)
    return api("POST", "/v4/sql", body)
